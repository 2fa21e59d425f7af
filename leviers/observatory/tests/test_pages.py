import csv
import io

import pytest
from django.urls import reverse

from leviers.core.importing import Counts, record_dataset
from leviers.observatory.models import (
    ActorLink,
    ActorProfile,
    CommuneEssStats,
    EssEstablishment,
    TerritoryEssStats,
)
from leviers.territories.models import Commune

pytestmark = pytest.mark.django_db

POMMERIEUX = "53180"


def _dataset():
    record_dataset(
        "sirene_ess",
        counts=Counts(),
        imported_from="test",
        label="Base SIRENE (stock)",
        producer="INSEE",
        vintage="stock du 01/01/2026",
        licence="Licence Ouverte 2.0",
        source_url="https://www.data.gouv.fr/",
    )


def _establishment(siret, name, **fields):
    values = {
        "siren": siret[:9],
        "name": name,
        "commune_id": POMMERIEUX,
        "family": "association",
        "ess_flag": True,
        "ess_legal_category": True,
        "legal_category": "9220",
        "naf_code": "94.99Z",
        "naf_label": "Autres organisations fonctionnant par adhésion volontaire",
        "naf_section": "S",
        "headcount_band": "NN",
        "employer": False,
    }
    values.update(fields)
    return EssEstablishment.objects.create(siret=siret, **values)


