"""/api/v1/projets/<public_id>: a public project, read through the permission door."""

import pytest

from leviers.testing.factories import MembershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_public_project_says_what_where_stage_who_and_its_next_public_meetings(
    client, example_project
):
    response = client.get(f"/api/v1/projets/{example_project.public_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == example_project.title
    assert body["stage"] == {"code": "idee", "label": "Idée"}
    assert body["commune"]["code"] == example_project.commune.code
    assert body["organisation"]["name"] == example_project.organisation.name
    assert body["url"] == f"/projets/{example_project.public_id}/"
    assert body["next_meetings"], "la réunion hebdomadaire publique"
    assert {m["title"] for m in body["next_meetings"]} == {"Réunion participative du samedi"}
    first = body["next_meetings"][0]
    assert first["url"].startswith(f"/projets/{example_project.public_id}/reunions/")
    assert first["starts_at"] < first["ends_at"]


def test_a_private_project_is_a_french_404_as_if_it_did_not_exist(client):
    project = ProjectFactory(is_public=False)
    response = client.get(f"/api/v1/projets/{project.public_id}")
    assert response.status_code == 404
    assert response.json() == {
        "erreur": f"Aucun projet public d'identifiant « {project.public_id} »."
    }
    missing = client.get("/api/v1/projets/aaaaaaaaaaaa")
    assert (
        missing.json()["erreur"].replace("aaaaaaaaaaaa", project.public_id)
        == (response.json()["erreur"])
    )


def test_the_team_signed_in_reads_its_private_project(client):
    project = ProjectFactory(is_public=False)
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    assert client.get(f"/api/v1/projets/{project.public_id}").status_code == 200


def test_a_malformed_identifier_is_explained_in_french(client):
    response = client.get("/api/v1/projets/42")
    assert response.status_code == 404
    assert "n'est pas l'identifiant d'un projet" in response.json()["erreur"]


def test_the_api_only_reads(client, example_project):
    response = client.post(f"/api/v1/projets/{example_project.public_id}")
    assert response.status_code == 405
    assert "GET" in response.json()["erreur"]


def test_the_page_is_read_in_a_fixed_number_of_queries(
    client, example_project, django_assert_num_queries
):
    # project with organisation and territory, its meetings; (anonymous: no session read)
    with django_assert_num_queries(2):
        client.get(f"/api/v1/projets/{example_project.public_id}")
