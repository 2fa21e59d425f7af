"""X-Forwarded-Proto says "this came in over HTTPS": believed only from a configured proxy."""

import pytest
from django.test import override_settings

from leviers.core.tests.environment import production, start

pytestmark = pytest.mark.django_db

# What Django does with the header once believed; the middleware decides who may send it.
BELIEVED = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}


@override_settings(SECURE_SSL_REDIRECT=True, TRUSTED_PROXIES=[], **BELIEVED)
def test_client_claiming_https_without_a_proxy_is_still_redirected(client):
    response = client.get("/a-propos/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@override_settings(SECURE_SSL_REDIRECT=True, TRUSTED_PROXIES=["10.0.0.9"], **BELIEVED)
def test_client_claiming_https_beside_the_proxy_is_still_redirected(client):
    response = client.get("/a-propos/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 301


@override_settings(SECURE_SSL_REDIRECT=True, TRUSTED_PROXIES=["127.0.0.1"], **BELIEVED)
def test_https_reported_by_the_trusted_proxy_is_served(client):
    response = client.get("/a-propos/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200


def test_production_believes_the_header_only_with_a_trusted_proxy(tmp_path):
    code = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
    alone = production(DJANGO_SETTINGS_MODULE="leviers.settings")
    del alone["LEVIERS_TRUSTED_PROXIES"]
    result = start(tmp_path, code, **alone)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"
    behind = production(DJANGO_SETTINGS_MODULE="leviers.settings")
    result = start(tmp_path, code, **behind)
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_removed_behind_https_proxy_variable_is_refused(tmp_path):
    result = start(tmp_path, "import leviers.settings", BEHIND_HTTPS_PROXY="1")
    assert result.returncode != 0
    assert "LEVIERS_TRUSTED_PROXIES" in result.stderr
