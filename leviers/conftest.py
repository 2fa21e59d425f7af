"""Test fixtures shared by every app.

The test database holds the real referential (the bundle Leviers ships, loaded once per
session), so tests read real communes: Pommerieux, Durtal, Aubigné-Racan...
"""

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from leviers.territories.importers.decoupage import import_referential

    with django_db_blocker.unblock():
        import_referential(progress=False)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pages cached by one test must not answer another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_search_index():
    from leviers.territories.search import reset_index

    reset_index()
    yield
    reset_index()


@pytest.fixture
def catalogue(db):
    """The real catalogue shipped in leviers/catalogue/content, loaded into the test database."""
    from leviers.catalogue.content import load_content
    from leviers.catalogue.snapshot import reset_catalogue_cache

    load_content()
    reset_catalogue_cache()
    yield
    reset_catalogue_cache()


@pytest.fixture
def shared_data() -> Path:
    """The folder of real public files beside the repository (skips when absent)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"données partagées absentes ({SHARED_DATA})")
    return SHARED_DATA
