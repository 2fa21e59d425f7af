"""The attendance CSV of a project (`presences-<projet>.csv`), for spreadsheets.

One row per sitting and named person, and one row per sitting for the people present but not
named (the count typed minus the named ones). Names are typed by people: a cell a spreadsheet
would run as a formula is written inert, as the observatory's directory export does (OWASP).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from leviers.meetings.models import Attendee, College, MeetingKind, Sitting

COLUMNS = ["reunion", "type", "date", "lieu", "present", "college", "compte", "non_nommes"]


def attendance_rows(project) -> Iterator[list[str]]:
    """The CSV cells of `project`'s sittings, oldest first: two queries (the sittings with
    their meeting, every named attendee with their college), plain values, no model instance."""
    sittings = list(
        Sitting.objects.filter(meeting__project=project)
        .order_by("held_on", "meeting__title")
        .values_list(
            "pk", "held_on", "headcount", "meeting__title", "meeting__kind", "meeting__place"
        )
    )
    named = defaultdict(list)
    for sitting_id, name, college, user_id in (
        Attendee.objects.filter(sitting__meeting__project=project)
        .order_by("name", "pk")
        .values_list("sitting_id", "name", "member__college", "user_id")
    ):
        named[sitting_id].append((name, college, user_id))
    kinds, colleges = dict(MeetingKind.choices), dict(College.choices)
    for pk, held_on, headcount, title, kind, place in sittings:
        common = [title, kinds.get(kind, kind), held_on.isoformat(), place]
        attendees = named[pk]
        for name, college, user_id in attendees:
            yield [*common, name, colleges.get(college, ""), "oui" if user_id else "non", ""]
        # Sitting.attendance(): the count typed, else the named people.
        unnamed = (headcount if headcount is not None else len(attendees)) - len(attendees)
        if unnamed > 0 or not attendees:
            yield [*common, "", "", "", str(max(unnamed, 0))]
