"""The clubs' provider of catalogue mentions (leviers/catalogue/mentions.py): « Présenté à la
rencontre de Durtal, 11 septembre 2025 », linking to the meeting's report when it is published,
else to the meeting. One query per catalogue page."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from leviers.catalogue import mentions
from leviers.core.text import french_date

GROUP = "rencontres des clubs de collectivités"


def meeting_label(meeting) -> str:
    """« la rencontre de Durtal, 11 septembre 2025 » (or of its title, without a host)."""
    where = meeting.host_commune.name if meeting.host_commune_id else f"« {meeting.title} »"
    return f"la rencontre de {where}, {french_date(meeting.date)}"


def clubs_mentions(kind: str, slug: str) -> list[mentions.Mention]:
    from leviers.clubs.models import CatalogueLink

    links = (
        CatalogueLink.objects.filter(kind=kind, slug=slug, sequence__meeting__is_published=True)
        .select_related(
            "sequence__meeting__club",
            "sequence__meeting__host_commune",
            "sequence__meeting__report",
        )
        .order_by("-sequence__meeting__date", "sequence__position")
    )
    found, seen = [], set()
    for link in links:
        meeting = link.sequence.meeting
        if meeting.pk in seen:
            continue
        seen.add(meeting.pk)
        try:
            report = meeting.report
        except ObjectDoesNotExist:
            report = None
        if report is not None and report.is_published:
            url = reverse("clubs:report", args=[meeting.club.slug, meeting.public_id])
        else:
            url = meeting.get_absolute_url()
        found.append(mentions.Mention(f"Présenté à {meeting_label(meeting)}", url, GROUP))
    return found


def register() -> None:
    mentions.register("clubs", clubs_mentions)
