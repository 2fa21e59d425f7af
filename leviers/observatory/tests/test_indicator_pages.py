"""The ESS indicators pages of a commune and an EPCI, and the summary on the commune page."""

import pytest
from django.urls import reverse

from leviers.observatory.models import CommuneEssStats

from .fixtures import POMMERIEUX

pytestmark = pytest.mark.django_db


def test_indicators_page_before_import_says_not_filled_in(client):
    html = client.get(reverse("observatory:commune", args=[POMMERIEUX])).content.decode()
    assert "ne sont pas encore chargées sur ce serveur" in html
    assert "import-sirene" not in html  # an administrator's command, not a mayor's words
    assert 'href="/a-propos/donnees/"' in html


def test_commune_page_links_to_the_ess_section_only_once_imported(client, pommerieux):
    html = client.get(reverse("territories:commune", args=[POMMERIEUX])).content.decode()
    assert reverse("observatory:commune", args=[POMMERIEUX]) in html
    CommuneEssStats.objects.all().delete()
    from leviers.core.models import Dataset

    Dataset.objects.filter(key="sirene_ess").delete()
    html = client.get(reverse("territories:commune", args=[POMMERIEUX])).content.decode()
    assert "Économie sociale et solidaire" in html
    assert "ne sont pas encore chargées sur ce serveur" in html


def test_indicators_compare_with_epci_department_region_and_france(client, pommerieux):
    response = client.get(reverse("observatory:commune", args=[POMMERIEUX]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<strong>3</strong> <span class="ess-small">(faible effectif)</span>' in html
    assert "8,0 %" in html  # 2 employers of 25 private employer establishments
    assert "4 à 7" in html  # headcount range
    for label in (pommerieux.epci.name, "Mayenne (53)", "Pays de la Loire", "France"):
        assert f'<th scope="row">{label}</th>' in html
    assert "14,0 %" in html  # France: 140,000 of 1,000,000
    assert "<svg" in html and "Coopératives" in html
    assert "Source&nbsp;: INSEE, stock du 01/01/2026" in html
    assert "somme des bornes basses" in html


def test_headline_share_is_named_and_defined_as_employers_over_private_employers(
    client, pommerieux
):
    html = client.get(reverse("observatory:commune", args=[POMMERIEUX])).content.decode()
    assert "<dt>Part de l'ESS dans les établissements employeurs privés</dt>" in html
    assert "2 établissements employeurs de l'ESS sur 25 établissements employeurs privés" in html
    assert "<code>caractereEmployeurEtablissement = O</code>, des deux côtés" in html
    assert "ce n'est pas une part de l'emploi" in html.lower()
    assert "7,5 %" not in html  # no longer ESS over every private establishment
    assert "Périmètre (reconstruction à vérifier)" in html
    assert "groupements d'employeurs et congrégations compris" in html
    assert "SCIC, SCOP, COOPERATIVE" in html


def test_shares_are_not_computed_on_fewer_than_five(client, pommerieux):
    html = client.get(reverse("observatory:commune", args=[POMMERIEUX])).content.decode()
    # Employers: 2 of 3 establishments, too few for a percentage.
    assert "<strong>2</strong> (effectif trop faible pour un pourcentage)" in html


def test_epci_page(client, pommerieux):
    html = client.get(reverse("observatory:epci", args=[pommerieux.epci_id])).content.decode()
    assert "<strong>60</strong>" in html
    assert '<th scope="row">France</th>' in html


def test_unknown_territories_are_not_found(client):
    assert client.get(reverse("observatory:commune", args=["99999"])).status_code == 404
    assert client.get(reverse("observatory:actors", args=["99999"])).status_code == 404
    assert client.get(reverse("observatory:epci", args=["000000000"])).status_code == 404


def test_indicators_page_query_count(client, pommerieux, django_assert_num_queries):
    # Commune, its figures, the comparisons, the dataset.
    with django_assert_num_queries(4):
        client.get(reverse("observatory:commune", args=[POMMERIEUX]))


def test_diagnosis_page_shows_the_ess_comparison_table(client, pommerieux):
    html = client.get(reverse("territories:commune", args=[POMMERIEUX])).content.decode()
    assert "Établissements de l'ESS à Pommerieux et autour" in html
    table = html[html.index("ess-summary-caption") :]
    assert "8,0 %" in table  # 2 ESS employers of 25 private employers, as on the ESS page
    assert "Part dans les employeurs privés : établissements employeurs de l'ESS" in table
    assert "France" in table


def test_diagnosis_page_with_ess_figures_keeps_its_query_count(
    client, pommerieux, django_assert_num_queries
):
    client.get(reverse("territories:commune", args=[POMMERIEUX]))  # per-process caches
    with django_assert_num_queries(8):  # the commune page's 7, and the ESS figures' one
        assert client.get(reverse("territories:commune", args=[POMMERIEUX])).status_code == 200
