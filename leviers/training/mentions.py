"""« Module de formation : … » on a lever's catalogue page, through the catalogue's extension
point (catalogue/mentions.py, written for issue 15 by the clubs app), when it exists."""

from __future__ import annotations


def connect() -> None:
    """Nothing to register while the catalogue has no extension point."""
