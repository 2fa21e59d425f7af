"""The cache holds rate limits: shared by every process in production, bounded in development."""

import json

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import override_settings

from leviers.core.tests.environment import production, start

SHOW_CACHE = (
    "import json; from django.conf import settings as s; print(json.dumps(s.CACHES['default']))"
)


def cache_of(tmp_path, **variables):
    result = start(tmp_path, SHOW_CACHE, DJANGO_SETTINGS_MODULE="leviers.settings", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_without_redis_uses_the_database_cache(tmp_path):
    cache = cache_of(tmp_path, **production())
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_redis_url_selects_redis_in_any_environment(tmp_path):
    url = "redis://127.0.0.1:6379/3"
    for variables in (production(REDIS_URL=url), {"REDIS_URL": url}):
        cache = cache_of(tmp_path, **variables)
        assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert cache["LOCATION"] == url


def test_development_cache_is_bounded_memory(tmp_path):
    cache = cache_of(tmp_path)
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache["OPTIONS"]["MAX_ENTRIES"] > 0


@pytest.mark.django_db
def test_migrations_create_the_cache_table_production_uses():
    assert settings.CACHE_TABLE in connection.introspection.table_names()
    database_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": settings.CACHE_TABLE,
    }
    with override_settings(CACHES={"default": database_cache}):
        shared = caches.create_connection("default")
        shared.set("limite:203.0.113.7", 3)
        # A second handle, as another process would open: it reads what the first wrote.
        assert caches.create_connection("default").get("limite:203.0.113.7") == 3
        shared.clear()
