"""The INSEE communal density grid (7 levels) and the rural definition that derives from it.

The numbering is INSEE's (DENS7): 3 is "Petites villes" and 4 "Ceintures urbaines".
"""

DENSITY_LABELS = {
    1: "Grands centres urbains",
    2: "Centres urbains intermédiaires",
    3: "Petites villes",
    4: "Ceintures urbaines",
    5: "Bourgs ruraux",
    6: "Rural à habitat dispersé",
    7: "Rural à habitat très dispersé",
}

# "Commune rurale" in the INSEE 2020 definition: levels 5, 6 and 7 of the 7-level grid.
RURAL_LEVELS = frozenset({5, 6, 7})

_BY_LABEL = {label.lower(): level for level, label in DENSITY_LABELS.items()}


def parse_density(value: str) -> int | None:
    """A level from a code ("5") or a label ("Bourgs ruraux"); None when neither."""
    text = value.strip()
    if text.isdigit() and int(text) in DENSITY_LABELS:
        return int(text)
    # Labels may keep their code prefix ("5 - Bourgs ruraux").
    stripped = text.lstrip("0123456789 -–.").strip().lower()
    return _BY_LABEL.get(text.lower(), _BY_LABEL.get(stripped))
