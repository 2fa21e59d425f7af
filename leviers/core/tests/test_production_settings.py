"""The settings module as a server starts it: in a fresh process, from environment variables."""

import secrets

import pytest

from leviers.core.tests.environment import production, start

# The commands of a first deployment, which the static files check must not block.
FIRST_DEPLOYMENT = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('check'); call_command('collectstatic', '--no-input', verbosity=0); "
    "call_command('check', '--deploy', '--fail-level', 'ERROR')"
)


@pytest.fixture(scope="module")
def first_deployment(tmp_path_factory):
    """A fresh folder where the commands of a first deployment ran in production; their run."""
    folder = tmp_path_factory.mktemp("production")
    variables = production(DJANGO_SETTINGS_MODULE="leviers.settings")
    return folder, start(folder, FIRST_DEPLOYMENT, **variables)


@pytest.fixture(scope="module")
def collected(first_deployment):
    """A folder where `leviers collectstatic` ran with the production storage."""
    folder, result = first_deployment
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize("value", ["prod", "Production", "PRODUCTION", "dev", "staging"])
def test_unknown_environment_refuses_to_start(tmp_path, value):
    result = start(tmp_path, LEVIERS_ENV=value)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"LEVIERS_ENV={value!r} n'est pas reconnue" in result.stderr


def test_no_environment_is_development(tmp_path):
    code = "from django.conf import settings as s; print(s.ENVIRONMENT, s.DEBUG)"
    result = start(tmp_path, code, DJANGO_SETTINGS_MODULE="leviers.settings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["development", "True"]


@pytest.fixture(scope="module")
def started_worker(collected):
    """A worker started with a complete production configuration: what it printed, « prêt »
    and how many objects it froze (one start for the two tests that read it)."""
    code = "import gc, leviers.wsgi; print('prêt', gc.get_freeze_count())"
    result = start(collected, code, **production())
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_complete_production_configuration_starts(started_worker):
    ready, _frozen = started_worker  # and nothing else printed
    assert ready == "prêt"


def test_a_started_worker_freezes_what_it_loaded(started_worker):
    """`wsgi.py` ends with `core.memory.freeze_startup` (decision 37): Django, the apps and
    every view module (some 140,000 objects) are out of the full garbage collections."""
    _ready, frozen = started_worker
    assert int(frozen) > 50_000


@pytest.mark.parametrize(
    "secret",
    [
        "a" * 40,
        "a" * 80,
        "dev-only-insecure-secret-key-change-me" + secrets.token_urlsafe(30),
        "django-insecure-" + secrets.token_urlsafe(40),
        secrets.token_urlsafe(20),
        "abcdefghij" * 6,
        "",
    ],
    ids=["a40", "a80", "default-with-suffix", "django-insecure", "short", "repeated", "empty"],
)
def test_production_refuses_a_weak_secret(collected, secret):
    result = start(collected, **production(SECRET_KEY=secret))
    assert result.returncode != 0
    assert "refuse de démarrer en production" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_no_secret(collected):
    variables = production()
    del variables["SECRET_KEY"]
    result = start(collected, **variables)
    assert result.returncode != 0
    assert "SECRET_KEY reprend la valeur par défaut" in result.stderr


@pytest.mark.parametrize("hosts", ["", "*", "leviers.example.org,*"])
def test_production_refuses_empty_or_wildcard_hosts(collected, hosts):
    result = start(collected, **production(ALLOWED_HOSTS=hosts))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_debug(collected):
    result = start(collected, **production(DEBUG="1"))
    assert result.returncode != 0
    assert "DEBUG est activé en production" in result.stderr


def test_production_refuses_to_serve_without_collected_static_files(tmp_path):
    result = start(tmp_path, **production())
    assert result.returncode != 0
    assert "collectstatic" in result.stderr


def test_production_refuses_static_files_collected_before_an_upgrade(collected, tmp_path):
    """A manifest that misses a file the code now ships (collectstatic not rerun)."""
    import json
    import shutil

    stale = tmp_path / "stale"
    shutil.copytree(collected, stale)
    manifest_path = stale / "static" / "staticfiles.json"
    manifest = json.loads(manifest_path.read_text())
    dropped = next(name for name in manifest["paths"] if name.startswith("admin/"))
    del manifest["paths"][dropped]
    manifest_path.write_text(json.dumps(manifest))
    result = start(stale, **production())
    assert result.returncode != 0
    assert "absent(s) du manifeste" in result.stderr


def test_migrate_and_collectstatic_still_run_before_the_static_files_exist(first_deployment):
    """The static files check must not block the commands of a first deployment."""
    folder, result = first_deployment
    assert result.returncode == 0, result.stderr
    assert (folder / "static" / "staticfiles.json").is_file()
