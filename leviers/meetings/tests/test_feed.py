"""The iCalendar feed: RFC 5545 read back by the `icalendar` parser, its recurrence expanded by
dateutil from the text alone, and compared with what the pages compute."""

from datetime import date, datetime, timedelta

import icalendar
import pytest
from dateutil import rrule
from django.urls import reverse
from django.utils import timezone

from leviers.core.ical import UTC
from leviers.meetings.feed import FEED_PAST_DAYS, calendar_of
from leviers.meetings.models import Meeting
from leviers.meetings.recurrence import PARIS
from leviers.testing.factories import MeetingFactory, ProjectFactory


def _feed(client, project):
    response = client.get(reverse("meetings:feed", args=[project.public_id]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_the_saturday_meeting_repeats_in_a_calendar_as_on_the_page(client):
    # Ends some months after today, whatever the day the suite runs: a series ended more than
    # FEED_PAST_DAYS ago leaves the feed.
    until = timezone.localdate() + timedelta(days=200)
    meeting = MeetingFactory(cancelled_dates=["2026-07-11"], until=until)
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
    # From before the first date (6 June 2026) to weeks after the last one: UNTIL must stop it.
    after_until = datetime.combine(until + timedelta(days=60), datetime.min.time(), tzinfo=PARIS)
    whole = (datetime(2026, 6, 1, tzinfo=PARIS), after_until)
    assert rules.between(*whole) == meeting.recurrence.between(*whole)
    assert rules.between(*whole)[-1].date() <= until
    assert date(2026, 7, 11) not in {o.date() for o in rules.between(*whole)}
    assert not any(o.month == 8 for o in rules.between(*whole))


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


def _through_library(project, meetings, *, host, now) -> bytes:
    """The feed as the library's objects write it (the way feed.py wrote it before its events
    became lines): the reference the lines must match."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Leviers//Réunions des projets//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Réunions : {project.title}")
    calendar.add("x-wr-timezone", "Europe/Paris")
    for meeting in meetings:
        rule = meeting.recurrence
        start = rule.start.astimezone(PARIS)
        event = icalendar.Event()
        event.add("uid", f"{meeting.public_id}@{host}")
        event.add("dtstamp", now.astimezone(UTC))
        event.add("last-modified", meeting.updated_at.astimezone(UTC))
        event.add("sequence", int((meeting.updated_at - meeting.created_at).total_seconds()))
        event.add("summary", meeting.title)
        event.add("location", meeting.place)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
        if meeting.agenda:
            event.add("description", meeting.agenda)
        event.add("url", f"https://{host}{meeting.get_absolute_url()}")
        event.add("categories", [meeting.get_kind_display()])
        if ical_rule := rule.ical_rule():
            event.add("rrule", ical_rule)
            if exdates := rule.ical_exdates():
                event.add("exdate", exdates)
        calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=date(now.year - 2, 1, 1), last_date=date(now.year + 3, 1, 1)
    )
    return calendar.to_ical()


def _unfolded(body: bytes) -> list[str]:
    return body.decode().replace("\r\n ", "").split("\r\n")


@pytest.mark.django_db
def test_the_feed_written_as_lines_says_what_the_library_objects_say():
    project = ProjectFactory(title="Guinguette ; « Chez Nous », 2026")
    MeetingFactory(
        project=project,
        cancelled_dates=["2026-07-11", "2026-09-05"],
        until=date(2027, 6, 30),
        agenda="Ordre du jour :\n1. budget, devis ; 2. nom \\ logo\n" + "Très long. " * 20,
    )
    MeetingFactory(project=project, frequency="mensuelle", place="", kind="copil")
    MeetingFactory(project=project, frequency="bimensuelle", title="Atelier " + "é" * 80)
    MeetingFactory(project=project, once=True, agenda="", duration_minutes=90)
    now = timezone.now()
    meetings = list(Meeting.objects.filter(project=project).order_by("starts_at"))
    lines = calendar_of(project, meetings, host="leviers.example:8443", now=now)
    reference = _through_library(project, meetings, host="leviers.example:8443", now=now)
    assert _unfolded(lines) == _unfolded(reference)
    assert all(len(line.encode()) <= 75 for line in lines.decode().split("\r\n"))
    empty = calendar_of(project, [], host="leviers.example", now=now)
    assert empty == _through_library(project, [], host="leviers.example", now=now)
