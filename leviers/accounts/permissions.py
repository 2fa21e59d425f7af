"""The one door for permissions: who may read or write what, for organisations and projects.

Every view, the API and the admin ask `user.has_perm(<name>, obj)` (views through
`accounts/access.py` and `workspace/access.py`); none checks a membership itself. The rules
are declared here, with `rules` (docs/decisions.md), and nowhere else. Accounts sits low on
the ladder, so the project rules read their object by duck typing: a project, or any object of
its workspace (a contribution, a meeting, a decision...), answers `.project`, and a project
answers `.organisation_ids()`, `.is_public` and `.anonymous_contributions`. Querysets that list
what the same rules allow live beside: `visible_organisations`, `organisations_led_by`,
`team_of` here, `Project.objects.with_workspace_for(user)` in the workspace.

Organisations (obj: an Organisation)

    accounts.view_organisation     its members (active), and the facilitators of a network or
                                   support organisation that accompanies it
    accounts.manage_organisation   its admins (active): members, roles, invitations, details
    workspace.lead_project         start a project in its name: its admins and members (not its
                                   facilitators, who curate)

Projects (obj: a project or an object of its workspace)

    workspace.view_project     the public page: anyone when the project is public, else its team
    workspace.contribute       any signed-in person on a public project, and the team
    workspace.view_workspace   the private workspace: members of a leading organisation
    workspace.edit_workspace   type contributions collected on paper, record meetings, decisions
    workspace.moderate         hide, merge, tag contributions: admins and facilitators
    workspace.manage_project   stage, partners, team, settings: admins of a leading organisation
    participation.contribute   what workspace.contribute allows, and anyone without an account
                               on a public project that accepts anonymous contributions
    participation.support      support a proposal: a signed-in person who may see the project

Tested directly in `accounts/tests/test_permissions_projects.py` and through every URL in the
permission-matrix tests of each app (`leviers/testing/matrix.py`).
"""

import rules

from leviers.accounts.models import Membership, Organisation

# --- Organisations ------------------------------------------------------------------------


def visible_organisations(user):
    return Organisation.objects.visible_to(user)


def _organisation_roles(user, organisation) -> set[str]:
    if not user.is_authenticated or not isinstance(organisation, Organisation):
        return set()
    # On the user itself, not on the request's lazy wrapper (`outreach_allows` gets the
    # wrapper, `user.has_perm` the user): one query per organisation and request either way.
    cache = getattr(user, "_wrapped", user).__dict__.setdefault("_organisation_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = set(
            Membership.objects.filter(
                user=user, is_active=True, organisation=organisation
            ).values_list("role", flat=True)
        )
    return cache[organisation.pk]


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return bool(_organisation_roles(user, organisation))


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return Membership.Role.ADMIN in _organisation_roles(user, organisation)


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


# --- Projects -----------------------------------------------------------------------------


def _project(obj):
    return getattr(obj, "project", None)


def _project_roles(user, project) -> set[str]:
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
    return bool(_project_roles(user, _project(obj)))


@rules.predicate
def is_project_admin(user, obj) -> bool:
    return Membership.Role.ADMIN in _project_roles(user, _project(obj))


@rules.predicate
def is_facilitator(user, obj) -> bool:
    """A facilitator of a leading organisation (a network facilitator curating projects)."""
    return Membership.Role.FACILITATOR in _project_roles(user, _project(obj))


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


# --- Leading a new project, and the lists that follow the same rules -----------------------
#
#     workspace.lead_project     (obj: an Organisation) start a project in its name: its
#                                admins and members (not its facilitators, who curate)
#
# `Project.objects.with_workspace_for(user)` and `team_of(project)` are the queries behind
# « Mes projets » and the digests: the same rule as `is_team_member`, for many projects at once.

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
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=LEADING_ROLES,
    )


def team_of(project):
    """The active memberships that make `project`'s team (`workspace.view_workspace`)."""
    return Membership.objects.filter(
        is_active=True, organisation_id__in=project.organisation_ids()
    ).select_related("user", "organisation")


# --- Participation --------------------------------------------------------------------------
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


