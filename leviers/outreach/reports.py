"""What the journal's pages read: a person's record, the orientations to follow up, the team's
communes, the statistics (built by the pure `stats` module from plain tuples)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Sum, TextField, Value, When
from django.db.models.functions import Cast

from leviers.outreach import stats
from leviers.outreach.models import AccessLog, Orientation, OrientationChange, Person, Right, Visit
from leviers.outreach.themes import THEMES
from leviers.territories.models import Commune

LAST_VISITS = 20


def person_context(person: Person) -> dict:
    """A person's record: their current consent, their last visits, orientations with their
    history, rights, and what the screening may add."""
    consent = person.consents.select_related("recorded_by").first()
    visits = list(person.visits.select_related("worker")[: LAST_VISITS + 1])
    orientations = person.orientations.select_related("service").prefetch_related(
        Prefetch("changes", queryset=OrientationChange.objects.order_by("changed_at", "id"))
    )
    return {
        "consent": consent,
        # What the buttons may offer (actions.require_scope says the same on each write).
        "scopes": consent.scopes if consent and not consent.withdrawn_at else [],
        "visits": visits[:LAST_VISITS],
        "more_visits": len(visits) > LAST_VISITS,
        "orientations": list(orientations),
        "rights": list(person.rights.all()),
        "orientation_statuses": Orientation.Status.choices,
        "right_statuses": Right.Status.choices,
    }


def _due(team, today: date):
    return Orientation.objects.filter(
        person__organisation=team,
        person__anonymised_at__isnull=True,
        person__withdrawn_at__isnull=True,
        status__in=Orientation.OPEN,
        follow_up_on__lte=today,
    )


def due_orientations(team, today: date):
    return _due(team, today).select_related("person", "service").order_by("follow_up_on", "id")


def due_count(team, today: date | None = None) -> int:
    from django.utils import timezone

    return _due(team, today or timezone.localdate()).count()


# --- The access log, page after page -----------------------------------------------------------
# Keyset pagination: a page is « the entries older (or newer) than this one », read from the
# index (organisation, -at, -id) where it starts, so page 200 costs what page 1 costs (an
# OFFSET reads and drops every entry before it). A bound is the entry's time and id, written
# « microseconds since 1970-id »: nothing about a person in the address.

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class BadBound(ValueError):
    """A page address that no entry wrote (typed by hand, cut): show the first page."""


def bound_of(entry: AccessLog) -> str:
    return f"{(entry.at - EPOCH) // timedelta(microseconds=1)}-{entry.pk}"


def _read_bound(text: str) -> tuple[datetime, int]:
    micros, _, pk = text.partition("-")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 18 or len(pk) > 18:
        raise BadBound(text)
    try:
        return EPOCH + timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:  # past the year 9999
        raise BadBound(text) from None


@dataclass(frozen=True)
class LogPage:
    entries: list[AccessLog]
    newer: str | None  # the bound of « Plus récents » (the page's first entry), if any
    older: str | None  # the bound of « Plus anciens » (its last entry), if any


def access_log_page(team, *, before: str = "", after: str = "", size: int) -> LogPage:
    """The `size` entries of the team's access log just older than the bound `before`, or
    just newer than `after`, or the most recent; newest first. One query (two when the page
    asked for newer entries is the first one)."""
    entries = AccessLog.objects.filter(organisation=team).select_related("person", "user", "member")
    if after:
        at, pk = _read_bound(after)
        rows = list(
            entries.filter(at__gte=at)
            .filter(Q(at__gt=at) | Q(pk__gt=pk))
            .order_by("at", "id")[: size + 1]
        )
        if len(rows) > size:
            shown = rows[:size][::-1]
            return LogPage(shown, bound_of(shown[0]), bound_of(shown[-1]))
        before = ""  # back at the top: the first page, full
    newest_first = entries.order_by("-at", "-id")
    if before:
        at, pk = _read_bound(before)
        newest_first = newest_first.filter(at__lte=at).filter(Q(at__lt=at) | Q(pk__lt=pk))
    rows = list(newest_first[: size + 1])
    shown = rows[:size]
    return LogPage(
        shown,
        bound_of(shown[0]) if before and shown else None,
        bound_of(shown[-1]) if len(rows) > size else None,
    )


def team_communes(team, limit: int = 60) -> list[Commune]:
    """The communes where the team already follows someone (the form's suggestions)."""
    codes = Person.objects.of_team(team).values("commune_id").distinct().order_by()[:limit]
    return list(Commune.objects.filter(code__in=codes).order_by("name"))


def _periods(year: int, by: str) -> list[tuple[int, int, date, date]]:
    """(year, quarter, first day, day after) of each period: date ranges, which both databases
    compare on the column's index, where extracting a quarter runs a function on every row."""
    if by == stats.YEAR:
        return [(year, 1, date(year, 1, 1), date(year + 1, 1, 1))]
    starts = [date(year, month, 1) for month in (1, 4, 7, 10)] + [date(year + 1, 1, 1)]
    return [(year, q + 1, starts[q], starts[q + 1]) for q in range(4)]


def _period_of(field: str, periods) -> Case | Value:
    """The period's number (0, 1...) of a row's date, as a CASE on date ranges: the rows are
    grouped once by (commune, period), where a count per period and per theme made every
    row evaluate each theme's test four times by quarter. The WHERE keeps the date range on
    the index; EXTRACT(QUARTER) would not be the same function on both databases."""
    if len(periods) == 1:
        return Value(0)
    whens = [
        When(**{f"{field}__lt": end}, then=Value(k)) for k, (_y, _q, _s, end) in enumerate(periods)
    ]
    return Case(*whens[:-1], default=Value(len(periods) - 1), output_field=IntegerField())


def statistics(team, year: int, by: str, min_cell: int) -> stats.Table:
    """The year's counts, grouped by the database: one query per kind (visits, orientations,
    rights obtained), grouped by commune and period (`_period_of`), with a count per theme in
    the same pass; then laid out by the pure `stats.build`."""
    # Grouped by INSEE code; named for the table (the department when two names are the same).
    communes = stats.commune_labels(
        Commune.objects.filter(
            code__in=Person.objects.of_team(team).values("commune_id")
        ).values_list("code", "name", "department__name")
    )
    people = Person.objects.of_team(team)
    periods = _periods(year, by)
    first, last = periods[0][2], periods[-1][3]
    slugs = list(THEMES)

    # A theme's visits: its quoted slug in the stored JSON list (the same text on SQLite and
    # PostgreSQL; no slug is a part of another between quotes).
    theme_counts = {
        f"t{i}": Count("id", filter=Q(themes_text__contains=f'"{slug}"'))
        for i, slug in enumerate(slugs)
    }
    visits = []
    for row in (
        Visit.objects.filter(person__in=people, visited_on__gte=first, visited_on__lt=last)
        .annotate(themes_text=Cast("themes", TextField()), period=_period_of("visited_on", periods))
        .values("person__commune_id", "period")
        .annotate(n=Count("id"), **theme_counts)
        .order_by()
    ):
        y, q = periods[row["period"]][:2]
        themes = {slug: row[f"t{i}"] for i, slug in enumerate(slugs)}
        visits.append((row["person__commune_id"], y, q, row["n"], themes))

    orientations = [
        (row["person__commune_id"], *periods[row["period"]][:2], row["status"], row["n"])
        for row in Orientation.objects.filter(
            person__in=people, created_on__gte=first, created_on__lt=last
        )
        .annotate(period=_period_of("created_on", periods))
        .values("person__commune_id", "period", "status")
        .annotate(n=Count("id"))
        .order_by()
    ]

    rights = [
        (row["person__commune_id"], *periods[row["period"]][:2], row["n"], row["amount"])
        for row in Right.objects.filter(
            person__in=people,
            status=Right.Status.OBTAINED,
            decided_on__gte=first,
            decided_on__lt=last,
        )
        .annotate(period=_period_of("decided_on", periods))
        .values("person__commune_id", "period")
        .annotate(n=Count("id"), amount=Sum("monthly_amount"))
        .order_by()
    ]
    return stats.build(
        visits,
        orientations,
        rights,
        by=by,
        min_cell=min_cell,
        communes=communes,
        theme_labels=THEMES,
        status_labels=dict(Orientation.Status.choices),
    )


# The screening's rights that the record can follow, and the amount to note: what the person
# would receive (the CSS's contribution is what they would pay: no amount).
SCREENED_KINDS = {"aspa": True, "aide_logement": True, "css": False}


def followable(estimates, person: Person) -> list[dict]:
    """One entry per likely right not followed yet: its kind, label and amount to note."""
    followed = (
        {kind for kind in person.rights.values_list("kind", flat=True)} if estimates else set()
    )
    return [
        {
            "kind": estimate.slug,
            "label": estimate.label,
            "amount": estimate.monthly_amount if SCREENED_KINDS[estimate.slug] else None,
        }
        for estimate in estimates
        if estimate.eligible is True
        and estimate.slug in SCREENED_KINDS
        and estimate.slug not in followed
    ]
