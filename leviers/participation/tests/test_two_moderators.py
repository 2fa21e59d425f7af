"""Two moderators on one contribution at once: the second is told what the first saved and
keeps their choices (optimistic locking, core/locking.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from leviers.participation.models import Contribution
from leviers.testing.factories import ContributionFactory, MembershipFactory
from leviers.testing.forms import form_data

pytestmark = pytest.mark.django_db


def test_the_second_moderator_sees_what_was_saved_and_keeps_their_choices():
    contribution = ContributionFactory()
    project = contribution.project
    url = reverse("participation:moderate", args=[project.public_id, contribution.public_id])
    first, second = Client(), Client()
    for client, role in ((first, "admin"), (second, "animateur")):
        client.force_login(MembershipFactory(organisation=project.organisation, role=role).user)
    first_data = form_data(first.get(url)) | {"status": "masquee"}
    second_data = form_data(second.get(url)) | {"tags": "mobilité"}
    assert first.post(url, first_data).status_code == 302
    response = second.post(url, second_data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Quelqu'un a enregistré entre-temps" in page and "Masquée" in page
    assert response.context["form"]["tags"].value() == "mobilité"
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.HIDDEN
    assert not contribution.tags.exists()
    # On top of the first one's save, with what the second one chooses.
    assert second.post(url, form_data(response) | {"status": "masquee"}).status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.HIDDEN
    assert list(contribution.tags.values_list("name", flat=True)) == ["mobilité"]
