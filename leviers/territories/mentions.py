"""What the apps above say about a commune, on its page: « Club des collectivités pour l'ESS en
Pays de la Loire ». The commune page (journey) sits below the clubs on the ladder and cannot
ask them; each app registers a provider in its AppConfig.ready(), and the page asks
`mentions_of(commune)`, as catalogue/mentions.py does for the catalogue's entries.

A provider is a function (commune) → list of Mention. The commune comes with its department
and region loaded; the provider reads what else it needs itself, in one query at most (the
page's query count is pinned).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    text: str  # the link: « Club des collectivités pour l'ESS en Pays de la Loire »
    url: str
    detail: str  # a sentence after it: « Les collectivités de la région s'y retrouvent… »
    group: str  # the heading the page puts it under: « Échanger avec d'autres collectivités »


Provider = Callable[[object], list[Mention]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Called from an AppConfig.ready(); registering the same name again replaces it."""
    _providers[name] = provider


def unregister(name: str) -> None:
    _providers.pop(name, None)


def mentions_of(commune) -> list[Mention]:
    """Every provider's mentions, providers by name, each in its own order."""
    found: list[Mention] = []
    for name in sorted(_providers):
        found.extend(_providers[name](commune))
    return found
