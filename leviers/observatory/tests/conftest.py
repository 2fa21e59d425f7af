from pathlib import Path

import pytest

from leviers.testing.sirene import generate

from .fixtures import pommerieux  # noqa: F401 - the page tests' commune


@pytest.fixture(scope="session")
def synthetic_stock(tmp_path_factory) -> Path:
    """Small synthetic SIRENE stock files (official format), written once per session."""
    folder = tmp_path_factory.mktemp("sirene")
    generate(folder, 6_000, 8_000)
    return folder
