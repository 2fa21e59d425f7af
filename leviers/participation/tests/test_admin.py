"""The admin of the project apps (workspace, meetings, participation): in French, and scoped
through the door: a network facilitator sees only what the organisations their network
accompanies lead, reads it but does not change it."""

import pytest
from django.urls import reverse

from leviers.testing.factories import (
    CommitteeMemberFactory,
    ContributionFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    ProposalFactory,
    SittingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "workspace_project",
    "meetings_meeting",
    "meetings_sitting",
    "meetings_committeemember",
    "meetings_decision",
    "participation_contribution",
    "participation_proposal",
]


def _objects(project, label):
    """One object of each model, named after `label` where the list shows a name."""
    meeting = MeetingFactory(project=project, title=f"Réunion {label}")
    return {
        "workspace_project": project,
        "meetings_meeting": meeting,
        "meetings_sitting": SittingFactory(meeting=meeting),
        "meetings_committeemember": CommitteeMemberFactory(project=project, name=f"Élu {label}"),
        "meetings_decision": DecisionFactory(project=project, title=f"Décision {label}"),
        "participation_contribution": ContributionFactory(
            project=project,
            wants_contact=True,
            contact="jeanne@example.org",
            author_name="Jeanne Habitante",
        ),
        "participation_proposal": ProposalFactory(project=project, title=f"Proposition {label}"),
    }


@pytest.fixture
def world(client):
    network = OrganisationFactory(kind="reseau", name="Réseau des tiers-lieux")
    facilitator = UserFactory(staff=True)
    MembershipFactory(user=facilitator, organisation=network, role="animateur")
    accompanied = OrganisationFactory(name="Tiers-lieu de Pommerieux")
    accompanied.networks.add(network)
    mine = _objects(ProjectFactory(organisation=accompanied, title="Projet accompagné"), "ici")
    theirs = _objects(ProjectFactory(title="Projet d'ailleurs"), "ailleurs")
    client.force_login(facilitator)
    return mine, theirs


@pytest.mark.parametrize("model", MODELS)
def test_a_network_facilitator_lists_only_what_accompanied_organisations_lead(client, world, model):
    mine, theirs = world
    response = client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    listed = {obj.pk for obj in response.context["cl"].result_list}
    assert listed == {mine[model].pk}
    assert theirs[model].pk not in listed


@pytest.mark.parametrize("model", MODELS)
def test_a_network_facilitator_reads_but_does_not_change_and_never_opens_another(
    client, world, model
):
    mine, theirs = world
    change = reverse(f"admin:{model}_change", args=[mine[model].pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {}).status_code == 403
    other = reverse(f"admin:{model}_change", args=[theirs[model].pk])
    assert client.get(other).status_code == 302  # « n'existe pas », back to the index


def test_the_admin_of_the_leading_organisation_may_change_its_project(client):
    project = ProjectFactory()
    admin = UserFactory(staff=True)
    MembershipFactory(user=admin, organisation=project.organisation, role="admin")
    client.force_login(admin)
    change = reverse("admin:meetings_meeting_change", args=[MeetingFactory(project=project).pk])
    assert client.get(change).context["has_change_permission"] is True


def test_the_project_apps_are_in_french_in_the_admin(client):
    client.force_login(UserFactory(superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    for label in (
        "Projets",
        "Réunions, copil et décisions",
        "Participation des habitants",
        "Membres du comité de pilotage",
        "Décisions",
        "Contributions",
    ):
        assert label in page, label


def test_an_inhabitant_contact_is_shown_to_the_platform_team_only(client, world):
    mine, _ = world
    change = reverse(
        "admin:participation_contribution_change", args=[mine["participation_contribution"].pk]
    )
    page = client.get(change).content.decode()
    assert "jeanne@example.org" not in page and "Jeanne Habitante" not in page
    client.force_login(UserFactory(superuser=True))
    assert "jeanne@example.org" in client.get(change).content.decode()
