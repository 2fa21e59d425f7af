"""What the journal's pages read: a person's record, the orientations to follow up, the team's
communes, the statistics (built by the pure `stats` module from plain tuples)."""

from __future__ import annotations

import json
from datetime import date

from django.db.models import Count, Prefetch, Sum, TextField
from django.db.models.functions import Cast, ExtractQuarter, ExtractYear

from leviers.outreach import stats
from leviers.outreach.models import Orientation, OrientationChange, Person, Right, Visit
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


def team_communes(team, limit: int = 60) -> list[Commune]:
    """The communes where the team already follows someone (the form's suggestions)."""
    codes = Person.objects.of_team(team).values("commune_id").distinct().order_by()[:limit]
    return list(Commune.objects.filter(code__in=codes).order_by("name"))


def statistics(team, year: int, by: str, min_cell: int) -> stats.Table:
    """The year's counts, grouped by the database (commune, quarter, and the visit's themes as
    stored), then laid out by the pure `stats.build`: a few hundred groups rather than
    thousands of rows."""
    names = dict(
        Commune.objects.filter(
            code__in=Person.objects.of_team(team).values("commune_id")
        ).values_list("code", "name")
    )

    def grouped(queryset, day, *fields, **aggregates):
        rows = (
            queryset.annotate(year=ExtractYear(day), quarter=ExtractQuarter(day))
            .values("person__commune_id", "year", "quarter", *fields)
            .annotate(**aggregates)
            .order_by()
        )
        return rows.values_list("person__commune_id", "year", "quarter", *fields, *aggregates)

    people = Person.objects.of_team(team)
    visits = grouped(
        Visit.objects.filter(person__in=people, visited_on__year=year).annotate(
            themes_text=Cast("themes", TextField())
        ),
        "visited_on",
        "themes_text",
        count=Count("id"),
    )
    orientations = grouped(
        Orientation.objects.filter(person__in=people, created_on__year=year),
        "created_on",
        "status",
        count=Count("id"),
    )
    rights = grouped(
        Right.objects.filter(
            person__in=people, status=Right.Status.OBTAINED, decided_on__year=year
        ),
        "decided_on",
        count=Count("id"),
        amount=Sum("monthly_amount"),
    )
    return stats.build(
        ((names[c], y, q, json.loads(themes), n) for c, y, q, themes, n in visits),
        ((names[c], y, q, status, n) for c, y, q, status, n in orientations),
        ((names[c], y, q, n, amount) for c, y, q, n, amount in rights),
        by=by,
        min_cell=min_cell,
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
