"""What the importers of commune lists share beyond the import toolkit of `core`: the form of a
commune code and of a SIREN (read by the situation parser too), commune codes checked in form,
and the arrondissements that are not communes of the referential."""

from __future__ import annotations

import re

from leviers.core.importing import Table

COMMUNE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
SIREN = re.compile(r"^\d{9}$")

# The municipal arrondissements of Paris, Lyon and Marseille have INSEE codes of their own
# (75101-75120, 69381-69389, 13201-13216) but are not communes of the referential.
ARRONDISSEMENTS = {
    **{f"751{n:02d}": "75056" for n in range(1, 21)},
    **{f"6938{n}": "69123" for n in range(1, 10)},
    **{f"132{n:02d}": "13055" for n in range(1, 17)},
}


def commune_code(table: Table, line: int, key: str, value: str) -> str:
    """A commune code checked in form, or an error naming line and column."""
    code = value.strip().upper()
    # Some publications went through a spreadsheet that read the code as a number and lost
    # its leading zero ("1001" for "01001", in the Ain): 4-digit codes are padded back.
    if len(code) == 4 and code.isdigit():
        code = "0" + code
    if not COMMUNE_CODE.match(code):
        raise table.error(
            line,
            key,
            f"code commune invalide « {value} » (5 caractères attendus, par exemple 01001 ou "
            "2A004)",
        )
    return code
