"""The directory of a commune's ESS actors: its page, filters, order, links and CSV."""

import csv
import io

import pytest
from django.urls import reverse

from leviers.observatory.models import ActorLink, ActorProfile, EssEstablishment

from .fixtures import POMMERIEUX

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("name", ["=1+2", "+33 2 43", "-2+3", "@SOMME(A1)", "\tx", "\rx"])
def test_csv_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(client, pommerieux, name):
    EssEstablishment.objects.filter(siret="10000000100011").update(
        name=name, trade_name=f"{name} bis"
    )
    ActorProfile.objects.create(rna="W532000001", name=name, commune=pommerieux)
    response = client.get(reverse("observatory:actors_csv", args=[POMMERIEUX]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    by_key = {r["siret"] or r["rna"]: r for r in rows}
    assert by_key["10000000100011"]["nom"] == f"'{name}"
    assert by_key["10000000100011"]["enseigne"] == f"'{name} bis"
    assert by_key["W532000001"]["nom"] == f"'{name}"
    assert by_key["10000000200011"]["nom"] == "Coopérative agricole du Craonnais"
