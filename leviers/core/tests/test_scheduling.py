"""How `make test` shares the files between its workers (leviers/testing/scheduling.py)."""

import re
from pathlib import Path

from leviers.testing.scheduling import OPENFISCA_FILES, OPENFISCA_UNIT, unit_of

ROOT = Path(__file__).resolve().parents[3]


def test_the_openfisca_files_are_those_with_tests_marked_openfisca():
    marked = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "leviers").rglob("test_*.py")
        if re.search(r"pytest\.mark\.openfisca\b", path.read_text(encoding="utf-8"))
    }
    assert marked == OPENFISCA_FILES


def test_the_openfisca_files_make_one_unit_and_every_other_file_its_own():
    assert {unit_of(f"{path}::test_x") for path in OPENFISCA_FILES} == {OPENFISCA_UNIT}
    assert unit_of("leviers/outreach/tests/test_roles.py::test_x[a::b]") == (
        "leviers/outreach/tests/test_roles.py"
    )
    assert unit_of("leviers/core/tests/test_memory.py::test_x") != unit_of(
        "leviers/core/tests/test_shell.py::test_x"
    )