# --- Rotas ----------------------------------------------------------------------------------
#     (obj: a series, a slot, a sign-up or a swap of leviers/rotas: each answers `.project` and
#     `.series`; a series answers `.is_public` and `.invited_ids()`, a slot `.organisation_id`,
#     a swap `.from_organisation_id`, `.from_volunteer`, `.to_organisation_id`, `.to_volunteer`)
#
#     rotas.view_series   the project's public page may show it: anyone who may see the project
#                         when the series is announced, else the team
#     rotas.manage        create series, give slots, put people without accounts on the rota,
#                         mark absences, cancel a slot: the team (workspace.edit_workspace)
#     rotas.take_slot     take a free slot of an associations' series: the active members of an
#                         invited association, and the team
#     rotas.hold_slot     release a held slot or propose to swap it: the active members of the
#                         holding association, and the team
#     rotas.sign_up       put oneself on a volunteers' slot: a signed-in person who may see the
#                         series
#     rotas.answer_swap   accept or refuse a swap: the members of the association asked, or the
#                         volunteer asked (their account)
#     rotas.withdraw_swap take back a swap not yet answered: the members of the proposing
#                         association, or the proposing volunteer (their account)
#     rotas.follow_organisation  (obj: an Organisation) the calendar of its slots: its members


def _series(obj):
    return getattr(obj, "series", None)


def _member_of_any(user, organisation_ids) -> bool:
    ids = frozenset(i for i in organisation_ids if i)
    if not user.is_authenticated or not ids:
        return False
    cache = user.__dict__.setdefault("_member_of_any", {})
    if ids not in cache:
        cache[ids] = Membership.objects.filter(
            user=user, is_active=True, organisation_id__in=ids
        ).exists()
    return cache[ids]


@rules.predicate
def is_announced_series(user, obj) -> bool:
    series = _series(obj)
    return series is not None and series.is_public


@rules.predicate
def is_invited_association_member(user, obj) -> bool:
    series = _series(obj)
    return series is not None and _member_of_any(user, series.invited_ids())


@rules.predicate
def is_holding_association_member(user, obj) -> bool:
    return _member_of_any(user, [getattr(obj, "organisation_id", None)])


def _party_in_swap(user, obj, side: str) -> bool:
    if _member_of_any(user, [getattr(obj, f"{side}_organisation_id", None)]):
        return True
    volunteer = getattr(obj, f"{side}_volunteer", None)
    return volunteer is not None and user.is_authenticated and volunteer.user_id == user.pk


@rules.predicate
def is_asked_in_swap(user, obj) -> bool:
    return _party_in_swap(user, obj, "to")


@rules.predicate
def is_proposer_in_swap(user, obj) -> bool:
    return _party_in_swap(user, obj, "from")


rules.add_perm("rotas.view_series", is_public & is_announced_series | is_team_member)
rules.add_perm("rotas.manage", is_team_member)
rules.add_perm(
    "rotas.take_slot",
    is_public & is_announced_series & is_invited_association_member | is_team_member,
)
rules.add_perm("rotas.hold_slot", is_holding_association_member | is_team_member)
rules.add_perm(
    "rotas.sign_up", rules.is_authenticated & (is_public & is_announced_series | is_team_member)
)
rules.add_perm("rotas.answer_swap", is_asked_in_swap)
rules.add_perm("rotas.withdraw_swap", is_proposer_in_swap)
rules.add_perm("rotas.follow_organisation", is_organisation_member)
# --- Financement ------------------------------------------------------------------------------
#     funding.view_plan    the budget, the applications, their deadlines and documents, the CSV:
#                          the project's team (members, facilitators, admins)
#     funding.edit_plan    change them: the admins and members of a leading organisation (a
#                          facilitator reads and advises, as for the project's settings)


@rules.predicate
def is_project_member(user, obj) -> bool:
    return Membership.Role.MEMBER in _project_roles(user, _project(obj))


rules.add_perm("funding.view_plan", is_team_member)
rules.add_perm("funding.edit_plan", is_project_admin | is_project_member)


# --- Clubs ----------------------------------------------------------------------------------
#     (obj: a club, or any object of a club of leviers/clubs: each answers `.club`; a club
#     answers `.organiser_ids()` and `.member_ids()`)
#
#     clubs.facilitate_club    members, meetings, programme, registrations, attendance,
#                              reports and documents: an active « animateur » or admin of one
#                              of the network organisations running the club (and superusers)
#     clubs.view_member_area   the members' page (contacts, registrations): an active member of
#                              a member organisation, and the facilitators
#     clubs.view_meeting       (obj: a meeting) an announced meeting: anyone; else facilitators
#     clubs.register           (obj: a meeting) register oneself: a signed-in person who may see
#                              the meeting
#     clubs.view_report        (obj: a report or one of its documents) a published report:
#                              anyone; a draft, and its documents: the facilitators

FACILITATING_ROLES = (Membership.Role.FACILITATOR, Membership.Role.ADMIN)


def _club(obj):
    return getattr(obj, "club", None)


