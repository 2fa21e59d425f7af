import csv
from pathlib import Path

import pytest

from leviers.observatory.synthetic import generate

from .fixtures import pommerieux  # noqa: F401 - the page tests' commune


@pytest.fixture(scope="session")
def synthetic_stock(tmp_path_factory) -> Path:
    """Small synthetic SIRENE stock files (official format), written once per session."""
    folder = tmp_path_factory.mktemp("sirene")
    generate(folder, 6_000, 8_000)
    return folder


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from leviers.observatory.directory.ratelimit import submissions

    submissions.reset()
    yield
    submissions.reset()
