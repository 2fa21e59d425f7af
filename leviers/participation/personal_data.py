"""What participation holds about a person, for « Mes données » (export and deletion).

Connected to the signals of `leviers.accounts.signals` by `ParticipationConfig.ready()`. A
deleted account's contributions stay for the project, signed « Un habitant », without the name
it showed nor the way to reach it; its supports are removed (a proposal's count drops by one).
"""

from __future__ import annotations

from django.db.models import Q

from leviers.participation.models import Contribution, Support


def personal_data(user) -> dict:
    contributions = (
        Contribution.objects.filter(author=user).select_related("project").order_by("created_at")
    )
    recorded = Contribution.objects.filter(recorded_by=user).exclude(author=user).count()
    return {
        "contributions": [
            {
                "projet": c.project.title,
                "nature": c.get_kind_display(),
                "contribution": c.text,
                "nom_affiche": c.author_name,
                "provenance": c.provenance(),
                "accepte_recontact": c.wants_contact,
                "contact": c.contact,
                "etat": c.get_status_display(),
                "saisie_le": c.created_at.isoformat(),
            }
            for c in contributions
        ],
        "contributions_saisies_pour_des_habitants": recorded,
        "soutiens": [
            {"projet": s.proposal.project.title, "proposition": s.proposal.title}
            for s in Support.objects.filter(user=user).select_related("proposal__project")
        ],
    }


def forget(user) -> None:
    """Contributions stay as « Un habitant »; supports go. Typed-for-others contributions keep
    their collector's name (written by the team, not personal data of this account) but lose
    the link to the account."""
    Contribution.objects.filter(author=user).update(
        author=None, author_name="", wants_contact=False, contact=""
    )
    Contribution.objects.filter(Q(recorded_by=user)).update(recorded_by=None)
    Support.objects.filter(user=user).delete()


def _collect(sender, user, **kwargs) -> dict:
    return personal_data(user)


def _forget(sender, user, **kwargs) -> None:
    forget(user)
