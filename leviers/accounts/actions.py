"""Writes of the accounts app that touch several records or send mail (`entity_verb`)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from leviers.accounts.models import (
    INVITATION_VALIDITY,
    Invitation,
    Membership,
    Organisation,
    User,
    hash_token,
)
from leviers.accounts.signals import forget_user, membership_changed


class LastAdminError(ValidationError):
    pass


def _keeps_an_admin(membership: Membership, *, role: str, is_active: bool) -> bool:
    if membership.role != Membership.Role.ADMIN or not membership.is_active:
        return True
    if role == Membership.Role.ADMIN and is_active:
        return True
    return (
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Membership.Role.ADMIN)
        .filter(is_active=True)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_update(
    membership: Membership, *, role: str, is_active: bool, by: User | None = None
) -> Membership:
    """Change a member's role, deactivate or reactivate them; an organisation always keeps at
    least one active admin (else nobody could manage it any more). Who may ask is the view's
    question (permissions.may_set_membership); `by` is told to `membership_changed`."""
    role_before, active_before = membership.role, membership.is_active
    if role not in Membership.Role.values:
        raise ValidationError(f"Le rôle « {role} » n'existe pas.")
    if not _keeps_an_admin(membership, role=role, is_active=is_active):
        raise LastAdminError(
            f"{membership.user.display_name()} est le dernier administrateur actif de "
            f"{membership.organisation.name} : nommez d'abord un autre administrateur."
        )
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    if is_active:
        membership.reactivate()
    else:
        membership.deactivate()
    if (role_before, active_before) != (role, is_active):
        membership_changed.send(
            sender=Membership,
            membership=membership,
            role_before=role_before,
            active_before=active_before,
            by=by,
        )
    return membership


@transaction.atomic
def membership_grant(organisation: Organisation, user: User, role: str, *, by=None) -> Membership:
    """Give `user` the role `role` in `organisation`, creating their membership if need be (the
    operator naming a team's first coordinator: `leviers nommer-coordinateur`)."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if created:
        membership_changed.send(
            sender=Membership,
            membership=membership,
            role_before="",
            active_before=False,
            by=by,
        )
        return membership
    return membership_update(membership, role=role, is_active=True, by=by)


def invitation_send(
    organisation: Organisation, *, email: str, role: str, invited_by: User, accept_url
) -> Invitation:
    """Invite `email` to join `organisation` as `role`: a link valid 14 days, used once.

    `accept_url(token)` builds the absolute link (the view knows the host). The mail leaves
    after the invitation is saved (on commit), so a failed save sends nothing."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email.strip(),
            role=role,
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now() + INVITATION_VALIDITY,
        )
        context = {"invitation": invitation, "url": accept_url(token), "inviter": invited_by}
        transaction.on_commit(
            lambda: send_mail(
                f"[Leviers] Invitation à rejoindre {organisation.name}",
                render_to_string("accounts/email/invitation.txt", context),
                settings.DEFAULT_FROM_EMAIL,
                [invitation.email],
            )
        )
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def invitation_accept(invitation: Invitation, user: User) -> Membership:
    """`user` joins the organisation with the invited role (a deactivated membership comes
    back). Refused when the invitation was used, has expired, or names another address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError("Cette invitation a déjà servi.")
    if invitation.is_expired:
        raise ValidationError(
            "Cette invitation a expiré : demandez à l'organisation de vous en envoyer une autre."
        )
    if not user_has_verified_email(user, invitation.email):
        raise ValidationError(
            "Cette invitation a été envoyée à une autre adresse électronique que celle de votre "
            "compte : connectez-vous avec l'adresse qui l'a reçue."
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if created:
        membership_changed.send(
            sender=Membership,
            membership=membership,
            role_before="",
            active_before=False,
            by=invitation.invited_by,
        )
    else:
        # Never lowers a role the person already holds.
        role = (
            membership.role
            if membership.is_active and _rank(membership.role) > _rank(invitation.role)
            else invitation.role
        )
        membership_update(membership, role=role, is_active=True, by=invitation.invited_by)
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _rank(role: str) -> int:
    # The outreach roles rank with « animateur »: an invitation never lowers an admin, and an
    # outreach invitation lifts a plain member (it was a KeyError before).
    return {
        Membership.Role.MEMBER: 0,
        Membership.Role.FACILITATOR: 1,
        Membership.Role.INTERVENANT: 1,
        Membership.Role.COORDINATOR: 1,
        Membership.Role.ADMIN: 2,
    }[role]


def user_has_verified_email(user: User, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def account_delete(user: User) -> None:
    """Forget a person: every app anonymises or deletes what it holds (signal `forget_user`,
    inside this transaction: one refusal and nothing is forgotten), then the account goes with
    its addresses, memberships and sessions. Invitations they sent stay, unsigned."""
    from allauth.usersessions.models import UserSession

    forget_user.send(sender=User, user=user)
    for session in UserSession.objects.filter(user=user):
        session.end()
    user.delete()
