"""Reminders before a slot: one e-mail per person listing their slots of the next hours.

Who: the active members of the association holding a slot, and the volunteers with an account
signed up on it. Each slot is reminded once: `reminded_at` is reserved by a conditional UPDATE
in the transaction that sends, so two runs at once do not send twice, and a failed sending
leaves the slot for the next run (the same scheme as the digests, docs/notifications.md).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from leviers.accounts.models import Membership
from leviers.rotas.models import SignUp, Slot


def due(now: datetime):
    window = timedelta(hours=settings.ROTAS_REMINDER_HOURS)
    return (
        Slot.objects.live()
        .filter(starts_at__gt=now, starts_at__lte=now + window, reminded_at__isnull=True)
        .select_related("series__project", "organisation")
    )


def send_reminders(now: datetime) -> tuple[int, int]:
    """Returns (e-mails sent, slots reminded)."""
    slots = list(due(now))
    if not slots:
        return 0, 0
    by_person: dict = defaultdict(list)
    organisations = {s.organisation_id for s in slots if s.organisation_id}
    members = Membership.objects.filter(
        is_active=True, organisation_id__in=organisations
    ).select_related("user")
    members_of = defaultdict(list)
    for membership in members:
        members_of[membership.organisation_id].append(membership.user)
    for slot in slots:
        for user in members_of.get(slot.organisation_id, []):
            by_person[user].append(slot)
    for signup in SignUp.objects.filter(
        slot__in=slots, volunteer__user__isnull=False
    ).select_related("volunteer__user"):
        slot = next(s for s in slots if s.pk == signup.slot_id)
        by_person[signup.volunteer.user].append(slot)
    sent = 0
    reminded = set()
    with transaction.atomic():
        won = {
            s.pk
            for s in slots
            if Slot.objects.filter(pk=s.pk, reminded_at__isnull=True).update(reminded_at=now)
        }
        for user, theirs in by_person.items():
            theirs = [s for s in theirs if s.pk in won]
            if not theirs or not user.email or not user.is_active:
                continue
            send_mail(
                "Rappel : vos créneaux des prochains jours",
                _body(theirs),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
            sent += 1
        reminded = won
    return sent, len(reminded)


def _body(slots) -> str:
    lines = ["Bonjour,", "", "Pour rappel, vous êtes attendu(e) :", ""]
    for slot in sorted(slots, key=lambda s: s.starts_at):
        start, end = slot.local_start, slot.local_end
        where = f", {slot.series.place}" if slot.series.place else ""
        holder = f" (pour {slot.holder})" if slot.holder else ""
        lines.append(
            f"- {slot.series.title}{holder} : le {start:%d/%m/%Y} de {start:%H:%M} à "
            f"{end:%H:%M}{where} — {settings.SITE_URL}{slot.get_absolute_url()}"
        )
    lines += [
        "",
        "Un empêchement ? Demandez un remplaçant ou proposez un échange sur la page du créneau.",
    ]
    return "\n".join(lines)
