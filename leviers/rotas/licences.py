"""Temporary drinks licences: how many an association has used in a calendar year, against the
legal limit (settings.ROTAS_DRINKS_LICENCES_PER_YEAR, see docs/creneaux.md for the law).

An evening with a bar (« buvette ») held by an association needs a temporary licence from the
mayor (Code de la santé publique, article L3334-2). The count covers every project of Leviers
(the limit is per association, not per project); it cannot know the licences asked outside.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Verdict:
    """After this slot: `used` licences of `limit` in `year`."""

    holder: str
    year: int
    used: int
    limit: int

    @property
    def refused(self) -> bool:
        return self.used > self.limit

    @property
    def warning(self) -> str:
        """A French sentence when the association reaches its last licences, else ''."""
        if self.refused or self.limit - self.used > settings.ROTAS_DRINKS_LICENCES_WARN_REMAINING:
            return ""
        left = self.limit - self.used
        rest = "plus aucune autre" if left == 0 else f"encore {left}"
        return (
            f"Attention : {self.holder} en est à {self.used} autorisation(s) temporaire(s) de "
            f"débit de boissons sur {self.limit} en {self.year} ; {rest} possible cette année."
        )

    @property
    def refusal(self) -> str:
        return (
            f"{self.holder} a déjà {self.used - 1} autorisation(s) temporaire(s) de débit de "
            f"boissons en {self.year} : la limite légale est de {self.limit} par association et "
            "par année civile (Code de la santé publique, article L3334-2). Choisissez un "
            "créneau sans buvette ou une autre association."
        )


def verdict_for(slot, *, organisation=None, name: str = "", excluding=()) -> Verdict | None:
    """The count if `slot` goes to `organisation` (or the association named `name`), or None
    when the slot needs no licence. `excluding`: slots the association gives up at once."""
    from leviers.rotas.models import Slot

    if not slot.needs_licence or (organisation is None and not name):
        return None
    year = slot.local_start.year
    held = Slot.objects.licences_of(organisation=organisation, name=name, year=year)
    used = held.exclude(pk__in=[slot.pk, *excluding]).count() + 1
    holder = organisation.name if organisation else name
    return Verdict(holder, year, used, settings.ROTAS_DRINKS_LICENCES_PER_YEAR)
