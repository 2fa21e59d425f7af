"""The iCalendar feed: RFC 5545 read back by the `icalendar` parser, its recurrence expanded by
dateutil from the text alone, and compared with what the pages compute."""

from datetime import date, datetime, timedelta

import icalendar
import pytest
from dateutil import rrule
from django.urls import reverse
from django.utils import timezone

from leviers.meetings.feed import FEED_PAST_DAYS
from leviers.meetings.recurrence import PARIS
from leviers.testing.factories import MeetingFactory, ProjectFactory


def _feed(client, project):
    response = client.get(reverse("meetings:feed", args=[project.public_id]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_the_saturday_meeting_repeats_in_a_calendar_as_on_the_page(client):
    meeting = MeetingFactory(cancelled_dates=["2026-07-11"], until=date(2027, 6, 30))
    calendar = _feed(client, meeting.project)
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == f"{meeting.public_id}@testserver"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    # Expanded from the feed's own text, as a calendar application would.
    text = event.content_lines()
    rules = rrule.rrulestr(
        "\n".join(line for line in text if line.startswith(("DTSTART", "RRULE", "EXDATE"))),
        forceset=True,
        tzids={"Europe/Paris": PARIS},
    )
    year = (datetime(2026, 6, 1, tzinfo=PARIS), datetime(2027, 7, 1, tzinfo=PARIS))
    assert rules.between(*year) == meeting.recurrence.between(*year)
    assert date(2026, 7, 11) not in {o.date() for o in rules.between(*year)}
    assert not any(o.month == 8 for o in rules.between(*year))


@pytest.mark.django_db
def test_meetings_kept_for_the_team_stay_out_of_the_feed(client):
    project = ProjectFactory()
    MeetingFactory(project=project, title="Réunion publique")
    MeetingFactory(project=project, title="Copil à huis clos", is_public=False)
    calendar = _feed(client, project)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Réunion publique"]


@pytest.mark.django_db
def test_a_one_off_meeting_has_no_rrule(client, django_assert_num_queries):
    soon = timezone.now() + timedelta(days=3)
    meeting = MeetingFactory(once=True, duration_minutes=90, starts_at=soon)
    with django_assert_num_queries(2):  # the project, its meetings
        calendar = _feed(client, meeting.project)
    (event,) = calendar.walk("VEVENT")
    assert "RRULE" not in event
    assert event.decoded("DTEND") - event.decoded("DTSTART") == (
        datetime(2026, 1, 1, 1, 30) - datetime(2026, 1, 1)
    )


@pytest.mark.django_db
def test_the_feed_keeps_running_and_recent_meetings_not_the_whole_history(client):
    project = ProjectFactory()
    now = timezone.now()
    recent = now - timedelta(days=FEED_PAST_DAYS - 5)
    long_ago = now - timedelta(days=FEED_PAST_DAYS + 5)
    MeetingFactory(project=project, once=True, title="Réunion récente", starts_at=recent)
    MeetingFactory(project=project, once=True, title="Réunion ancienne", starts_at=long_ago)
    MeetingFactory(project=project, title="Série en cours", starts_at=now - timedelta(days=700))
    MeetingFactory(
        project=project,
        title="Série finie depuis longtemps",
        starts_at=now - timedelta(days=700),
        until=timezone.localdate(long_ago),
    )
    MeetingFactory(
        project=project,
        title="Série finie récemment",
        starts_at=now - timedelta(days=700),
        until=timezone.localdate(recent),
    )
    calendar = _feed(client, project)
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "Réunion récente",
        "Série en cours",
        "Série finie récemment",
    ]
