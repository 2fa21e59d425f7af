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

from leviers.core.providers import Providers

KINDS = ("lever", "experience", "scheme")


@dataclass(frozen=True)
class Mention:
    text: str  # « Présenté à la rencontre de Durtal, 11 septembre 2025 »
    url: str
    group: str  # what the page's heading groups them by: « Rencontres des clubs »


Provider = Callable[[str, str], list[Mention]]
_providers = Providers()
register = _providers.register  # (name, Provider), from an AppConfig.ready()
unregister = _providers.unregister


def mentions_of(kind: str, slug: str) -> list[Mention]:
    if kind not in KINDS:
        raise ValueError(f"unknown catalogue kind {kind!r}")
    return _providers.gather(kind, slug)
