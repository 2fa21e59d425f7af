"""The directory's pages: search, service card, « Qui appeler » sheet and PDF, local entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from leviers.services.models import Service, Structure
from leviers.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_search_by_commune_code_shows_phone_links_nearest_first(client, directory):
    response = client.get(reverse("services:directory"), {"commune": "53180", "distance": "20"})
    html = response.content.decode()
    assert "Services près de Pommerieux" in html
    assert "4 services à moins de 20 km" in html
    assert 'href="tel:+33243070000"' in html  # the CCAS, by its structure's phone
    assert html.index(">Visites de convivialité</a>") < html.index(
        ">Portage de repas à domicile</a>"
    )
    assert "à 10 km" in html
    assert "France Services de Château-Gontier" in html
    assert reverse("services:sheet", args=["53180"]) in html


def test_search_by_name_finds_the_commune_or_offers_a_choice(client, directory):
    one = client.get(reverse("services:directory"), {"q": "Pommerieux", "theme": "portage-repas"})
    assert "1 service à moins de 20 km" in one.content.decode()
    many = client.get(reverse("services:directory"), {"q": "Saint"})
    assert "Quelle commune ?" in many.content.decode()


def test_a_bad_theme_is_named(client, directory):
    response = client.get(reverse("services:directory"), {"commune": "53180", "theme": "nope"})
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_service_card_is_phone_first(client, directory):
    service = Service.objects.get(di_id="soliguide--portage")
    html = client.get(service.get_absolute_url()).content.decode()
    assert html.index('href="tel:+33243090910"') < html.index("Repas livrés")
    assert "soliguide, par data·inclusion" in html
    assert "Modifier ce service" not in html


def test_sheet_lists_town_hall_themes_and_national_numbers(client, directory):
    html = client.get(reverse("services:sheet", args=["53180"])).content.decode()
    assert "Qui appeler à Pommerieux ?" in html
    assert 'href="tel:+33243707070"' in html  # the town hall
    assert "Portage de repas à domicile" in html and "02 43 09 09 10" in html  # its label too
    assert "France Services" in html
    assert 'href="tel:3977"' in html


def test_sheet_pdf(client, directory):
    response = client.get(reverse("services:sheet_pdf", args=["53180"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(reverse("services:sheet_pdf", args=["99999"])).status_code == 404


def test_a_commune_member_adds_then_edits_a_local_service(client, directory):
    member = MembershipFactory(organisation=OrganisationFactory(commune_of=True)).user
    client.force_login(member)
    response = client.post(
        reverse("services:create", args=["53180"]),
        {
            "name": "Transport solidaire du bourg",
            "structure_name": "Les Amis de Pommerieux",
            "local_themes": ["transport-solidaire"],
            "phone": "06 11 22 33 44",
        },
    )
    service = Service.objects.get(name="Transport solidaire du bourg")
    assert response.url == service.get_absolute_url()
    assert service.is_local and service.commune_id == "53180"
    assert service.structure == Structure.objects.get(name="Les Amis de Pommerieux")  # reused
    assert service.themes == [
        "mobilite--mobilite-douce-partagee-collective",
        "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    ]
    edit = reverse("services:edit", args=[service.public_id])
    assert 'value="Les Amis de Pommerieux"' in client.get(edit).content.decode()
    client.post(
        edit,
        {
            "name": "Transport solidaire",
            "structure_name": "Les Amis de Pommerieux",
            "local_themes": ["transport-solidaire", "visites-isolement"],
            "phone": "06 11 22 33 44",
        },
    )
    service.refresh_from_db()
    assert service.name == "Transport solidaire"
    assert service.local_themes == ["transport-solidaire", "visites-isolement"]


def test_bad_local_entry_names_each_field_and_writes_nothing(client, directory):
    client.force_login(MembershipFactory(organisation=OrganisationFactory(commune_of=True)).user)
    before = Service.objects.count()
    response = client.post(
        reverse("services:create", args=["53180"]), {"name": "", "phone": "appelez-moi"}
    )
    html = response.content.decode()
    assert "Rien n&#x27;a été enregistré" in html or "Rien n'a été enregistré" in html
    assert "Nom du service : indiquez-le." in html
    assert "Organisme : indiquez qui rend le service." in html
    assert "Ce que fait ce service : cochez au moins une case." in html
    assert "Téléphone : des chiffres" in html
    assert Service.objects.count() == before


def test_a_network_facilitator_accompanying_the_commune_may_add(client, directory):
    commune_org = OrganisationFactory(commune_of=True)
    network = OrganisationFactory(kind="reseau")
    commune_org.networks.add(network)
    facilitator = MembershipFactory(organisation=network, role="animateur").user
    plain_member = MembershipFactory(organisation=network, role="membre").user
    assert facilitator.has_perm("services.add_local", directory)
    assert not plain_member.has_perm("services.add_local", directory)
    assert not UserFactory().has_perm("services.add_local", directory)


def test_imported_services_are_not_edited_here(client, directory):
    client.force_login(MembershipFactory(organisation=OrganisationFactory(commune_of=True)).user)
    imported = Service.objects.get(di_id="dora--ccas-pommerieux-aide")
    assert client.get(reverse("services:edit", args=[imported.public_id])).status_code == 403


def test_sheet_lists_a_service_once_under_its_first_theme(directory):
    from leviers.services.sheet import sheet

    lines = sheet(directory).lines
    home_help = [line.label for line in lines if "ADMR" in line.who]
    assert home_help == ["Aide à domicile"]  # not again under « Téléassistance »
    assert [line.label for line in lines][0] == "CCAS, action sociale de la commune"
