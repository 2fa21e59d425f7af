"""Writes of the funding plan that touch several rows or tell the project's activity
(`entity_verb`). Each runs in one transaction: nothing is half written.

Two people editing one application at once lose nothing: the form carries the version it was
read at and `application_update` writes only if the row still has it (one conditional UPDATE);
otherwise `StaleVersion` gives the current row, and the page shows it beside the person's
typing, kept. Instalments, deadlines and documents are rows of their own, added one by one:
two additions at once are two rows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from leviers.core.locking import StaleVersion
from leviers.funding.models import Application, Deadline, Status, StatusChange
from leviers.funding.plan import euros
from leviers.workspace import activity

EDITABLE_FIELDS = ("title", "scheme_slug", "funder", "amount_asked", "amount_granted", "year")
EDITABLE_FIELDS += ("notes",)


def _tell(application: Application, text: str, actor) -> None:
    # No « funding » kind yet among the workspace's activity kinds: « la vie du projet ».
    activity.record(application.project, "project", text, application.get_absolute_url(), actor)


@transaction.atomic
def application_create(form, *, project, by) -> Application:
    application = form.save(commit=False)
    application.project = project
    application.full_clean()
    application.save()
    StatusChange.objects.create(
        application=application,
        status=application.status,
        changed_on=application.status_on,
        note="Demande inscrite au plan de financement",
        by=by if by.is_authenticated else None,
    )
    _tell(
        application,
        f"Demande de financement inscrite : {application.title} "
        f"({euros(application.amount_asked)}).",
        by,
    )
    return application


def application_update(application: Application, version: int, values: dict, *, by) -> Application:
    """Write `values` if the application is still at `version`; else raise StaleVersion."""
    values = {name: values[name] for name in EDITABLE_FIELDS}
    values["funder"] = (values["funder"] or "").strip()
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk, version=version).update(
            **values, version=F("version") + 1, updated_at=timezone.now()
        )
        current = Application.objects.select_related("project").get(pk=application.pk)
        if not updated:
            raise StaleVersion(current)
    return current


def application_set_status(
    application: Application,
    status: str,
    *,
    changed_on: date,
    amount_granted: Decimal | None = None,
    note: str = "",
    by,
) -> StatusChange:
    """Move the application to `status` (with its history); the amount granted comes with
    « accordé » when it was not known yet."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        values = {
            "status": status,
            "status_on": changed_on,
            "version": F("version") + 1,
            "updated_at": timezone.now(),
        }
        if amount_granted is not None:
            values["amount_granted"] = amount_granted
        Application.objects.filter(pk=locked.pk).update(**values)
        change = StatusChange.objects.create(
            application=locked,
            status=status,
            changed_on=changed_on,
            note=" ".join(note.split())[:300],
            by=by if by.is_authenticated else None,
        )
        label = Status(status).label.lower()
        granted = amount_granted if amount_granted is not None else locked.amount_granted
        amount = f" ({euros(granted)})" if granted is not None and status == Status.GRANTED else ""
        locked.project = application.project
        _tell(locked, f"Demande « {locked.title} » : {label}{amount}.", by)
    application.refresh_from_db()
    return change


@transaction.atomic
def part_add(form, *, application):
    """An instalment, a deadline or a document of `application`."""
    part = form.save(commit=False)
    part.application = application
    part.full_clean()
    part.save()
    return part


def deadline_toggle(deadline: Deadline, *, today: date) -> bool:
    """Mark the deadline done, or open again. True when now done."""
    done = deadline.done_on is None
    Deadline.objects.filter(pk=deadline.pk).update(done_on=today if done else None)
    deadline.done_on = today if done else None
    return done


# --- Reminders (`leviers rappeler-echeances`, docs/financement.md) ---------------------------


def deadlines_remind(today: date, leads: list[int]) -> int:
    """Tell each project's activity about its open deadlines that come within one of `leads`
    days and were not told at that lead yet: one activity per deadline and lead, however often
    and however many times at once this runs (a conditional UPDATE claims each reminder).
    Returns the number of reminders written."""
    if not leads:
        return 0
    leads = sorted(set(leads))
    horizon = today.toordinal() + max(leads)
    due = (
        Deadline.objects.open()
        .filter(due_on__gte=today, due_on__lte=date.fromordinal(horizon))
        .select_related("application__project")
    )
    told = 0
    for deadline in due:
        days = deadline.days_left(today)
        lead = min(lead for lead in leads if lead >= days)
        previous = deadline.reminded_lead
        if previous is not None and previous <= lead:
            continue
        with transaction.atomic():
            claimed = (
                Deadline.objects.filter(pk=deadline.pk)
                .filter(Q(reminded_lead__isnull=True) | Q(reminded_lead__gt=lead))
                .update(reminded_lead=lead)
            )
            if not claimed:  # another run told it
                continue
            when = "aujourd'hui" if days == 0 else "demain" if days == 1 else f"dans {days} jours"
            application = deadline.application
            _tell(
                application,
                f"Échéance {when} ({deadline.due_on:%d/%m/%Y}) : {deadline.label}, "
                f"demande « {application.title} ».",
                None,
            )
            told += 1
    return told
