"""What the apps above say about a territory, on its page: « Club des collectivités pour l'ESS
en Pays de la Loire ». The commune and EPCI pages (journey) sit below the clubs on the ladder
and cannot ask them; each app registers a provider in its AppConfig.ready(), and the page asks
`mentions_of(place)`, as catalogue/mentions.py does for the catalogue's entries.

A provider is a function (Place) → list of Mention. A Place is the commune of the page, or the
EPCI with the departments and regions of its member communes (most EPCI lie in one department;
a few straddle two). The provider reads what else it needs itself, in one query at most (the
pages' query counts are pinned).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from leviers.core.providers import Providers


@dataclass(frozen=True)
class Mention:
    text: str  # the link: « Club des collectivités pour l'ESS en Pays de la Loire »
    url: str
    detail: str  # a sentence after it: « Les collectivités de la région s'y retrouvent… »
    group: str  # the heading the page puts it under: « Échanger avec d'autres collectivités »


@dataclass(frozen=True)
class Place:
    """The territory a page is about, as the providers read it."""

    name: str
    departments: frozenset[str]  # department codes
    regions: frozenset[str]  # region codes
    commune: str = ""  # on a commune's page, its INSEE code
    epci: str = ""  # on an EPCI's page, its SIREN

    @classmethod
    def of_commune(cls, commune) -> Place:
        return cls(
            commune.name,
            frozenset([commune.department_id]),
            frozenset([commune.region_id]),
            commune=commune.code,
        )

    @classmethod
    def of_epci(cls, epci, members: Iterable) -> Place:
        """`members`: its communes, as its page has read them (no query here)."""
        members = list(members)
        return cls(
            epci.name,
            frozenset(m.department_id for m in members),
            frozenset(m.region_id for m in members),
            epci=epci.siren,
        )


Provider = Callable[[Place], list[Mention]]
_providers = Providers()
register = _providers.register  # (name, Provider), from an AppConfig.ready()
unregister = _providers.unregister


def mentions_of(place: Place) -> list[Mention]:
    """Every provider's mentions, providers by name, each in its own order."""
    return _providers.gather(place)
