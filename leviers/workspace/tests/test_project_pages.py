"""Stage with its history, partners, team, activity and « Mes projets »."""

import pytest
from django.urls import reverse

from leviers.testing.factories import MembershipFactory, OrganisationFactory, ProjectFactory
from leviers.workspace import activity
from leviers.workspace.models import (
    Activity,
    NotificationPreference,
    Partner,
    Project,
    StageChange,
    TeamRole,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(title="Tiers-lieu")


@pytest.fixture
def admin(client, project):
    membership = MembershipFactory(organisation=project.organisation, role="admin")
    client.force_login(membership.user)
    return membership.user


def test_moving_the_stage_keeps_its_history(client, project, admin):
    url = reverse("workspace:stage", args=[project.public_id])
    client.post(url, {"stage": "etude", "note": "Étude confiée au CEAS 72"})
    client.post(url, {"stage": "montage"})
    project.refresh_from_db()
    assert project.stage == "montage"
    history = list(StageChange.objects.order_by("changed_at", "id"))
    assert [(c.from_stage, c.to_stage) for c in history] == [
        ("idee", "etude"),
        ("etude", "montage"),
    ]
    assert history[0].note == "Étude confiée au CEAS 72" and history[0].changed_by == admin
    page = client.get(url).content.decode()
    assert "Étude confiée au CEAS 72" in page
    assert Activity.objects.filter(text__contains="« Montage »").exists()


def test_moving_to_the_same_stage_is_refused(client, project, admin):
    response = client.post(reverse("workspace:stage", args=[project.public_id]), {"stage": "idee"})
    assert response.status_code == 400
    assert "Le projet est déjà à cette étape." in response.content.decode()
    assert not StageChange.objects.exists()


def test_a_member_sees_the_history_but_cannot_move_the_stage(client, project):
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("workspace:stage", args=[project.public_id])
    assert "Changer d&#x27;étape" not in client.get(url).content.decode()
    assert client.post(url, {"stage": "etude"}).status_code == 403
    assert Project.objects.get().stage == "idee"


def test_an_admin_finds_an_organisation_by_name_adds_then_removes_it(client, project, admin):
    ceas = OrganisationFactory(name="CEAS 72", kind="accompagnement")
    url = reverse("workspace:partners", args=[project.public_id])
    assert "CEAS 72" in client.get(url, {"q": "ceas"}).content.decode()
    client.post(url, {"organisation": ceas.public_id, "role": "copilote"})
    assert Partner.objects.get(project=project).organisation == ceas
    # Co-leading: its members now see the workspace.
    assert ceas.pk in project.organisation_ids()
    again = client.post(url, {"organisation": ceas.public_id, "role": "copilote"})
    assert "CEAS 72 est déjà partenaire du projet." in again.content.decode()
    remove = reverse("workspace:partner-remove", args=[project.public_id, ceas.public_id])
    assert client.post(remove).status_code == 302
    assert not Partner.objects.exists()


def test_the_leading_organisation_cannot_be_its_own_partner(client, project, admin):
    url = reverse("workspace:partners", args=[project.public_id])
    response = client.post(
        url, {"organisation": project.organisation.public_id, "role": "partenaire"}
    )
    assert response.status_code == 400
    assert not Partner.objects.exists()


def test_the_team_is_the_leading_organisations_people_with_their_function(client, project, admin):
    member = MembershipFactory(organisation=project.organisation).user
    outsider = MembershipFactory().user
    url = reverse("workspace:team", args=[project.public_id])
    client.post(url, {"person": member.pk, "function": "Référente habitants"})
    assert TeamRole.objects.get().user == member
    refused = client.post(url, {"person": outsider.pk, "function": "Trésorier"})
    assert refused.status_code == 400
    assert "ne fait pas partie de l&#x27;équipe" in refused.content.decode()
    page = client.get(url).content.decode()
    assert "Référente habitants" in page and member.last_name in page
    assert outsider.last_name not in page
    client.post(url, {"person": member.pk, "function": ""})
    assert not TeamRole.objects.exists()


def test_activity_page_lists_the_project_news_newest_first(client, project, admin):
    activity.record(project, "meeting", "Réunion publique samedi", "/projets/x/")
    activity.record(project, "decision", "Le conseil vote la guinguette", "/projets/y/")
    activity.record(ProjectFactory(), "decision", "Ailleurs", "/projets/z/")
    page = client.get(reverse("workspace:activity", args=[project.public_id])).content.decode()
    assert page.index("Le conseil vote") < page.index("Réunion publique")
    assert "Ailleurs" not in page


def test_my_projects_lists_led_and_co_led_projects_only(client, project, admin):
    co_led = ProjectFactory(title="Épicerie coopérative")
    Partner.objects.create(project=co_led, organisation=project.organisation)
    ProjectFactory(title="Projet d'autrui")
    page = client.get(reverse("workspace:mine")).content.decode()
    assert "Tiers-lieu" in page and "Épicerie coopérative" in page
    assert "Projet d&#x27;autrui" not in page


@pytest.mark.parametrize(
    ("name", "queries"),
    [("stage", 6), ("partners", 6), ("team", 8), ("activity", 6)],
)
def test_project_page_query_count_is_pinned(
    client, project, admin, name, queries, django_assert_num_queries
):
    for n in range(30):
        activity.record(project, "contribution", f"Contribution {n}", "/projets/x/", actor=admin)
        MembershipFactory(organisation=project.organisation)
        Partner.objects.create(project=project, organisation=OrganisationFactory())
    url = reverse(f"workspace:{name}", args=[project.public_id])
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_my_projects_query_count_is_pinned(client, project, admin, django_assert_num_queries):
    for _ in range(20):
        ProjectFactory(organisation=project.organisation)
    with django_assert_num_queries(4):
        assert client.get(reverse("workspace:mine")).status_code == 200


def test_a_person_chooses_a_weekly_digest_of_meetings_only(client, admin):
    url = reverse("workspace:notifications")
    assert client.get(url).context["form"]["frequency"].value() == "quotidien"
    response = client.post(url, {"frequency": "hebdomadaire", "kinds": ["meeting"]})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=admin)
    assert (preference.frequency, preference.kinds) == ("hebdomadaire", ["meeting"])


def test_an_unknown_frequency_is_refused_and_changes_nothing(client, admin):
    response = client.post(reverse("workspace:notifications"), {"frequency": "chaque-heure"})
    assert response.status_code == 400
    assert NotificationPreference.objects.get(user=admin).frequency == "quotidien"
