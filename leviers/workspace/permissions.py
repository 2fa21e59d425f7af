"""The one door for permissions: who may read or write what in a project.

Every view, the API and the admin ask `user.has_perm(<name>, obj)` (or `access.require`);
none checks a membership itself. `obj` is a project or any object of its workspace: each
answers `.project`. Built on `rules` (docs/decisions.md): predicates are plain functions,
tested directly in `tests/test_permissions.py`.

    workspace.view_project     the public page: anyone when the project is public, else its team
    workspace.contribute       give an idea, a need, a remark: any signed-in person on a public
                               project (anonymous contributions are a setting of the project)
    workspace.view_workspace   the private workspace: members of a leading organisation, and
                               facilitators of the network
    workspace.edit_workspace   type contributions collected on paper, record meetings, decisions
    workspace.moderate         hide, merge, tag contributions
    workspace.manage_project   stage, partners, team, settings: admins of a leading organisation
"""

import rules

from leviers.accounts.models import Membership


def _project(obj):
    return getattr(obj, "project", None)


def _roles(user, project) -> set[str]:
    """The roles `user` holds, through active memberships, in the organisations leading
    `project` (read once per request and project)."""
    if not user.is_authenticated or project is None:
        return set()
    cache = user.__dict__.setdefault("_project_roles", {})
    if project.pk not in cache:
        cache[project.pk] = set(
            Membership.objects.filter(
                user=user, is_active=True, organisation_id__in=project.organisation_ids()
            ).values_list("role", flat=True)
        )
    return cache[project.pk]


@rules.predicate
def is_team_member(user, obj) -> bool:
    return bool(_roles(user, _project(obj)))


@rules.predicate
def is_project_admin(user, obj) -> bool:
    return Membership.Role.ADMIN in _roles(user, _project(obj))


@rules.predicate
def is_facilitator(user, obj) -> bool:
    """A facilitator of a leading organisation (a network facilitator curating projects)."""
    return Membership.Role.FACILITATOR in _roles(user, _project(obj))


@rules.predicate
def is_public(user, obj) -> bool:
    project = _project(obj)
    return project is not None and project.is_public


rules.add_perm("workspace.view_project", is_public | is_team_member)
rules.add_perm("workspace.contribute", is_public & rules.is_authenticated | is_team_member)
rules.add_perm("workspace.view_workspace", is_team_member)
rules.add_perm("workspace.edit_workspace", is_team_member)
rules.add_perm("workspace.moderate", is_project_admin | is_facilitator)
rules.add_perm("workspace.manage_project", is_project_admin)


# --- ws12: leading a new project, and the lists that follow the same rules -----------------
#
#     workspace.lead_project     (obj: an Organisation) start a project in its name: its
#                                admins and members (not its facilitators, who curate)
#
# `projects_with_workspace(user)` and `team_of(project)` are the queries behind « Mes projets »
# and the digests: the same rule as `is_team_member`, asked for many projects at once.

LEADING_ROLES = (Membership.Role.ADMIN, Membership.Role.MEMBER)


@rules.predicate
def may_lead_for(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, is_active=True, role__in=LEADING_ROLES
    ).exists()


rules.add_perm("workspace.lead_project", may_lead_for)


def organisations_led_by(user):
    """The organisations in whose name `user` may start a project."""
    from leviers.accounts.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=LEADING_ROLES,
    )


def projects_with_workspace(user):
    """The projects whose workspace `user` sees (`workspace.view_workspace`)."""
    from leviers.accounts.models import Organisation
    from leviers.workspace.models import Project

    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.led_or_co_led_by(Organisation.objects.of(user))


def team_of(project):
    """The active memberships that make `project`'s team (`workspace.view_workspace`)."""
    return Membership.objects.filter(
        is_active=True, organisation_id__in=project.organisation_ids()
    ).select_related("user", "organisation")


# --- participation (part12) -----------------------------------------------------------------
#     participation.contribute   give a contribution online: what workspace.contribute allows,
#                                and anyone, without an account, on a public project that
#                                accepts anonymous contributions
#     participation.support      support a proposal: a signed-in person who may see the project


@rules.predicate
def accepts_anonymous_contributions(user, obj) -> bool:
    project = _project(obj)
    return project is not None and project.anonymous_contributions


rules.add_perm(
    "participation.contribute",
    rules.is_authenticated & is_public
    | is_team_member
    | is_public & accepts_anonymous_contributions,
)
rules.add_perm("participation.support", rules.is_authenticated & (is_public | is_team_member))
