"""The directory in the admin: a superuser lists and opens structures and services; staff
without the model permissions is kept out."""

import pytest
from django.urls import reverse

from leviers.services.models import Service
from leviers.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_and_opens_the_directory(client, directory):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    service = Service.objects.get(public_id="visites000001")
    for url in (
        reverse("admin:services_service_changelist"),
        reverse("admin:services_structure_changelist"),
        reverse("admin:services_service_change", args=[service.pk]),
        reverse("admin:services_structure_change", args=[service.structure_id]),
    ):
        assert client.get(url).status_code == 200, url


def test_admin_is_closed_to_staff_without_permissions(client, directory):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:services_service_changelist")).status_code == 403
