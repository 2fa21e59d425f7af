"""Where else an entry of the catalogue appears: « Présenté à la rencontre de Durtal, 11
septembre 2025 », « Module de formation : … ». The catalogue sits low on the ladder and knows
none of the apps that mention it; each of them registers a provider in its AppConfig.ready(),
and the lever, experience and scheme pages ask `mentions_of(kind, slug)`.

A provider is a function (kind, slug) → list of Mention; kind is "lever", "experience" or
"scheme". It reads what it needs itself (one query at most: the pages' query counts are pinned).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

KINDS = ("lever", "experience", "scheme")


@dataclass(frozen=True)
class Mention:
    text: str  # « Présenté à la rencontre de Durtal, 11 septembre 2025 »
    url: str
    group: str  # what the page's heading groups them by: « Rencontres des clubs »


Provider = Callable[[str, str], list[Mention]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Called from an AppConfig.ready(); registering the same name again replaces it."""
    _providers[name] = provider


def mentions_of(kind: str, slug: str) -> list[Mention]:
    if kind not in KINDS:
        raise ValueError(f"unknown catalogue kind {kind!r}")
    found: list[Mention] = []
    for name in sorted(_providers):
        found.extend(_providers[name](kind, slug))
    return found
