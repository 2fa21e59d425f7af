"""The themes a visit's situation is noted under: the older-people sub-taxonomy of the services
directory (services/taxonomy.py, decision 32), so that a visit's needs and the directory's
services speak the same words, and an orientation can be offered the services of its theme."""

from __future__ import annotations

from leviers.services.taxonomy import LOCAL_THEMES

THEMES: dict[str, str] = {theme.slug: theme.label for theme in LOCAL_THEMES}


def theme_label(slug: str) -> str:
    return THEMES.get(slug, slug)
