import contextlib

import pytest

from leviers.testing.http import served_folder


@pytest.fixture
def shipped_catalogue(catalogue):
    """The real catalogue shipped in leviers/catalogue/content (loaded once per session)."""


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def serve():
    """serve(folder) → the base address of a server on 127.0.0.1 giving the files of folder."""
    with contextlib.ExitStack() as servers:
        yield lambda folder: servers.enter_context(served_folder(folder)) + "/"
