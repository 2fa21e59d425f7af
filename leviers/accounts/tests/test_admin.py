"""The admin, branded in French, shows a network facilitator only what the door lets them see."""

import pytest
from django.urls import reverse

from leviers.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_facilitator():
    network = OrganisationFactory(kind="reseau", name="Réseau des tiers-lieux")
    user = UserFactory(staff=True)
    MembershipFactory(user=user, organisation=network, role="animateur")
    return user, network


def test_the_admin_is_branded_in_french(client):
    client.force_login(UserFactory(superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "Leviers · administration" in page
    assert 'lang="fr"' in page


def test_a_network_facilitator_lists_only_the_organisations_of_the_network(
    client, network_facilitator
):
    user, network = network_facilitator
    accompanied = OrganisationFactory(name="Tiers-lieu de Pommerieux")
    accompanied.networks.add(network)
    OrganisationFactory(name="Association sans lien")
    client.force_login(user)
    page = client.get(reverse("admin:accounts_organisation_changelist")).content.decode()
    assert "Tiers-lieu de Pommerieux" in page and "Réseau des tiers-lieux" in page
    assert "Association sans lien" not in page


def test_a_network_facilitator_may_read_but_not_change_an_accompanied_organisation(
    client, network_facilitator
):
    user, network = network_facilitator
    accompanied = OrganisationFactory()
    accompanied.networks.add(network)
    stranger = OrganisationFactory()
    client.force_login(user)
    change = reverse("admin:accounts_organisation_change", args=[accompanied.pk])
    assert client.get(change).status_code == 200
    response = client.post(change, {"name": "Renommée", "kind": "association"})
    assert response.status_code == 403
    accompanied.refresh_from_db()
    assert accompanied.name != "Renommée"
    other = reverse("admin:accounts_organisation_change", args=[stranger.pk])
    assert client.get(other).status_code == 302  # Django's admin: « n'existe pas », to the index


def test_people_are_listed_to_superusers_only(client, network_facilitator):
    user, _ = network_facilitator
    client.force_login(user)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
