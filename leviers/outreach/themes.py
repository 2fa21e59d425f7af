"""The themes a visit's situation is noted under, and the outcomes of orientations.

The older-people sub-taxonomy of the services directory when it is there (its slugs, so that a
visit's needs and the directory's services speak the same words); this fixed list otherwise.
"""

from __future__ import annotations

THEMES: dict[str, str] = {
    "aide-a-domicile": "Aide à domicile",
    "portage-de-repas": "Portage de repas",
    "transport-solidaire": "Transport, mobilité",
    "teleassistance": "Téléassistance",
    "adaptation-du-logement": "Adaptation du logement",
    "isolement": "Isolement, lien social",
    "acces-aux-droits": "Accès aux droits, démarches",
    "sante": "Santé, soins",
    "aidants": "Aide aux aidants",
    "numerique": "Numérique",
}


def theme_label(slug: str) -> str:
    return THEMES.get(slug, slug)
