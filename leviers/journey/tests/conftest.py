import pytest


@pytest.fixture
def shipped_catalogue(db):
    """The real catalogue shipped in leviers/catalogue/content, loaded into the test database."""
    from leviers.catalogue.content import load_content
    from leviers.catalogue.snapshot import reset_catalogue_cache

    load_content()
    reset_catalogue_cache()
    yield
    reset_catalogue_cache()


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
