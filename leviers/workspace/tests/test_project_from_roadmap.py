"""A roadmap becomes a project in one step; the roadmap stays reachable by its links."""

import pytest
from django.urls import reverse

from leviers.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    RoadmapFactory,
    UserFactory,
)
from leviers.workspace.models import Activity, Project

pytestmark = pytest.mark.django_db


def _url(roadmap):
    return f"{reverse('workspace:new')}?feuille={roadmap.public_token}"


@pytest.fixture
def mayor(client):
    membership = MembershipFactory(organisation=OrganisationFactory(commune_of=True), role="admin")
    client.force_login(membership.user)
    return membership


def test_the_roadmap_page_offers_to_make_it_a_project(client):
    roadmap = RoadmapFactory()
    response = client.get(roadmap.get_absolute_url())
    assert _url(roadmap).encode() in response.content


def test_the_form_proposes_the_roadmap_title(client, mayor):
    roadmap = RoadmapFactory(title="Un café associatif à Pommerieux")
    response = client.get(_url(roadmap))
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Un café associatif à Pommerieux"


def test_the_project_carries_territory_levers_schemes_answers_and_description(client, mayor):
    roadmap = RoadmapFactory(answers={"salarie": True}, text="Rouvrir le café du bourg")
    item_lever, item_scheme = roadmap.items.order_by("position")
    response = client.post(
        _url(roadmap),
        {"title": "Le café du bourg", "organisation": mayor.organisation.public_id},
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.title, project.organisation) == ("Le café du bourg", mayor.organisation)
    assert (project.commune_id, project.epci_id) == (roadmap.commune_id, None)
    assert list(project.levers.all()) == [item_lever.lever]
    assert list(project.schemes.all()) == [item_scheme.scheme]
    assert project.answers == {"salarie": True}
    assert project.needs == roadmap.needs
    assert project.description == "Rouvrir le café du bourg"
    assert project.stage == "idee"  # the roadmap's « émergence »
    assert project.roadmap == roadmap
    assert Activity.objects.get().text == "Projet créé à partir d'une feuille de route."


def test_an_epci_roadmap_makes_an_epci_project(client, mayor):
    roadmap = RoadmapFactory(for_epci=True)
    client.post(
        _url(roadmap), {"title": "Tiers-lieu", "organisation": mayor.organisation.public_id}
    )
    project = Project.objects.get()
    assert (project.commune_id, project.epci_id) == (None, roadmap.epci_id)


def test_the_roadmap_stays_reachable_by_its_links_after(client, mayor):
    roadmap = RoadmapFactory()
    client.post(_url(roadmap), {"title": "Le café", "organisation": mayor.organisation.public_id})
    assert client.get(roadmap.get_absolute_url()).status_code == 200
    assert client.get(roadmap.get_edit_url()).status_code == 200
    assert roadmap.items.count() == 2


def test_an_unknown_roadmap_is_not_found(client, mayor):
    assert client.get(f"{reverse('workspace:new')}?feuille=inconnue").status_code == 404


def test_an_anonymous_person_signs_in_then_comes_back_to_the_form(client):
    roadmap = RoadmapFactory()
    response = client.get(_url(roadmap))
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert roadmap.public_token in response["Location"]


def test_a_person_without_organisation_is_told_how_to_get_one(client):
    client.force_login(UserFactory())
    response = client.get(_url(RoadmapFactory()))
    page = response.content.decode()
    assert (
        "il faut faire partie d&#x27;une organisation" in page
        or "il faut faire partie d'une organisation" in page
    )
    assert "Créer le projet" not in page


def test_a_person_cannot_start_a_project_for_an_organisation_not_theirs(client, mayor):
    others = OrganisationFactory()
    response = client.post(
        _url(RoadmapFactory()), {"title": "Le café", "organisation": others.public_id}
    )
    assert response.status_code == 400
    assert "Choisissez une de vos organisations." in response.content.decode()
    assert not Project.objects.exists()


def test_without_roadmap_the_project_is_on_the_organisation_territory(client, mayor):
    response = client.post(
        reverse("workspace:new"), {"title": "Jardin", "organisation": mayor.organisation.public_id}
    )
    assert response.status_code == 302
    assert Project.objects.get().commune == mayor.organisation.commune


def test_without_roadmap_an_organisation_without_territory_is_told_to_start_from_one(client):
    membership = MembershipFactory(role="admin")  # an association: no commune, no EPCI
    client.force_login(membership.user)
    response = client.post(
        reverse("workspace:new"),
        {"title": "Jardin", "organisation": membership.organisation.public_id},
    )
    assert response.status_code == 400
    assert "partez d&#x27;une feuille de route" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("role", ["admin", "membre"])
def test_a_new_project_lands_on_its_team_dashboard(client, role):
    membership = MembershipFactory(organisation=OrganisationFactory(commune_of=True), role=role)
    client.force_login(membership.user)
    response = client.post(
        _url(RoadmapFactory()),
        {"title": "Le café", "organisation": membership.organisation.public_id},
    )
    project = Project.objects.get()
    assert response["Location"] == reverse("participation:dashboard", args=[project.public_id])
    assert client.get(response["Location"]).status_code == 200
