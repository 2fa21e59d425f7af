"""The reminder of a meeting: one e-mail to each registered person, CLUB_REMINDER_DAYS before
(`leviers rappeler-rencontres`, once a day from cron, docs/notifications.md).

Idempotent as workspace/digest.py: each e-mail is claimed by a conditional UPDATE of its
registration's `reminded_at` (`WHERE reminded_at IS NULL`) in the transaction that sends it, so
a second run, or two runs at once, send nothing more; a failed sending rolls the claim back.
Someone who cancels and registers again is reminded again (actions.register clears it)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from leviers.clubs.mentions import meeting_label
from leviers.clubs.models import Registration


def due(now: datetime.datetime):
    today = timezone.localdate(now)
    return (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            reminded_at__isnull=True,
            meeting__is_published=True,
            meeting__date__gte=today,
            meeting__date__lte=today + datetime.timedelta(days=settings.CLUB_REMINDER_DAYS),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "meeting__club", "meeting__host_commune")
        .order_by("meeting__date", "pk")
    )


def message(registration: Registration, connection=None) -> EmailMessage:
    meeting = registration.meeting
    label = meeting_label(meeting)
    body = render_to_string(
        "clubs/email/reminder.txt",
        {
            "user": registration.user,
            "meeting": meeting,
            "label": label,
            "url": settings.SITE_URL + meeting.get_absolute_url(),
        },
    )
    return EmailMessage(
        f"Rappel : {label}", body, to=[registration.user.email], connection=connection
    )


def send(now: datetime.datetime) -> tuple[int, int]:
    """(sent, skipped because another run sent them)."""
    sent = skipped = 0
    pending = list(due(now))
    if not pending:
        return 0, 0
    with get_connection() as connection:
        for registration in pending:
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration.pk, reminded_at__isnull=True
                ).update(reminded_at=now)
                if not claimed:
                    skipped += 1
                    continue
                message(registration, connection).send()
                sent += 1
    return sent, skipped