@pytest.fixture
def pommerieux():
    """Three ESS establishments in Pommerieux, with figures as an import would compute them."""
    _dataset()
    commune = Commune.objects.select_related("epci").get(code=POMMERIEUX)
    _establishment("10000000100011", "foyer rural de Pommerieux")
    _establishment(
        "10000000200011",
        "Coopérative agricole du Craonnais",
        family="cooperative",
        legal_category="6317",
        naf_code="01.61Z",
        naf_section="A",
        headcount_band="02",
        employer=True,
    )
    _establishment("10000000300011", "Amicale des anciens", headcount_band="01", employer=True)
    figures = {
        "establishments": 3,
        "legal_units": 3,
        "employer_establishments": 2,
        "headcount_low": 4,
        "headcount_high": 7,
        "by_family": {"association": 2, "cooperative": 1},
        "by_section": {"S": 2, "A": 1},
        "private_establishments": 40,
    }
    CommuneEssStats.objects.create(commune=commune, **figures)
    for level, code, n, private in (
        ("epci", commune.epci_id, 60, 900),
        ("department", "53", 2400, 30000),
        ("region", "52", 31000, 400000),
        ("france", "FR", 700000, 9000000),
    ):
        TerritoryEssStats.objects.create(
            level=level,
            code=code,
            establishments=n,
            legal_units=n,
            employer_establishments=n // 5,
            headcount_low=n,
            headcount_high=3 * n,
            by_family={"association": n * 4 // 5, "cooperative": n - n * 4 // 5},
            by_section={"S": n // 2, "Q": n - n // 2},
            private_establishments=private,
        )
    return commune


def test_indicators_page_before_import_says_not_filled_in(client):
    html = client.get(reverse("observatory:commune", args=[POMMERIEUX])).content.decode()
    assert "Non renseigné (SIRENE non importé)" in html


def test_commune_page_links_to_the_ess_section_only_once_imported(client, pommerieux):
    html = client.get(reverse("territories:commune", args=[POMMERIEUX])).content.decode()
    assert reverse("observatory:commune", args=[POMMERIEUX]) in html
    CommuneEssStats.objects.all().delete()
    from leviers.core.models import Dataset

    Dataset.objects.filter(key="sirene_ess").delete()
    html = client.get(reverse("territories:commune", args=[POMMERIEUX])).content.decode()
    assert "Économie sociale et solidaire" in html
    assert "Non renseigné (SIRENE non importé)" in html


def test_indicators_compare_with_epci_department_region_and_france(client, pommerieux):
    response = client.get(reverse("observatory:commune", args=[POMMERIEUX]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<strong>3</strong> <span class="ess-small">(faible effectif)</span>' in html
    assert "7,5 %" in html  # 3 of 40 private establishments
    assert "4 à 7" in html  # headcount range
    for label in (pommerieux.epci.name, "Mayenne (53)", "Pays de la Loire", "France"):
        assert f'<th scope="row">{label}</th>' in html
    assert "7,8 %" in html  # France: 700,000 of 9,000,000
    assert "<svg" in html and "Coopératives" in html
    assert "Source&nbsp;: INSEE, stock du 01/01/2026" in html
    assert "somme des bornes basses" in html


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


def test_directory_is_alphabetical_whatever_the_case_and_never_by_size(client, pommerieux):
    html = client.get(reverse("observatory:actors", args=[POMMERIEUX])).content.decode()
    positions = [
        html.index(n)
        for n in ("Amicale des anciens", "Coopérative agricole", "foyer rural de Pommerieux")
    ]
    assert positions == sorted(positions)
    assert "https://annuaire-entreprises.data.gouv.fr/etablissement/10000000200011" in html
    assert "Ordre : alphabétique" in html


def test_daily_shuffle_is_the_same_for_everyone_on_a_day(client, pommerieux):
    url = reverse("observatory:actors", args=[POMMERIEUX]) + "?ordre=hasard"
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    assert first == second
    assert "Mélangé chaque jour" in first and "graine" in first


def test_directory_filters(client, pommerieux):
    url = reverse("observatory:actors", args=[POMMERIEUX])
    html = client.get(url, {"famille": "cooperative"}).content.decode()
    assert "Coopérative agricole" in html and "Amicale des anciens" not in html
    html = client.get(url, {"employeur": "oui"}).content.decode()
    assert "Amicale des anciens" in html and "foyer rural" not in html
    html = client.get(url, {"q": "foyer"}).content.decode()
    assert "1 établissement" in html and "foyer rural" in html
    html = client.get(url, {"secteur": "A"}).content.decode()
    assert "Coopérative agricole" in html and "foyer rural" not in html


def test_csv_export_follows_the_filters(client, pommerieux):
    url = reverse("observatory:actors_csv", args=[POMMERIEUX])
    response = client.get(url, {"employeur": "oui"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["nom"] for r in rows] == ["Amicale des anciens", "Coopérative agricole du Craonnais"]
    assert rows[1]["fiche_sirene"].endswith("/etablissement/10000000200011")
    assert rows[1]["famille"] == "Coopératives"


def test_links_between_actors_and_volunteer_associations_are_shown(client, pommerieux):
    coop = ActorProfile.objects.create(
        siret="10000000200011",
        description="Matériel partagé entre fermes.",
        contact="02 43 00 00 00",
    )
    volunteers = ActorProfile.objects.create(
        rna="W532000001", name="Les jardins du bourg", commune=pommerieux
    )
    ActorLink.objects.create(
        source=volunteers, target=coop, kind="fournisseur", note="plants et semences"
    )
    html = client.get(reverse("observatory:actors", args=[POMMERIEUX])).content.decode()
    assert "Matériel partagé entre fermes." in html
    assert "Fournisseur avec Les jardins du bourg — plants et semences" in html
    assert "Fournisseur avec Coopérative agricole du Craonnais" in html
    assert "RNA W532000001" in html


def test_directory_query_count(client, pommerieux, django_assert_num_queries):
    profile = ActorProfile.objects.create(siret="10000000100011", description="Foyer.")
    other = ActorProfile.objects.create(siret="10000000300011")
    ActorLink.objects.create(source=profile, target=other, kind="partenariat")
    # Commune, count, page, profiles, volunteers, links, names of linked actors, dataset.
    with django_assert_num_queries(8):
        client.get(reverse("observatory:actors", args=[POMMERIEUX]))


def test_actor_profile_needs_a_siret_or_an_rna_number():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="SIRET ou un numéro RNA"):
        ActorProfile(description="x").full_clean()


def test_diagnosis_page_shows_the_ess_comparison_table(client, pommerieux):
    html = client.get(reverse("territories:commune", args=[POMMERIEUX])).content.decode()
    assert "Établissements de l'ESS à Pommerieux et autour" in html
    table = html[html.index("ess-summary-caption") :]
    assert "7,5 %" in table  # 3 ESS establishments of 40 private ones, as on the ESS page
    assert "France" in table


def test_diagnosis_page_with_ess_figures_keeps_its_query_count(
    client, pommerieux, django_assert_num_queries
):
    client.get(reverse("territories:commune", args=[POMMERIEUX]))  # per-process caches
    with django_assert_num_queries(7):
        assert client.get(reverse("territories:commune", args=[POMMERIEUX])).status_code == 200
