"""Project settings: validated, and two people editing at once lose nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from leviers.testing.factories import MembershipFactory, ProjectFactory
from leviers.workspace.models import Activity, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(title="Guinguette", description="Au bord de l'étang")


def _admin_client(project):
    client = Client()
    client.force_login(MembershipFactory(organisation=project.organisation, role="admin").user)
    return client


def _form(response) -> dict:
    """What the browser would post back: the form's current values."""
    form = response.context["form"]
    data = {name: form[name].value() for name in ("title", "description", "version")}
    if form["is_public"].value():
        data["is_public"] = "on"
    return data


def test_settings_are_saved_and_the_version_moves_on(project):
    client = _admin_client(project)
    data = _form(client.get(reverse("workspace:settings", args=[project.public_id])))
    response = client.post(
        reverse("workspace:settings", args=[project.public_id]), {**data, "title": "Guinguette 2"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.version) == ("Guinguette 2", 2)
    assert Activity.objects.filter(project=project, kind="project").count() == 1


def test_two_people_editing_at_once_the_second_is_told_and_loses_nothing(project):
    url = reverse("workspace:settings", args=[project.public_id])
    first, second = _admin_client(project), _admin_client(project)
    first_form, second_form = _form(first.get(url)), _form(second.get(url))

    assert first.post(url, {**first_form, "title": "Guinguette de l'étang"}).status_code == 302
    response = second.post(url, {**second_form, "description": "Ouverte le dimanche"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "Quelqu'un a modifié le projet pendant que vous le modifiiez" in page
    assert "Guinguette de l&#x27;étang" in page  # what the first one saved, shown
    assert response.context["form"]["description"].value() == "Ouverte le dimanche"  # kept
    project.refresh_from_db()
    assert (project.title, project.description) == ("Guinguette de l'étang", "Au bord de l'étang")

    # The second one takes the first one's title and saves again: both changes are kept.
    again = {**_form(response), "title": "Guinguette de l'étang"}
    assert second.post(url, again).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.description) == ("Guinguette de l'étang", "Ouverte le dimanche")
    assert project.version == 3


def test_an_empty_title_is_refused_and_changes_nothing(project):
    client = _admin_client(project)
    url = reverse("workspace:settings", args=[project.public_id])
    response = client.post(url, {**_form(client.get(url)), "title": "", "description": "Autre"})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    project.refresh_from_db()
    assert (project.description, project.version) == ("Au bord de l'étang", 1)


def test_making_a_project_private_hides_its_page_from_inhabitants(project, client):
    admin = _admin_client(project)
    url = reverse("workspace:settings", args=[project.public_id])
    data = _form(admin.get(url))
    del data["is_public"]
    admin.post(url, data)
    assert Project.objects.get().is_public is False
    assert client.get(project.get_absolute_url()).status_code == 302  # to sign in


def test_settings_page_query_count_is_pinned(project, django_assert_num_queries):
    client = _admin_client(project)
    url = reverse("workspace:settings", args=[project.public_id])
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