def _club_roles(user, club, which: str) -> bool:
    """Whether `user` holds an active membership (in `FACILITATING_ROLES` for "organisers")
    in the club's organiser or member organisations (read once per request and club)."""
    if not user.is_authenticated or club is None:
        return False
    cache = user.__dict__.setdefault("_club_roles", {})
    key = (club.pk, which)
    if key not in cache:
        if which == "organisers":
            found = Membership.objects.filter(
                user=user,
                is_active=True,
                role__in=FACILITATING_ROLES,
                organisation_id__in=club.organiser_ids(),
            )
        else:
            found = Membership.objects.filter(
                user=user, is_active=True, organisation_id__in=club.member_ids()
            )
        cache[key] = found.exists()
    return cache[key]


@rules.predicate
def is_club_facilitator(user, obj) -> bool:
    return _club_roles(user, _club(obj), "organisers")


@rules.predicate
def is_club_member(user, obj) -> bool:
    return _club_roles(user, _club(obj), "members")


@rules.predicate
def is_announced_meeting(user, obj) -> bool:
    return bool(getattr(obj, "is_published", False))


@rules.predicate
def is_published_report(user, obj) -> bool:
    report = getattr(obj, "report", obj)
    return bool(getattr(report, "is_published", False))


may_facilitate_club = rules.is_superuser | is_club_facilitator
rules.add_perm("clubs.facilitate_club", may_facilitate_club)
rules.add_perm("clubs.view_member_area", is_club_member | may_facilitate_club)
rules.add_perm("clubs.view_meeting", is_announced_meeting | may_facilitate_club)
rules.add_perm(
    "clubs.register", rules.is_authenticated & (is_announced_meeting | may_facilitate_club)
)
rules.add_perm("clubs.view_report", is_published_report | may_facilitate_club)


def organisations_facilitated_by(user):
    """The organisations in which `user` holds an active facilitating role: the clubs they run
    are those these organisations organise (`Club.objects.facilitated_by(user)`)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=FACILITATING_ROLES,
    )


# --- Formation des élus ----------------------------------------------------------------------
#     training.track_progress      keep one's progress and print one's certificate: any
#                                  signed-in person (modules and self-checks are public)
#     training.view_club_figures   (obj: a club) how many people of its member organisations
#                                  started or completed each module, never a name: the club's
#                                  facilitators (clubs.facilitate_club)

rules.add_perm("training.track_progress", rules.is_authenticated)
rules.add_perm("training.view_club_figures", may_facilitate_club)


# --- Aller-vers (leviers/outreach) -----------------------------------------------------------
#     (obj: an Organisation, the outreach team; a person is always reached through its team)
#
#     outreach.view_people   read and write the team's journal (people, visits, consents,
#                            orientations, rights): its active intervenants and coordinators
#     outreach.coordinate    the access log, the statistics, export and deletion of a person's
#                            data, retention: its active coordinators
#
# Nobody else: not the team's admins or members with plain roles, not the facilitators of its
# networks, not superusers (docs/decisions.md, 30). `outreach_teams_of(user)` lists the same.

OUTREACH_ROLES = (Membership.Role.INTERVENANT, Membership.Role.COORDINATOR)


@rules.predicate
def is_outreach_worker(user, organisation) -> bool:
    return bool(_organisation_roles(user, organisation) & set(OUTREACH_ROLES))


@rules.predicate
def is_outreach_coordinator(user, organisation) -> bool:
    return Membership.Role.COORDINATOR in _organisation_roles(user, organisation)


rules.add_perm("outreach.view_people", is_outreach_worker)
rules.add_perm("outreach.coordinate", is_outreach_coordinator)


def outreach_allows(user, permission: str, organisation) -> bool:
    """Ask an outreach permission. Not through `user.has_perm`: Django grants every permission
    to an active superuser before any rule is read, and a superuser must not see people."""
    return user.is_active and rules.has_perm(permission, user, organisation)


# Who gives or takes the outreach roles (obj: an Organisation, the team):
#
#     accounts.grant_outreach_role   make someone intervenant or coordinateur of the team, take
#                                    the role back, reactivate such a membership: its active
#                                    coordinators only. Not its admins (an admin giving
#                                    themselves « intervenant » would read the people), not
#                                    superusers. The first coordinator of a team is named by
#                                    the operator: `leviers nommer-coordinateur`.
#
# Deactivating such a membership only takes access away: the coordinators may, and so may the
# organisation's admins (accounts.manage_organisation), who know first when someone leaves;
# else a departed coordinator, the team's only one, would keep reading the people until the
# operator stepped in (docs/aller-vers.md, docs/decisions.md 30). Every such change is written
# to the team's access log (outreach, through the accounts signal `membership_changed`).

rules.add_perm("accounts.grant_outreach_role", is_outreach_coordinator)


def may_grant_outreach_roles(user, organisation) -> bool:
    return outreach_allows(user, "accounts.grant_outreach_role", organisation)


def may_set_membership(
    user, organisation, *, role_before: str, active_before: bool, role: str, is_active: bool
) -> bool:
    """May `user` change a membership of `organisation` from (role_before, active_before) to
    (role, is_active)? What touches an outreach role is the coordinators'; what touches another
    role (admin, animateur; « membre » too, unless it is the other side of an outreach change)
    is the admins'. A change that touches both needs both. Deactivating an outreach membership,
    nothing else changed, is the coordinators' or the admins' (it only takes access away)."""
    if role == role_before and role in OUTREACH_ROLES and active_before and not is_active:
        return may_grant_outreach_roles(user, organisation) or user.has_perm(
            "accounts.manage_organisation", organisation
        )
    if role == role_before:
        touched = {role} if is_active != active_before else set()
    else:
        touched = {role, role_before}
    if not touched:
        return user.has_perm("accounts.manage_organisation", organisation) or (
            may_grant_outreach_roles(user, organisation)
        )
    outreach = touched & set(OUTREACH_ROLES)
    others = touched - set(OUTREACH_ROLES)
    if outreach:
        others.discard(Membership.Role.MEMBER)
    if outreach and not may_grant_outreach_roles(user, organisation):
        return False
    return not others or user.has_perm("accounts.manage_organisation", organisation)


def may_invite_as(user, organisation, role: str) -> bool:
    """Invite someone to `organisation` as `role`: an outreach role is the coordinators'
    (accounts.grant_outreach_role), any other the admins' (accounts.manage_organisation)."""
    if role in OUTREACH_ROLES:
        return may_grant_outreach_roles(user, organisation)
    return user.has_perm("accounts.manage_organisation", organisation)


