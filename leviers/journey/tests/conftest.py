import pytest


@pytest.fixture
def shipped_catalogue(catalogue):
    """The real catalogue shipped in leviers/catalogue/content (loaded once per session)."""


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
