"""The clubs' provider of catalogue mentions (leviers/catalogue/mentions.py): « Présenté à la
rencontre de Durtal, 11 septembre 2025 », linking to the meeting's report when it is published,
else to the meeting. One query per catalogue page: the announced meetings with a sequence
linked to the entry, most recent first, MAX_MENTIONS at most."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from leviers.catalogue import mentions
from leviers.core.text import french_date

GROUP = "rencontres des clubs de collectivités"
MAX_MENTIONS = 10


def meeting_label(meeting) -> str:
    """« la rencontre de Durtal, 11 septembre 2025 » (or of its title, without a host)."""
    where = meeting.host_commune.name if meeting.host_commune_id else f"« {meeting.title} »"
    return f"la rencontre de {where}, {french_date(meeting.date)}"


def clubs_mentions(kind: str, slug: str) -> list[mentions.Mention]:
    from leviers.clubs.models import CatalogueLink, ClubMeeting, Report

    linked = CatalogueLink.objects.filter(kind=kind, slug=slug).values("sequence__meeting_id")
    meetings = (
        ClubMeeting.objects.filter(is_published=True, pk__in=linked)
        .select_related("club", "host_commune")
        .only("public_id", "title", "date", "club__slug", "host_commune__name")
        .annotate(reported=Exists(Report.objects.filter(meeting=OuterRef("pk"), is_published=True)))
        .order_by("-date", "-pk")[:MAX_MENTIONS]
    )
    found = []
    for meeting in meetings:
        name = "clubs:report" if meeting.reported else "clubs:meeting"
        url = reverse(name, args=[meeting.club.slug, meeting.public_id])
        found.append(mentions.Mention(f"Présenté à {meeting_label(meeting)}", url, GROUP))
    return found


def register() -> None:
    mentions.register("clubs", clubs_mentions)
