"""The attendance CSV of a project (`presences-<projet>.csv`), for spreadsheets.

One row per sitting and named person, and one row per sitting for the people present but not
named (the count typed minus the named ones). Names are typed by people: a cell a spreadsheet
would run as a formula is written inert, as the observatory's directory export does (OWASP).
"""

from __future__ import annotations

import csv

from leviers.observatory.directory.export import inert

COLUMNS = ["reunion", "type", "date", "lieu", "present", "college", "compte", "non_nommes"]


def write_attendance(out, sittings) -> None:
    """`sittings` with their meeting, attendees and attendees' members already fetched."""
    out.write("\ufeff")  # Excel reads UTF-8 with its BOM.
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for sitting in sittings:
        meeting = sitting.meeting
        common = [
            meeting.title,
            meeting.get_kind_display(),
            sitting.held_on.isoformat(),
            meeting.place,
        ]
        attendees = list(sitting.attendees.all())
        for attendee in attendees:
            college = attendee.member.get_college_display() if attendee.member else ""
            account = "oui" if attendee.user_id else "non"
            writer.writerow([inert(c) for c in [*common, attendee.name, college, account, ""]])
        unnamed = sitting.attendance(len(attendees)) - len(attendees)
        if unnamed > 0 or not attendees:
            writer.writerow([inert(c) for c in [*common, "", "", "", str(max(unnamed, 0))]])
