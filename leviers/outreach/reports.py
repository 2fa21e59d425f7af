"""What the journal's pages read: a person's record, the orientations to follow up, the team's
communes, the statistics (built by the pure `stats` module from plain tuples)."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch

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
    orientations = person.orientations.prefetch_related(
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


def due_orientations(team, today: date, limit: int = 200):
    return list(_due(team, today).select_related("person").order_by("follow_up_on", "id")[:limit])


def due_count(team, today: date | None = None) -> int:
    from django.utils import timezone

    return _due(team, today or timezone.localdate()).count()


def team_communes(team, limit: int = 60) -> list[Commune]:
    """The communes where the team already follows someone (the form's suggestions)."""
    codes = Person.objects.of_team(team).values("commune_id").distinct().order_by()[:limit]
    return list(Commune.objects.filter(code__in=codes).order_by("name"))


def statistics(team, year: int, by: str, min_cell: int) -> stats.Table:
    people = Person.objects.of_team(team)
    visits = Visit.objects.filter(person__in=people, visited_on__year=year).values_list(
        "person__commune__name", "visited_on", "themes"
    )
    orientations = Orientation.objects.filter(person__in=people, created_on__year=year).values_list(
        "person__commune__name", "created_on", "status"
    )
    rights = Right.objects.filter(
        person__in=people, status=Right.Status.OBTAINED, decided_on__year=year
    ).values_list("person__commune__name", "decided_on", "monthly_amount")
    return stats.build(
        visits.iterator(),
        orientations.iterator(),
        rights.iterator(),
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
