"""/sante/ for a load balancer: database, cache and static files, in plain HTTP."""

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The manifest storage that production's extends, without what WhiteNoise adds: the
# compressed copies (.gz, .br), which /sante/ never reads and which cost 5 s of CPU to make.
UNCOMPRESSED_MANIFEST_STORAGE = {
    **MANIFEST_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_health_lists_every_component(client):
    body = client.get("/sante/").json()
    assert body == {
        "status": "ok",
        "composants": {"base de données": "ok", "cache": "ok", "fichiers statiques": "ok"},
    }


@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_answers_plain_http_when_https_is_enforced(client):
    assert client.get("/sante/").status_code == 200
    assert client.get("/a-propos/").status_code == 301


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "table_de_cache_absente",
        }
    }
)
def test_unreachable_cache_is_a_503_naming_the_cache(client):
    response = client.get("/sante/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "erreur"
    assert body["composants"]["cache"] == "cache injoignable"
    assert body["composants"]["base de données"] == "ok"


def test_static_files_not_collected_is_a_503_naming_them(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = MANIFEST_STORAGE
    response = client.get("/sante/")
    assert response.status_code == 503
    assert "Aucun manifeste" in response.json()["composants"]["fichiers statiques"]


def test_collected_static_files_are_healthy_until_removed(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = UNCOMPRESSED_MANIFEST_STORAGE
    call_command("collectstatic", "--no-input", verbosity=0)
    assert client.get("/sante/").status_code == 200
    for stylesheet in (tmp_path / "leviers").glob("leviers.*.css"):
        stylesheet.unlink()
    response = client.get("/sante/")
    assert response.status_code == 503
    assert "absent" in response.json()["composants"]["fichiers statiques"]
