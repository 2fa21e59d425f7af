"""The links between actors shown beside each one in the directory, from the profiles of a page.

`LinkGraph` reads the links touching the given profiles (one query), and the names of the
linked SIRENE establishments whose profile has none (one more query, only when needed).
"""

from __future__ import annotations

from leviers.observatory.models import ActorLink, ActorProfile, EssEstablishment


class LinkGraph:
    def __init__(self, profiles: list[ActorProfile]):
        self.links = list(ActorLink.objects.touching(profiles))
        unnamed = {
            p.siret
            for link in self.links
            for p in (link.source, link.target)
            if p.siret and not p.name
        }
        self.names = (
            dict(EssEstablishment.objects.filter(siret__in=unnamed).values_list("siret", "name"))
            if unnamed
            else {}
        )

    def label(self, profile: ActorProfile) -> str:
        return profile.name or self.names.get(profile.siret) or profile.siret

    def links_of(self, profile: ActorProfile) -> list[dict]:
        """The links of `profile`, each seen from its side: kind, the other actor, the note."""
        found = []
        for link in self.links:
            if link.source_id == profile.pk:
                other = link.target
            elif link.target_id == profile.pk:
                other = link.source
            else:
                continue
            found.append(
                {"kind": link.get_kind_display(), "other": self.label(other), "note": link.note}
            )
        return found
