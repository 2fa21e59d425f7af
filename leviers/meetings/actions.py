"""Writes of this app that touch several rows or tell the project's activity (`entity_verb`)."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import IntegrityError, transaction

from leviers.accounts.models import hash_token
from leviers.core.locking import claim_version
from leviers.meetings.models import (
    Attendee,
    Decision,
    FeedToken,
    Meeting,
    Registration,
    Sitting,
)
from leviers.workspace import activity


class RegistrationRefused(Exception):
    """Why a person may not register for this date, in French."""


def _record(project, kind: str, text: str, url: str, actor=None) -> None:
    """Tell the project's activity (digests)."""
    activity.record(project, kind, text, url, actor=actor)


@transaction.atomic
def meeting_save(form, *, actor) -> Meeting:
    """Raises StaleVersion when someone saved the meeting since the form was read."""
    created = form.instance.pk is None
    if not created:
        claim_version(form.instance, form.cleaned_data["version"])
    meeting = form.save()
    if created:
        _record(
            meeting.project,
            "meeting",
            f"Réunion prévue : {meeting.title}, {meeting.describe()}",
            meeting.get_absolute_url(),
            actor=actor,
        )
    return meeting


@transaction.atomic
def sitting_save(form, *, actor) -> Sitting:
    """The sitting and its named attendees, replaced together (StaleVersion: see above)."""
    if form.instance.pk is not None:
        claim_version(form.instance, form.cleaned_data["version"])
    sitting = form.save()
    sitting.attendees.all().delete()
    Attendee.objects.bulk_create(Attendee(sitting=sitting, **row) for row in form.attendees())
    return sitting


@transaction.atomic
def decision_save(form, *, actor) -> Decision:
    created = form.instance.pk is None
    if not created:
        claim_version(form.instance, form.cleaned_data["version"])
    decision = form.save(commit=False)
    if created:
        decision.recorded_by = actor
    decision.save()
    if created:
        _record(
            decision.project,
            "decision",
            f"Décision : {decision.title} ({decision.how()})",
            decision.get_absolute_url(),
            actor=actor,
        )
    return decision


def registration_toggle(meeting: Meeting, user, day: date, *, today: date) -> bool:
    """Register `user` for `day`, or unregister them when they were. True when now registered."""
    with transaction.atomic():
        # The meeting row locked: two last seats are not given to three people.
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        mine = meeting.registrations.filter(user=user, occurs_on=day)
        if mine.exists():
            mine.delete()
            return False
        if not meeting.registration:
            raise RegistrationRefused("Cette réunion ne prend pas d'inscriptions.")
        if day < today or not meeting.occurs_on(day):
            raise RegistrationRefused("La réunion n'a pas lieu à cette date.")
        taken = meeting.registrations.filter(occurs_on=day).count()
        if meeting.capacity is not None and taken >= meeting.capacity:
            raise RegistrationRefused("Il n'y a plus de place à cette date.")
        try:
            with transaction.atomic():
                Registration.objects.create(meeting=meeting, user=user, occurs_on=day)
        except IntegrityError:  # the same person, twice at once
            pass
        return True


@transaction.atomic
def feed_token_renew(project, user) -> str:
    """A new secret feed address for `user` on `project`; the former one stops working.
    Returns the token (shown once: only its hash is kept)."""
    token = secrets.token_urlsafe(24)
    FeedToken.objects.filter(project=project, user=user).delete()
    FeedToken.objects.create(project=project, user=user, token_hash=hash_token(token))
    return token


def feed_token_revoke(project, user) -> bool:
    return FeedToken.objects.filter(project=project, user=user).delete()[0] > 0
