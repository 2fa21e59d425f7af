"""The CSV of a project's contributions (`contributions-<public id>.csv`), for spreadsheets.

Streamed, every cell inert against CSV injection (`core.csv_export.csv_download`). The way to
reach an inhabitant is written only for the people who may moderate the project (the others
get the column, empty).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from leviers.participation.models import ANONYMOUS_SIGNATURE, Channel, Contribution, Kind

CSV_COLUMNS = [
    "identifiant",
    "nature",
    "contribution",
    "provenance",
    "recueillie_par",
    "rue_ou_hameau",
    "date_recueil",
    "signature",
    "saisie_par_l_equipe",
    "etat",
    "etiquettes",
    "regroupement",
    "accepte_recontact",
    "contact",
]
_FIELDS = (
    "pk",
    "public_id",
    "kind",
    "text",
    "channel",
    "collector",
    "place",
    "collected_on",
    "author_name",
    "recorded_by_id",
    "status",
    "group__title",
    "wants_contact",
    "contact",
)


def contribution_rows(contributions, *, with_contact: bool) -> Iterator[list[str]]:
    """The CSV cells of `contributions` (a queryset, in its order): two queries, the rows and
    every tag name, as plain values (no model instance: a 5,000-row export stays well under a
    second)."""
    kinds, channels = dict(Kind.choices), dict(Channel.choices)
    states = dict(Contribution.Status.choices)
    tags = defaultdict(list)
    for contribution_id, name in (
        Contribution.tags.through.objects.filter(contribution__in=contributions.values("pk"))
        .order_by("tag__name")
        .values_list("contribution_id", "tag__name")
    ):
        tags[contribution_id].append(name)
    for (
        pk,
        public_id,
        kind,
        text,
        channel,
        collector,
        place,
        collected_on,
        author_name,
        recorded_by_id,
        status,
        group_title,
        wants_contact,
        contact,
    ) in contributions.values_list(*_FIELDS).iterator(chunk_size=2000):
        yield [
            public_id,
            kinds.get(kind, kind),
            text,
            channels.get(channel, channel),
            collector,
            place,
            collected_on.isoformat(),
            author_name or ANONYMOUS_SIGNATURE,
            "oui" if recorded_by_id else "non",
            states.get(status, status),
            ", ".join(tags[pk]),
            group_title or "",
            "oui" if wants_contact else "non",
            contact if with_contact else "",
        ]
