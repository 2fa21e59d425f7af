"""How `make test` shares the test files between pytest-xdist's workers.

As `--dist loadfile` (the tests of a file run on one worker, so its module fixtures are built
once), except that the files whose tests build OpenFisca-France's legislation go to one worker
together, as one unit: the legislation takes 4 to 5 s of CPU to build, once per process
(`screening/legislation.py`), and each of the two workers built it before.
"""

from __future__ import annotations

from xdist.scheduler import LoadFileScheduling

# The test files with tests marked `openfisca` (core/tests/test_scheduling.py checks it).
OPENFISCA_FILES = frozenset(
    {
        "leviers/outreach/tests/test_pages.py",
        "leviers/screening/tests/test_openfisca.py",
    }
)
OPENFISCA_UNIT = "openfisca"


def unit_of(nodeid: str) -> str:
    """The unit of work of a test: its file, or OPENFISCA_UNIT for the OpenFisca files."""
    path = nodeid.split("::", 1)[0]
    return OPENFISCA_UNIT if path in OPENFISCA_FILES else path


class SharedSetUpScheduling(LoadFileScheduling):
    """`loadfile`, with the OpenFisca files as one unit."""

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)
