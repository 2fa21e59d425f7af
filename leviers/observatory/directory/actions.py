"""Writes of the directory that touch several models: a curator's decision on a proposal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from leviers.observatory.models import ActorLink, ActorProfile, Contribution


def _profile(key: str, *, create: bool) -> ActorProfile:
    """The profile of the actor `key` (a SIRET or an RNA number)."""
    field = "siret" if key.isdigit() else "rna"
    profile = ActorProfile.objects.select_for_update().filter(**{field: key}).first()
    if profile:
        return profile
    if not create:
        raise ValidationError(f"L'acteur {key} n'a pas de fiche.")
    return ActorProfile(**{field: key})


def _review(contribution: Contribution, status: str, by) -> Contribution:
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.status != Contribution.Status.PENDING:
        raise ValidationError("Cette proposition a déjà été relue.")
    locked.status, locked.reviewer, locked.reviewed_at = status, by, timezone.now()
    locked.save(update_fields=["status", "reviewer", "reviewed_at"])
    return locked


@transaction.atomic
def contribution_accept(contribution: Contribution, *, by) -> Contribution:
    """Publish the proposal on the actor's profile (created if needed) and its link."""
    locked = _review(contribution, Contribution.Status.ACCEPTED, by)
    values = locked.proposed
    if locked.what == Contribution.What.VOLUNTEER:
        profile = ActorProfile(rna=locked.actor_key, name=values["name"], commune=locked.commune)
    else:
        profile = _profile(locked.actor_key, create=locked.actor_key.isdigit())
    for field in ("description", "website"):
        if values.get(field):
            setattr(profile, field, values[field])
    contact = " · ".join(v for v in (values.get("email"), values.get("phone")) if v)
    if contact:
        profile.contact = contact
    profile.full_clean()
    profile.save()
    link = values.get("link")
    if link:
        target = _profile(link["target"], create=link["target"].isdigit())
        if target.pk is None:
            target.full_clean()
            target.save()
        ActorLink.objects.get_or_create(
            source=profile, target=target, kind=link["kind"], defaults={"note": link["note"]}
        )
    return locked


@transaction.atomic
def contribution_reject(contribution: Contribution, *, by) -> Contribution:
    """Close the proposal without publishing anything."""
    return _review(contribution, Contribution.Status.REJECTED, by)
