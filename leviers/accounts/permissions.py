"""The door for organisations: who may see an organisation and who may run it.

The workspace door (workspace/permissions.py) decides for projects; this one, lower on the
ladder, decides for the organisations themselves, and the workspace's predicates build on the
same memberships. Views, the admin and the API ask `user.has_perm(<name>, organisation)`;
querysets that list organisations (the admin) use `visible_organisations(user)`, which answers
the same question for many at once.

    accounts.view_organisation     its members (active), and the facilitators of a network or
                                   support organisation that accompanies it
    accounts.manage_organisation   its admins (active): members, roles, invitations, details
"""

import rules

from leviers.accounts.models import Membership, Organisation


def visible_organisations(user):
    return Organisation.objects.visible_to(user)


def _roles(user, organisation) -> set[str]:
    if not user.is_authenticated or not isinstance(organisation, Organisation):
        return set()
    cache = user.__dict__.setdefault("_organisation_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = set(
            Membership.objects.filter(
                user=user, is_active=True, organisation=organisation
            ).values_list("role", flat=True)
        )
    return cache[organisation.pk]


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return bool(_roles(user, organisation))


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return Membership.Role.ADMIN in _roles(user, organisation)


@rules.predicate
def is_network_facilitator(user, organisation) -> bool:
    """An active facilitator of a network or support organisation accompanying `organisation`."""
    if not user.is_authenticated or not isinstance(organisation, Organisation):
        return False
    return Membership.objects.filter(
        user=user,
        is_active=True,
        role=Membership.Role.FACILITATOR,
        organisation__accompanied=organisation,
    ).exists()


rules.add_perm(
    "accounts.view_organisation",
    rules.is_superuser | is_organisation_member | is_network_facilitator,
)
rules.add_perm("accounts.manage_organisation", rules.is_superuser | is_organisation_admin)
