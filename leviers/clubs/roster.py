"""The members of a club and their contacts, as the members' area shows them: two queries
of plain values, whatever the number of members (a club of 200 communes is a page of 600
names; model instances and their template lookups cost more than the page's budget)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from leviers.clubs.models import ClubContact, ClubMember
from leviers.core.text import MONTH_NAMES


@dataclass(frozen=True)
class MemberRow:
    name: str
    public_id: str  # the organisation's
    since: str  # « janvier 2023 »
    contacts: tuple[str, ...]  # « Claire Dupont, maire adjointe »


def _person(name: str, first: str, last: str, username: str, role: str) -> str:
    who = name or f"{first} {last}".strip() or username
    return f"{who}, {role}" if role else who


def roster(club) -> list[MemberRow]:
    contacts = defaultdict(list)
    for member_id, name, first, last, username, role in (
        ClubContact.objects.filter(member__club=club)
        .values_list(
            "member_id", "name", "user__first_name", "user__last_name", "user__username", "role"
        )
        .order_by("pk")
    ):
        contacts[member_id].append(_person(name, first or "", last or "", username or "", role))
    rows = ClubMember.objects.filter(club=club).values_list(
        "pk", "organisation__name", "organisation__public_id", "joined_on"
    )
    return [
        MemberRow(name, public_id, f"{MONTH_NAMES[day.month - 1]} {day.year}", tuple(contacts[pk]))
        for pk, name, public_id, day in rows.order_by("organisation__name", "pk")
    ]