def roles_settable_by(user, organisation) -> list[tuple[str, str]]:
    """The roles `user` may give in `organisation` (the membership and invitation forms)."""
    return [
        (value, label)
        for value, label in Membership.Role.choices
        if may_invite_as(user, organisation, value)
    ]


def outreach_teams_of(user):
    """The teams whose journal `user` may open (outreach.view_people)."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=OUTREACH_ROLES,
    ).distinct()


def works_in_outreach(user) -> bool:
    """Is `user` an active intervenant or coordinator of some team (the header's link)? On a
    team's pages its roles were read already (`_organisation_roles`): no second query."""
    if not user.is_authenticated:  # (which also unwraps the request's lazy user)
        return False
    known = getattr(user, "_wrapped", user).__dict__.get("_organisation_roles", {})
    if any(roles & set(OUTREACH_ROLES) for roles in known.values()):
        return True
    return outreach_teams_of(user).exists()


# --- Annuaire des services ---------------------------------------------------------------------
#     The directory is public (no personal data): reading it needs no rule. Local entries
#     (services typed here, not imported from data·inclusion) are kept by the commune itself:
#     services.add_local    add a service to a commune's directory (obj: a territories Commune):
#                           the active members of that commune's organisation (any role), and the
#                           facilitators of a network or support organisation accompanying it
#     services.edit_local   change or delete a local entry (obj: a service, duck typed: it answers
#                           `.commune` and `.is_local`): the same people, for its commune; an
#                           imported service is changed at its source, never here


def _commune_of(obj):
    from leviers.territories.models import Commune

    return obj if isinstance(obj, Commune) else getattr(obj, "commune", None)


@rules.predicate
def is_commune_member(user, obj) -> bool:
    commune = _commune_of(obj)
    if not user.is_authenticated or commune is None:
        return False
    return Membership.objects.filter(
        user=user, is_active=True, organisation__commune=commune
    ).exists()


@rules.predicate
def is_commune_facilitator(user, obj) -> bool:
    commune = _commune_of(obj)
    if not user.is_authenticated or commune is None:
        return False
    return Membership.objects.filter(
        user=user,
        is_active=True,
        role=Membership.Role.FACILITATOR,
        organisation__accompanied__commune=commune,
    ).exists()


@rules.predicate
def is_local_entry(user, obj) -> bool:
    return bool(getattr(obj, "is_local", False))


may_keep_directory = rules.is_superuser | is_commune_member | is_commune_facilitator
rules.add_perm("services.add_local", may_keep_directory)
rules.add_perm("services.edit_local", is_local_entry & may_keep_directory)
