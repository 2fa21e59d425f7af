import pytest
from django.core.exceptions import ImproperlyConfigured

from leviers.core.checks import check_production_settings, refuse_unsafe_production


def ids(errors):
    return sorted(e.id for e in errors)


def test_development_needs_no_setting(settings):
    settings.PRODUCTION = False
    assert check_production_settings() == []


def test_production_refuses_default_secret_debug_and_empty_hosts(settings):
    settings.PRODUCTION = True
    settings.SECRET_KEY = settings.DEFAULT_SECRET_KEY
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = []
    assert ids(check_production_settings()) == ["leviers.E001", "leviers.E002", "leviers.E003"]
    with pytest.raises(ImproperlyConfigured, match="refuse de démarrer"):
        refuse_unsafe_production()


def test_production_starts_with_a_real_secret(settings):
    settings.PRODUCTION = True
    settings.SECRET_KEY = __import__("secrets").token_urlsafe(50)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["leviers.example.org"]
    assert check_production_settings() == []


def test_env_helpers_fail_loudly_on_bad_values(monkeypatch):
    from leviers.env import env_bool, env_int

    monkeypatch.setenv("X_BOOL", "peut-être")
    monkeypatch.setenv("X_INT", "douze")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL", False)
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 0)
    monkeypatch.setenv("X_BOOL", "oui")
    assert env_bool("X_BOOL", False) is True


def test_production_settings_module_refuses_to_serve(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "LEVIERS_ENV": "production", "LEVIERS_VAR_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", "import leviers.wsgi"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
