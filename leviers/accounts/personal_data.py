"""« Mes données »: everything Leviers holds about a person, as one JSON document.

This app's own data (the account, its e-mail addresses, memberships, invitations, sessions) is
read here; every other app answers the `collect_personal_data` signal (accounts/signals.py) and
its answer is filed under its app label.
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from leviers.accounts.models import Invitation, User
from leviers.accounts.signals import collect_personal_data


def _date(value):
    return value.isoformat() if value else None


def personal_data(user: User) -> dict:
    """What the accounts app holds about `user`."""
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession

    return {
        "compte": {
            "identifiant": user.username,
            "adresse_electronique": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "inscrit_le": _date(user.date_joined),
            "derniere_connexion": _date(user.last_login),
            "mot_de_passe": "défini" if user.has_usable_password() else "aucun",
        },
        "adresses_electroniques": [
            {"adresse": address.email, "verifiee": address.verified, "principale": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "organisations": [
            {
                "organisation": membership.organisation.name,
                "role": membership.get_role_display(),
                "active": membership.is_active,
                "depuis_le": _date(membership.created_at),
                "desactivee_le": _date(membership.deactivated_at),
            }
            for membership in user.memberships.select_related("organisation").order_by("pk")
        ],
        "invitations_recues": [
            {
                "organisation": invitation.organisation.name,
                "adresse": invitation.email,
                "envoyee_le": _date(invitation.created_at),
                "acceptee_le": _date(invitation.accepted_at),
            }
            for invitation in Invitation.objects.filter(email__iexact=user.email)
            .select_related("organisation")
            .order_by("pk")
        ]
        if user.email
        else [],
        "sessions": [
            {
                "ouverte_le": _date(session.created_at),
                "adresse_ip": session.ip,
                "navigateur": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by("created_at")
        ],
    }


def _label(receiver) -> str:
    config = apps.get_containing_app_config(receiver.__module__)
    return config.label if config else receiver.__module__


def export(user: User) -> dict:
    """The whole export: this app's data, then each app's answer under its label."""
    document = {"exporte_le": timezone.now().isoformat(), "comptes": personal_data(user)}
    for receiver, answer in collect_personal_data.send(sender=User, user=user):
        if answer:
            document.setdefault(_label(receiver), {}).update(answer)
    return document
