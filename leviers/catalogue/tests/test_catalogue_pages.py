from io import StringIO

import pytest
from django.core.management import call_command

from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.territories.models import Programme

pytestmark = pytest.mark.django_db


def test_every_entry_page_renders_with_its_sources(catalogue, client):
    for model in (Lever, Experience, Scheme, Resource):
        entry = model.objects.first()
        response = client.get(entry.get_absolute_url())
        assert response.status_code == 200, entry.slug
        html = response.content.decode()
        assert "Sources" in html
        # Each source says whether and when someone read it.
        assert "non vérifiée" in html or "lue le" in html


def test_scheme_page_shows_who_where_and_how(catalogue, client):
    html = client.get("/catalogue/dispositifs/rural-consult/").content.decode()
    assert "Rural Consult" in html
    assert "Pour qui" in html
    assert "Commune" in html


def where(html: str) -> str:
    start = html.index("<dt>Où</dt><dd>") + len("<dt>Où</dt><dd>")
    return html[start : html.index("</dd>", start)]


def test_scheme_page_names_its_regions_and_departments_not_their_codes(catalogue, client):
    html = client.get("/catalogue/dispositifs/region-pdl-ptce/").content.decode()
    assert where(html) == "Région Pays de la Loire"
    html = client.get("/catalogue/dispositifs/ceas-72-incub/").content.decode()
    assert where(html) == "Département Sarthe (72)"
    html = client.get("/catalogue/dispositifs/dla/").content.decode()
    assert where(html) == "Toute la France"


# The COG's regions: metropolitan France (Corse last), then Guadeloupe, Martinique, Guyane,
# La Réunion and Mayotte.
METRO = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]
OVERSEAS = ["01", "02", "03", "04", "06"]


@pytest.mark.parametrize(
    ("perimeter", "said"),
    [
        ({"regions": ["53", "52", "11"]}, "Régions Bretagne, Île-de-France et Pays de la Loire"),
        ({"departments": ["53", "72"]}, "Départements Mayenne (53) et Sarthe (72)"),
        ({"communes": ["53180"]}, "Commune Pommerieux (53)"),
        ({"regions": ["52", "99"]}, "Régions 99 et Pays de la Loire"),  # 99: not in the referential
        ({"regions": [*METRO, *OVERSEAS]}, "Toutes les régions"),
        ({"regions": [*METRO, "01", "02", "04"]}, "Toutes les régions sauf Guyane et Mayotte"),
        ({"regions": [*METRO, "01", "02", "03"]}, "Toutes les régions sauf La Réunion et Mayotte"),
        ({"regions": METRO}, "Toutes les régions de métropole"),
        ({"regions": METRO[:-1]}, "Toutes les régions de métropole sauf Corse"),
        # Its proper name, its list imported or not (none is, here).
        (
            {"programme": "petites-villes-de-demain"},
            "Communes du programme Petites Villes de Demain",
        ),
        ({"programme": "action-coeur-de-ville"}, "Communes du programme Action cœur de ville"),
        ({"programme": "villages-d-avenir"}, "Communes du programme Villages d'avenir"),
        ({}, "Périmètre non précisé"),
    ],
)
def test_a_perimeter_reads_as_names_in_one_query(perimeter, said, django_assert_num_queries):
    scheme = Scheme(slug="essai", name="Essai", perimeter=perimeter)
    with django_assert_num_queries(1 if perimeter and "programme" not in perimeter else 0):
        assert scheme.perimeter_in_words() == said


def test_a_programme_is_named_alike_before_and_after_its_list_is_imported(tmp_path):
    scheme = Scheme(slug="essai", name="Essai", perimeter={"programme": "petites-villes-de-demain"})
    before = scheme.perimeter_in_words()
    source = tmp_path / "pvd.csv"
    source.write_text("insee_com,lib_com\n49127,Durtal\n", encoding="utf-8")
    call_command("import-pvd", source=str(source), stdout=StringIO(), stderr=StringIO())
    name = Programme.objects.get(slug="petites-villes-de-demain").name
    assert before == scheme.perimeter_in_words() == f"Communes du programme {name}"


@pytest.mark.parametrize(
    "codes",
    [
        [*METRO, "01", "02"],  # three regions missing
        [*METRO, *OVERSEAS, "975"],  # Saint-Pierre-et-Miquelon is no region
        METRO[3:],  # three regions of metropolitan France missing
    ],
)
def test_a_perimeter_of_nearly_every_region_is_named_region_by_region(codes):
    said = Scheme(slug="essai", name="Essai", perimeter={"regions": codes}).perimeter_in_words()
    assert said.startswith("Régions Auvergne-Rhône-Alpes, ")
    assert said.count(",") == len(codes) - 2  # « A, B, … et Z »


def test_the_cress_page_says_every_region_but_the_one_with_its_own_scheme(catalogue, client):
    # The CRESS des Pays de la Loire has its own scheme in the catalogue.
    html = client.get("/catalogue/dispositifs/cress/").content.decode()
    assert where(html) == "Toutes les régions sauf Pays de la Loire"


def test_scheme_page_query_count_is_pinned(catalogue, client, django_assert_num_queries):
    # The scheme, its levers, the names of the regions (its perimeter's and its contacts'), and
    # one per app that mentions catalogue entries (clubs, training: catalogue/mentions.py).
    with django_assert_num_queries(5):
        assert client.get("/catalogue/dispositifs/cress/").status_code == 200
    # Its contacts' regions are the ones read for its perimeter; their departments, one more.
    with django_assert_num_queries(6):
        assert client.get("/catalogue/dispositifs/france-active-garantie/").status_code == 200


def test_search_forgives_plurals_and_hyphens(catalogue, client):
    html = client.get("/catalogue/", {"q": "tiers lieux"}).content.decode()
    assert "/catalogue/leviers/tiers-lieu-rural/" in html
    html = client.get("/catalogue/", {"q": "épiceries solidaires"}).content.decode()
    assert "/catalogue/leviers/epicerie-solidaire-cooperative/" in html


def test_filters_by_type_need_and_beneficiary(catalogue, client):
    html = client.get(
        "/catalogue/", {"type": "dispositifs", "porteur": "association", "besoin": "bien-vieillir"}
    ).content.decode()
    assert "Dispositifs d&#x27;aide" in html
    assert "Leviers <span" not in html
    for scheme in Scheme.objects.all():
        if f'href="{scheme.get_absolute_url()}"' in html:
            assert "association" in scheme.beneficiaries
            assert "bien-vieillir" in scheme.needs


def test_unknown_filter_value_is_a_french_400(catalogue, client):
    response = client.get("/catalogue/", {"besoin": "licornes"})
    assert response.status_code == 400
    assert "Valeur inconnue pour « besoin »" in response.content.decode()


def test_unknown_entry_is_404(client):
    assert client.get("/catalogue/leviers/n-existe-pas/").status_code == 404


def test_an_experience_without_a_commune_says_so(catalogue, client):
    html = client.get(
        Experience.objects.get(slug="khera-prevention-sante-bien-vieillir").get_absolute_url()
    ).content
    html = html.decode()
    assert "Maine-et-Loire (49)" in html
    assert "La source ne nomme pas la commune de l'action" in html
    listed = client.get("/catalogue/", {"q": "prévention santé"}).content.decode()
    assert "Maine-et-Loire (49)" in listed
