"""What the clubs say on the pages of apps below them.

On a catalogue page (leviers/catalogue/mentions.py): « Présenté à la rencontre de Durtal, 11
septembre 2025 », linking to the meeting's report when it is published, else to the meeting.
One query per catalogue page: the announced meetings with a sequence linked to the entry, most
recent first, MAX_MENTIONS at most.

On a commune or EPCI page (leviers/territories/mentions.py): the clubs covering its department
or its region (an EPCI's: those of its member communes), with their next announced meeting. One
query per page.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from leviers.catalogue import mentions
from leviers.core.text import french_date
from leviers.territories import mentions as territory_mentions

GROUP = "rencontres des clubs de collectivités"
COMMUNE_GROUP = "Échanger avec d'autres collectivités"
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


def clubs_of_place(place: territory_mentions.Place) -> list[territory_mentions.Mention]:
    """The clubs whose territory holds the place (its department's first, then its region's;
    an EPCI's, those of any of its member communes)."""
    from leviers.clubs.models import Club, ClubMeeting

    next_meeting = (
        ClubMeeting.objects.published()
        .upcoming(timezone.localdate())
        .filter(club=OuterRef("pk"))
        .values("date")[:1]
    )
    clubs = (
        Club.objects.filter(Q(department_id__in=place.departments) | Q(region_id__in=place.regions))
        .only("slug", "name", "department_id")
        .annotate(next_meeting=Subquery(next_meeting))
        .order_by(F("department_id").asc(nulls_last=True), "name")  # a department's first
    )
    found = []
    for club in clubs:
        where = "votre département" if club.department_id else "votre région"
        detail = f"Il réunit des collectivités de {where} pour partager leurs expériences"
        if club.next_meeting:
            detail += f" ; prochaine rencontre le {french_date(club.next_meeting)}."
        else:
            detail += " : rencontres, comptes rendus et lettre du club."
        found.append(
            territory_mentions.Mention(club.name, club.get_absolute_url(), detail, COMMUNE_GROUP)
        )
    return found


def register() -> None:
    mentions.register("clubs", clubs_mentions)
    territory_mentions.register("clubs", clubs_of_place)
