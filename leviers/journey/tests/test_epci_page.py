import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.utils import timezone

from leviers.catalogue.models import Experience
from leviers.core.models import Dataset
from leviers.territories.models import Commune, Epci, Programme

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"

ANJOU_LOIR_SARTHE = "200068955"
DURTAL = "49127"
PAGE = f"/territoires/epci/{ANJOU_LOIR_SARTHE}/"
MATRIX = f"/territoires/epci/{ANJOU_LOIR_SARTHE}/communes-membres/"


def _pvd(*codes: str) -> None:
    _programme("petites-villes-de-demain", "Petites villes de demain", *codes)


def _programme(slug: str, name: str, *codes: str) -> None:
    programme = Programme.objects.create(slug=slug, name=name, operator="ANCT", dataset_key=slug)
    programme.communes.add(*codes)
    Dataset.objects.create(
        key=slug,
        label=f"Liste {name}",
        producer="ANCT",
        vintage="liste de test",
        licence="Licence Ouverte 2.0",
        source_url="https://agence-cohesion-territoires.gouv.fr",
        imported_from="test",
        imported_at=timezone.now(),
    )


def test_epci_page_lists_members_with_links_to_communes(client):
    epci = Commune.objects.get(code="53180").epci
    response = client.get(epci.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{epci.name}" in html
    assert "communauté de communes" in html
    assert "/territoires/communes/53180/" in html
    members = Commune.objects.filter(epci=epci).count()
    assert f"<strong>{members}</strong>" in html
    assert members > 10


def test_unknown_epci_is_a_404(client):
    assert client.get("/territoires/epci/123456789/").status_code == 404


def test_epci_page_query_count_is_pinned(client, django_assert_num_queries):
    # epci, members, datasets, programmes (memberships, rows), experiences, and the clubs
    # covering its communes (territories/mentions.py).
    with django_assert_num_queries(7):
        assert client.get(PAGE).status_code == 200


def test_epci_page_leads_to_the_journey_with_the_epci_chosen(client):
    html = client.get(PAGE).content.decode()
    assert f'href="/projets/situation/?epci={ANJOU_LOIR_SARTHE}&amp;porteur=epci"' in html
    assert "Trouver des leviers pour CC Anjou Loir et Sarthe" in html
    assert f'href="{MATRIX}"' in html


def test_epci_page_shows_one_population_and_says_why_the_sum_differs(client):
    epci = Epci.objects.get(siren=ANJOU_LOIR_SARTHE)
    members = sum(Commune.objects.filter(epci=epci).values_list("population", flat=True))
    assert members != epci.population  # the referential's two figures differ
    html = client.get(PAGE).content.decode().replace("\xa0", "")
    assert f"<strong>{epci.population}</strong> habitants" in html
    assert f"donne {members} habitants" in html
    assert "celui que lisent les critères des aides" in html


def test_epci_page_lists_the_experiences_of_its_members(client):
    durtal = Experience.objects.filter(commune_id=DURTAL)
    assert durtal.exists()
    html = client.get(PAGE).content.decode()
    for experience in durtal:
        assert experience.get_absolute_url() in html
    assert "Dans les communes membres (" in html


def test_epci_page_names_the_members_in_a_programme(client):
    _pvd(DURTAL, "53180")
    html = client.get(PAGE).content.decode()
    assert '<strong>1</strong> commune : <a href="/territoires/communes/49127/">Durtal</a>' in html


def test_epci_page_says_what_is_not_loaded(client):
    html = client.get(PAGE).content.decode()
    assert "liste des sites France Services pas encore chargée" in html
    assert "Carte non disponible" in html
    assert "répertoire SIRENE" in html


def test_epci_map_is_a_404_without_outlines(client):
    assert client.get(f"/territoires/epci/{ANJOU_LOIR_SARTHE}/carte.svg").status_code == 404


# The member matrix


def test_matrix_gives_each_member_a_verdict_per_scheme(client, catalogue):
    response = client.get(MATRIX)
    assert response.status_code == 200
    matrix = response.context["matrix"]
    names = {m.name for m in matrix.members}
    assert "Durtal" in names
    assert len(names) == Commune.objects.filter(epci_id=ANJOU_LOIR_SARTHE).count()
    slugs = {row.slug for row in matrix.rows}
    assert "1000-cafes" in slugs
    cafes = next(row for row in matrix.rows if row.slug == "1000-cafes")
    by_name = dict(zip((m.name for m in matrix.members), cafes.statuses, strict=True))
    # 1000 cafés is for communes under 3,500 inhabitants: Durtal (3,000+) differs from the
    # smallest members only by its size.
    durtal = Commune.objects.get(code=DURTAL)
    expected = "not_eligible" if durtal.population >= 3500 else "to_check"
    assert by_name["Durtal"] == expected
    smallest = Commune.objects.filter(epci_id=ANJOU_LOIR_SARTHE).order_by("population").first()
    assert by_name[smallest.name] == "to_check"
    html = response.content.decode()
    assert '<span class="visually-hidden">à vérifier</span>' in html
    assert "journey/matrix.css" in html


def test_matrix_reads_programme_membership(client, catalogue):
    _programme("france-ruralites-revitalisation", "France ruralités revitalisation", DURTAL)
    matrix = client.get(MATRIX).context["matrix"]
    frr = next(row for row in matrix.rows if row.slug == "france-ruralites-revitalisation")
    statuses = dict(zip((m.code for m in matrix.members), frr.statuses, strict=True))
    assert statuses.pop(DURTAL) == "to_check"  # one question left, on the business
    assert set(statuses.values()) == {"not_eligible"}


def test_matrix_csv_has_a_column_per_member_and_is_inert(client, catalogue, monkeypatch):
    Commune.objects.filter(code=DURTAL).update(name="=HYPERLINK(1)")
    response = client.get(f"/territoires/epci/{ANJOU_LOIR_SARTHE}/communes-membres.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    header = rows[0]
    members = Commune.objects.filter(epci_id=ANJOU_LOIR_SARTHE).count()
    assert len(header) == 6 + members
    assert "'=HYPERLINK(1) (49127)" in header
    cafes = next(r for r in rows if r[0] == "1000 cafés")
    assert cafes[2].endswith("/catalogue/dispositifs/1000-cafes/")
    assert set(cafes[6:]) <= {"oui", "à vérifier", "non"}
    assert int(cafes[3]) + int(cafes[4]) + int(cafes[5]) == members


def test_unknown_epci_matrix_is_a_404(client):
    assert client.get("/territoires/epci/123456789/communes-membres/").status_code == 404
    assert client.get("/territoires/epci/123456789/communes-membres.csv").status_code == 404


# With outlines: the map and the experiences nearby


@pytest.fixture
def outlines(contours_subset):  # noqa: F811 (the fixture imported above)
    call_command("import-contours", source=str(contours_subset), stdout=None)


def test_epci_map_draws_every_member_and_the_experiences_inside(client, outlines):
    craon = Commune.objects.get(code="53180").epci
    response = client.get(f"/territoires/epci/{craon.siren}/carte.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    paths = root.findall(f"{SVG}g/{SVG}path")
    assert len(paths) == Commune.objects.filter(epci=craon).count()
    description = root.find(f"{SVG}desc").text
    inside = Experience.objects.filter(commune__epci=craon).count()
    assert inside >= 4  # Pommerieux's
    assert f"{inside} expériences (losanges" in description
    assert "liste non renseignée" in description
    html = client.get(craon.get_absolute_url()).content.decode()
    assert f'src="/territoires/epci/{craon.siren}/carte.svg"' in html


def test_experiences_near_an_epci_are_within_the_radius_with_their_distance(client, outlines):
    craon = Commune.objects.get(code="53180").epci
    response = client.get(craon.get_absolute_url())
    near = response.context["experiences_near"]
    assert near, "Mayenne has experiences outside the CC du Pays de Craon"
    assert all(0 < entry.distance <= 50 for entry in near)
    assert [e.distance for e in near] == sorted(e.distance for e in near)
    assert not any(entry.item.commune.epci_id == craon.siren for entry in near)


def test_matrix_query_count_is_pinned(client, catalogue, django_assert_num_queries):
    client.get(MATRIX)  # builds the catalogue snapshot of this process
    # The EPCI, the snapshot's data version; the profiles: datasets, programmes, memberships,
    # members.
    with django_assert_num_queries(6):
        assert client.get(MATRIX).status_code == 200


def test_epci_page_compares_its_ess_with_its_department_region_and_france(client):
    from leviers.core.importing import Counts, record_dataset
    from leviers.observatory.models import TerritoryEssStats

    record_dataset(
        "sirene_ess",
        counts=Counts(),
        imported_from="test",
        label="SIRENE",
        producer="INSEE",
        vintage="2026",
        licence="Licence Ouverte 2.0",
        source_url="https://www.data.gouv.fr/",
    )
    for level, code, n in [
        ("epci", ANJOU_LOIR_SARTHE, 123),
        ("department", "49", 4567),
        ("france", "FR", 98765),
    ]:
        TerritoryEssStats.objects.create(
            level=level, code=code, establishments=n, private_establishments=n * 10
        )
    html = client.get(PAGE).content.decode().replace("\xa0", "").replace("\u202f", "")
    caption = "Établissements de l'ESS à CC Anjou Loir et Sarthe et autour"
    assert caption in html
    table = html[html.index(caption) : html.index("</table>", html.index(caption))]
    assert '<th scope="row">CC Anjou Loir et Sarthe</th>' in table
    assert ">123<" in table and ">4567<" in table and ">98765<" in table
    assert '<th scope="row">Pays de la Loire</th>\n    <td colspan="3">non renseigné</td>' in table


def test_the_button_opens_the_journey_with_the_epci_and_its_holder_chosen(client):
    html = client.get(PAGE).content.decode()
    start = html.index('class="journey-cta"><a class="button" href="') + len(
        'class="journey-cta"><a class="button" href="'
    )
    href = html[start : html.index('"', start)].replace("&amp;", "&")
    response = client.get(href)
    assert response.status_code == 200
    situation = response.content.decode()
    assert "CC Anjou Loir et Sarthe" in situation
    assert '<option value="epci" selected>' in situation
