"""The commune page as a territory diagnosis: comparisons, charts, what lies nearby, the map."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse

from leviers.core.importing import Counts, record_dataset
from leviers.territories.models import Commune, CommuneOutline, FranceServicesSite

pytestmark = pytest.mark.django_db

POMMERIEUX = "53180"
SVG = "{http://www.w3.org/2000/svg}"


def page(client, code=POMMERIEUX) -> str:
    response = client.get(reverse("territories:commune", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def table_row(html: str, name: str) -> str:
    """The comparison table row whose header names `name`, tags stripped."""
    table = html[html.index('<table class="comparisons">') :]
    table = table[: table.index("</table>")]
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        # Spaces collapsed, no-break spaces (thousands separators) kept.
        text = re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        if text.startswith(name + " "):
            return text
    raise AssertionError(f"pas de ligne « {name} » dans le tableau")


def dataset(key: str, vintage: str = "2024") -> None:
    record_dataset(
        key,
        counts=Counts(),
        imported_from="test",
        label=key,
        producer="ANCT" if key == "france-services" else "INSEE",
        vintage=vintage,
        licence="Licence Ouverte 2.0",
        source_url="https://www.data.gouv.fr/",
    )


def share(rural: int, total: int) -> str:
    return f"{round(100 * rural / total)} %"


@pytest.fixture
def outlines(contours_subset):  # noqa: F811 (the fixture imported above)
    call_command("import-contours", source=str(contours_subset), stdout=None)


def test_pommerieux_is_compared_with_its_epci_department_region_and_france(client):
    html = page(client)
    pommerieux = Commune.objects.select_related("epci", "department", "region").get(code=POMMERIEUX)
    assert pommerieux.epci.name == "CC du Pays de Craon"
    for name, communes in [
        ("CC du Pays de Craon", Commune.objects.filter(epci=pommerieux.epci)),
        ("Mayenne", Commune.objects.filter(department_id="53")),
        ("Pays de la Loire", Commune.objects.filter(region=pommerieux.region)),
        ("France", Commune.objects.all()),
    ]:
        row = table_row(html, name)
        assert f" {intcomma(communes.count())} communes " in row, row
        if name != "CC du Pays de Craon":  # the EPCI shows INSEE's own population
            assert intcomma(communes.aggregate(p=Sum("population"))["p"]) in row, row
        # The density grid is not imported here.
        assert row.endswith("non renseigné non renseigné"), row
    assert intcomma(pommerieux.epci.population) in table_row(html, "CC du Pays de Craon")
    assert table_row(html, "Pommerieux").startswith("Pommerieux commune 667 ")
    # No bar chart without the grid, and the source of each figure is given.
    assert 'aria-labelledby="bars-title bars-desc"' not in html
    assert "grille de densité pas encore chargée sur ce site" in html
    assert "Population et communes&nbsp;: INSEE, COG 2026" in html


def test_rural_shares_with_the_real_density_grid(client, shared_data):
    call_command("import-densite", source=str(shared_data / "grille_densite.csv"), stdout=None)
    html = page(client)
    rural = {"density_level__in": [5, 6, 7]}
    mayenne = Commune.objects.filter(department_id="53", density_level__isnull=False)
    row = table_row(html, "Mayenne")
    assert share(mayenne.filter(**rural).count(), mayenne.count()) in row
    population = mayenne.aggregate(p=Sum("population"))["p"]
    rural_population = mayenne.filter(**rural).aggregate(p=Sum("population"))["p"]
    assert row.endswith(share(rural_population, population)), row
    france = Commune.objects.filter(density_level__isnull=False)
    assert f"sur {intcomma(france.count())}" in table_row(html, "France")
    assert "Rural à habitat dispersé</strong> (niveau 6 sur 7)" in html


def test_rural_shares_with_levels_set_directly(client):
    epci = Commune.objects.get(code=POMMERIEUX).epci
    members = Commune.objects.filter(epci=epci)
    members.update(density_level=6)
    largest = members.order_by("-population").first()
    Commune.objects.filter(code=largest.code).update(density_level=3)
    dataset("grille-densite")
    html = page(client)
    total = members.aggregate(p=Sum("population"))["p"]
    row = table_row(html, "CC du Pays de Craon")
    assert share(members.count() - 1, members.count()) in row
    assert row.endswith(share(total - largest.population, total)), row
    # Mayenne: only the EPCI's communes are known, and it says so.
    assert f"sur {members.count()}" in table_row(html, "Mayenne")
    # The commune sits on the 7-level scale; the bar chart shows the shares.
    assert 'aria-labelledby="scale-title scale-desc"' in html
    assert "Niveau 6 sur 7, Rural à habitat dispersé." in html
    assert 'aria-labelledby="bars-title bars-desc"' in html


def test_inline_charts_are_well_formed_svg(client):
    Commune.objects.filter(code=POMMERIEUX).update(density_level=6)
    dataset("grille-densite")
    html = page(client)
    charts = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(charts) == 2
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.get("role") == "img"
        title, desc = root.find("title"), root.find("desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    bars = ET.fromstring(charts[1])
    widths = [
        float(r.get("width")) for r in bars.iter("rect") if r.get("class") == "bar-population"
    ]
    assert widths[1] == max(widths)  # Pommerieux (rural): 100 %, drawn as the longest bar


def test_france_services_nearby_are_listed_nearest_first_with_their_distance(client, outlines):
    dataset("france-services")
    sites = [
        ("far", "France services de Laval", "53130", 48.0706, -0.7706),
        ("craon", "France services Craon", "53084", 47.8476, -0.9496),
        ("renaze", "France services de Renazé", "53188", 47.7930, -1.0547),
        ("nowhere", "France services sans coordonnées", POMMERIEUX, None, None),
    ]
    for identifier, name, commune, lat, lon in sites:
        FranceServicesSite.objects.create(
            identifier=identifier, name=name, commune_id=commune, latitude=lat, longitude=lon
        )
    html = page(client)
    section = html[html.index('id="fs-title"') : html.index('id="experiences-title"')]
    assert "France Services à moins de 15&nbsp;km" in section
    names = re.findall(r"<strong>(France services[^<]*)</strong>", section)
    # The site of the commune first, then by distance; Laval (28 km) is too far.
    assert names == [
        "France services sans coordonnées",
        "France services Craon",
        "France services de Renazé",
    ]
    distances = [float(d.replace(",", ".")) for d in re.findall(r"à (\d+,\d)&nbsp;km", section)]
    assert len(distances) == 2 and 3 < distances[0] < 7 and 9 < distances[1] < 15
    assert "dans la commune" in section
    assert "Source&nbsp;: ANCT, 2024" in section


def test_experiences_nearby_list_those_within_50_km(client, outlines):
    from leviers.catalogue.models import Experience

    Experience.objects.create(slug="chemere", name="Le café de Chémeré", commune_id="53067")
    Experience.objects.create(slug="arras", name="Un tiers-lieu à Arras", commune_id="62041")
    Experience.objects.create(slug="ici", name="Le bar de Pommerieux", commune_id=POMMERIEUX)
    html = page(client)
    section = html[html.index('id="experiences-title"') :]
    assert "Expériences à moins de 50&nbsp;km" in section
    assert section.index("Le bar de Pommerieux") < section.index("Le café de Chémeré")
    assert "Pommerieux (cette commune)" in section
    assert re.search(r"Chémeré-le-Roi, à \d\d&nbsp;km", section)
    assert "Arras" not in section


def test_without_outlines_the_map_says_so_and_sites_of_the_commune_are_listed(client):
    dataset("france-services")
    FranceServicesSite.objects.create(
        identifier="1", name="France services ici", commune_id=POMMERIEUX
    )
    html = page(client)
    assert "Carte non disponible" in html
    assert "France Services dans la commune" in html
    assert "France services ici" in html
    assert client.get(reverse("territories:commune-map", args=[POMMERIEUX])).status_code == 404


def test_map_is_valid_svg_with_department_epci_commune_and_markers(client, outlines):
    dataset("france-services")
    FranceServicesSite.objects.create(
        identifier="craon",
        name="France services Craon",
        commune_id="53084",
        latitude=47.8476,
        longitude=-0.9496,
    )
    html = page(client)
    map_url = reverse("territories:commune-map", args=[POMMERIEUX])
    assert f'<img src="{map_url}" loading="lazy"' in html
    assert 'alt="Carte de Pommerieux (CC du Pays de Craon, Mayenne (53))' in html

    response = client.get(map_url)
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text.startswith("Carte de Pommerieux")
    desc = root.find(f"{SVG}desc").text
    assert "1 site(s) France Services à moins de 15 km" in desc
    assert "1. France services Craon, à " in desc
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == CommuneOutline.objects.filter(commune__department_id="53").count()
    assert sum(1 for p in paths if p.get("fill") == "#1d5f3a") == 1  # the commune
    members = Commune.objects.filter(epci__communes__code=POMMERIEUX).count()
    epci_group = [g for g in root.iter(f"{SVG}g") if g.get("fill") == "#8fc49b"]
    assert len(epci_group[0]) == members - 1
    discs = [c for c in root.iter(f"{SVG}circle") if c.get("fill") == "#b34000"]
    assert len(discs) == 2  # the site, and its symbol in the legend
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "CC du Pays de Craon (37 communes)" in legend


def test_map_of_the_department_with_most_communes_stays_under_300_kb(client, outlines):
    response = client.get(reverse("territories:commune-map", args=["62041"]))  # Arras
    assert response.status_code == 200
    assert len(response.content) < 300_000, len(response.content)
    ET.fromstring(response.content)


def test_diagnosis_query_count_is_pinned(client, outlines, django_assert_num_queries):
    from leviers.catalogue.models import Experience

    dataset("france-services")
    Experience.objects.create(slug="ici", name="Le bar de Pommerieux", commune_id=POMMERIEUX)
    FranceServicesSite.objects.create(
        identifier="craon",
        name="France services Craon",
        commune_id="53084",
        latitude=47.8476,
        longitude=-0.9496,
    )
    # Aggregates not cached yet: the heaviest case; one query asks the clubs covering the
    # commune (territories/mentions.py).
    with django_assert_num_queries(7):
        assert "France services Craon" in page(client)
    with django_assert_num_queries(5):
        client.get(reverse("territories:commune-map", args=[POMMERIEUX]))


def test_an_experience_known_by_its_department_is_listed_apart(client, outlines):
    from leviers.catalogue.models import Experience

    Experience.objects.create(slug="ailleurs-53", name="Une action en Mayenne", department_id="53")
    Experience.objects.create(slug="ailleurs-49", name="Une action en Anjou", department_id="49")
    html = page(client)
    assert "Aussi dans le département, sans commune précisée par la source" in html
    assert "Une action en Mayenne" in html
    assert "Une action en Anjou" not in html
