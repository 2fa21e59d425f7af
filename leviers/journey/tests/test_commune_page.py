import pytest
from django.urls import reverse

from leviers.territories.models import Commune, FranceServicesSite, Programme

pytestmark = pytest.mark.django_db


def test_commune_page_shows_population_epci_department_and_source(client):
    response = client.get(reverse("territories:commune", args=["53180"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Pommerieux" in html
    assert "<strong>667</strong> habitants" in html
    assert "Source&nbsp;: INSEE, COG 2026" in html
    assert "Mayenne (53)" in html
    assert "Pays de la Loire" in html
    epci = Commune.objects.get(code="53180").epci
    assert epci.get_absolute_url() in html


def test_data_not_imported_is_shown_as_not_filled_in_never_as_no(client):
    html = client.get(reverse("territories:commune", args=["53180"])).content.decode()
    assert "Petites Villes de Demain" in html
    # Neither the PVD list nor the France Services list nor the density grid is imported here.
    assert html.count("non renseigné") >= 2
    assert "<strong>non</strong>" not in html


def test_programme_and_france_services_show_when_imported(
    client, django_capture_on_commit_callbacks
):
    from leviers.core.importing import Counts, record_dataset

    pommerieux = Commune.objects.get(code="53180")
    pvd = Programme.objects.create(
        slug="petites-villes-de-demain",
        name="Petites Villes de Demain",
        operator="ANCT",
        dataset_key="petites-villes-de-demain",
    )
    durtal = Commune.objects.get(code="49127")
    pvd.communes.add(durtal)
    FranceServicesSite.objects.create(
        identifier="999", name="France services de test", commune=pommerieux, address="1 rue"
    )
    for key in ("petites-villes-de-demain", "france-services"):
        record_dataset(
            key,
            counts=Counts(),
            imported_from="test",
            label=key,
            producer="ANCT",
            vintage="2024",
            licence="Licence Ouverte 2.0",
            source_url="https://www.data.gouv.fr/",
        )
    html = client.get(reverse("territories:commune", args=["53180"])).content.decode()
    assert '<strong>non</strong> <span class="source">Source&nbsp;: ANCT, 2024' in html
    assert "France services de test" in html
    html = client.get(reverse("territories:commune", args=["49127"])).content.decode()
    assert "<strong>oui</strong>, commune lauréate" in html


def test_density_and_rurality(client):
    Commune.objects.filter(code="53180").update(density_level=6)
    html = client.get(reverse("territories:commune", args=["53180"])).content.decode()
    assert "Rural à habitat dispersé" in html
    assert "<strong>oui</strong> (niveaux 5 à 7 de la grille)" in html


def test_town_hall_contact_is_shown_when_known(client):
    from leviers.territories.models import TownHall

    TownHall.objects.create(
        commune_id="53180", address="Place de l'Église\n53400 Pommerieux", phone="02 43 00 00 00"
    )
    html = client.get(reverse("territories:commune", args=["53180"])).content.decode()
    assert "Place de l&#x27;Église<br>53400 Pommerieux" in html
    assert 'href="tel:0243000000"' in html


def test_unknown_commune_gives_a_french_404_with_the_search_box(client):
    response = client.get("/territoires/communes/99999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'name="q"' in html


def test_commune_page_links_to_its_call_sheet_and_the_services_directory(client):
    html = client.get(reverse("territories:commune", args=["53180"])).content.decode()
    assert f'<a href="{reverse("services:sheet", args=["53180"])}">qui appeler à Pommerieux' in html
    assert f'<a href="{reverse("services:directory")}?commune=53180">' in html


@pytest.fixture
def town_twinning():
    """A provider of the apps above (territories/mentions.py), for the communes of Mayenne."""
    from leviers.territories import mentions

    def twinning(place):
        if "53" not in place.departments:
            return []
        return [mentions.Mention("Jumelage mayennais", "/jumelage/", "Des communes amies.", "Amis")]

    mentions.register("zz-test", twinning)
    yield
    mentions.unregister("zz-test")


def test_commune_page_shows_what_the_apps_above_say_under_their_heading(client, town_twinning):
    html = client.get(reverse("territories:commune", args=["53180"])).content.decode()
    section = html[html.index(">Amis</h2>") :]
    assert '<a href="/jumelage/">Jumelage mayennais</a><p>Des communes amies.</p>' in section
    elsewhere = client.get(reverse("territories:commune", args=["49127"])).content.decode()
    assert "Jumelage mayennais" not in elsewhere and ">Amis</h2>" not in elsewhere


def test_commune_page_query_count_is_pinned(client, django_assert_num_queries):
    # One of them asks the clubs which cover the commune (territories/mentions.py).
    with django_assert_num_queries(7):
        assert client.get(reverse("territories:commune", args=["53180"])).status_code == 200
