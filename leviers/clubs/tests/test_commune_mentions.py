"""The clubs on a commune's or an EPCI's page (clubs/mentions.py, territories/mentions.py):
those whose department or region holds the commune (or one of the EPCI's communes), the
department's first, with their next announced meeting."""

import datetime

import pytest
from django.utils import timezone

from leviers.clubs.tests.factories import ClubFactory, ClubMeetingFactory
from leviers.core.text import french_date
from leviers.territories.models import Department, Region

pytestmark = pytest.mark.django_db

POMMERIEUX = "/territoires/communes/53180/"  # Mayenne, Pays de la Loire
BREST = "/territoires/communes/29019/"  # Finistère, Bretagne
ANJOU_LOIR_SARTHE = "/territoires/epci/200068955/"  # Maine-et-Loire, Pays de la Loire
# Redon Agglomération: Ille-et-Vilaine and Morbihan (Bretagne), Loire-Atlantique (Pays de la Loire).
REDON = "/territoires/epci/243500741/"
BREST_METROPOLE = "/territoires/epci/242900314/"


def clubs_section(html: str) -> str:
    start = html.index(">Échanger avec d&#x27;autres collectivités</h2>")
    return html[start : html.index("</section>", start)]


def test_the_commune_page_names_the_club_of_its_region_and_its_next_meeting(client):
    club = ClubFactory(name="Club ligérien")
    soon = timezone.localdate() + datetime.timedelta(days=12)
    ClubMeetingFactory(club=club, date=soon + datetime.timedelta(days=30))
    ClubMeetingFactory(club=club, date=soon)
    ClubMeetingFactory(club=club, date=soon - datetime.timedelta(days=5), is_published=False)
    ClubMeetingFactory(club=club, date=timezone.localdate() - datetime.timedelta(days=3))

    section = clubs_section(client.get(POMMERIEUX).content.decode())

    assert f'<a href="{club.get_absolute_url()}">Club ligérien</a>' in section
    assert "collectivités de votre région" in section
    assert f"prochaine rencontre le {french_date(soon)}." in section


def test_a_department_club_comes_first_and_other_territories_are_left_out(client):
    region_club = ClubFactory(name="A, le club de la région")
    ClubFactory(name="Club mayennais", region=None, department=Department.objects.get(code="53"))
    ClubFactory(name="Club sarthois", region=None, department=Department.objects.get(code="72"))

    section = clubs_section(client.get(POMMERIEUX).content.decode())

    assert section.index("Club mayennais") < section.index(region_club.name)
    assert "collectivités de votre département" in section
    assert "Club sarthois" not in section
    assert "lettre du club" in section  # no meeting announced
    brest = client.get(BREST).content.decode()
    assert "Échanger avec d&#x27;autres collectivités" not in brest


def test_the_epci_page_names_the_club_of_its_region_and_its_next_meeting(client):
    club = ClubFactory(name="Club ligérien")
    soon = timezone.localdate() + datetime.timedelta(days=20)
    ClubMeetingFactory(club=club, date=soon)

    section = clubs_section(client.get(ANJOU_LOIR_SARTHE).content.decode())

    assert f'<a href="{club.get_absolute_url()}">Club ligérien</a>' in section
    assert f"prochaine rencontre le {french_date(soon)}." in section
    assert "Échanger avec d&#x27;autres collectivités" not in (
        client.get(BREST_METROPOLE).content.decode()
    )


def test_an_epci_across_two_regions_gets_the_clubs_of_each_of_its_communes(client):
    breton = ClubFactory(name="Club breton", region=Region.objects.get(code="53"))
    ligerien = ClubFactory(name="Club ligérien")
    atlantic = ClubFactory(
        name="Club de Loire-Atlantique", region=None, department=Department.objects.get(code="44")
    )
    ClubFactory(name="Club sarthois", region=None, department=Department.objects.get(code="72"))

    section = clubs_section(client.get(REDON).content.decode())

    names = [breton.name, ligerien.name, atlantic.name]
    assert all(f">{name}</a>" in section for name in names)
    assert section.index(atlantic.name) < section.index(breton.name)  # a department's first
    assert "Club sarthois" not in section
