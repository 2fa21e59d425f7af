import importlib

import pytest
from django.core.management import call_command
from django.urls import reverse

from leviers.clubs.example import EXAMPLE, ExampleError, load_example, read
from leviers.clubs.models import CatalogueLink, Club, ClubMeeting, Speaker

pytestmark = pytest.mark.django_db

RTES = "RTES, réseau des collectivités territoriales pour une économie sociale et solidaire"
MIGRATION = importlib.import_module("leviers.clubs.migrations.0003_example_club_wording")


def test_the_example_ships_the_durtal_meeting_with_its_programme(example):
    meeting = ClubMeeting.objects.get(club=example)
    assert meeting.date.isoformat() == "2025-09-11"
    assert meeting.host_commune.name == "Durtal"
    assert sorted(o.name for o in meeting.co_organisers.all()) == [
        "APESS 53",
        "CEAS 72",
        "Durtal",
        "IRESA",
    ]
    assert sorted(o.name for o in example.organisers.all())[0] == "CRESS des Pays de la Loire"
    assert example.launched_on.isoformat() == "2022-05-01"
    assert Speaker.objects.filter(sequence__meeting=meeting, name="Emma Lorée").exists()
    assert meeting.report.is_published


def test_every_link_of_the_example_names_an_entry_of_the_catalogue(example):
    from leviers.catalogue.models import Experience, Lever, Scheme

    models = {"lever": Lever, "experience": Experience, "scheme": Scheme}
    links = list(CatalogueLink.objects.all())
    assert len(links) > 20
    for link in links:
        assert models[link.kind].objects.filter(slug=link.slug).exists(), link


def test_a_second_load_changes_nothing(example):
    before = (Club.objects.count(), Speaker.objects.count())
    assert "déjà chargé" in load_example()
    assert (Club.objects.count(), Speaker.objects.count()) == before


def test_bootstrap_loads_the_example(capsys):
    call_command("charger-exemple-club")
    assert Club.objects.filter(slug="pays-de-la-loire").exists()


def test_a_file_naming_an_unknown_lever_is_refused_whole(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "guinguette-associative,", "guinguette-inconnue,"
    )
    text = text.replace('host_commune: "49127"', 'host_commune: "99999"')
    path = tmp_path / "club.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExampleError) as error:
        load_example(path)
    message = str(error.value)
    assert "guinguette-inconnue" in message and "99999" in message
    assert not Club.objects.exists()


def test_the_ernee_experience_and_lever_pages_mention_the_durtal_meeting(client, example):
    for url in (
        reverse("catalogue:experience", args=["ernee-guinguette"]),
        reverse("catalogue:lever", args=["guinguette-associative"]),
        reverse("catalogue:scheme", args=["petites-villes-de-demain"]),
    ):
        page = client.get(url).content.decode()
        assert "Présenté à la rencontre de Durtal, 11 septembre 2025" in page, url
        meeting = ClubMeeting.objects.get()
        assert reverse("clubs:report", args=[example.slug, meeting.public_id]) in page


def test_a_lever_never_presented_has_no_mention(client, example):
    page = client.get(reverse("catalogue:lever", args=["ressourcerie-recyclerie"])).content
    assert "Présenté à la rencontre".encode() not in page


def test_the_example_reads_without_error():
    assert read()["club"]["slug"] == "pays-de-la-loire"


def test_an_unknown_article_is_refused_whole(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("    article: la\n", "    article: du\n")
    path = tmp_path / "club.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExampleError, match="organisation « cress » : article 'du' inconnu"):
        load_example(path)
    assert not Club.objects.exists()


def test_an_organisation_already_there_gets_the_article_of_the_example_if_it_had_none():
    from leviers.testing.factories import OrganisationFactory

    cress = OrganisationFactory(name="CRESS des Pays de la Loire", kind="reseau")
    rtes = OrganisationFactory(name=RTES, kind="reseau", article="les")
    load_example()
    cress.refresh_from_db()
    rtes.refresh_from_db()
    assert (cress.article, rtes.article) == ("la", "les")


def test_the_wording_migration_mends_the_example_as_shipped_and_keeps_edits():
    from django.apps import apps

    from leviers.accounts.models import Organisation
    from leviers.territories.models import Region
    from leviers.testing.factories import OrganisationFactory

    cress = OrganisationFactory(name="CRESS des Pays de la Loire", kind="reseau")
    other = OrganisationFactory(name="CRESS des Pays de la Loire", kind="association")
    region = Region.objects.get(code="52")
    shipped = Club.objects.create(
        slug="pays-de-la-loire", name="Club", region=region, description=MIGRATION.SHIPPED
    )
    edited = Club.objects.create(
        slug="autre", name="Autre club", region=region, description=MIGRATION.SHIPPED
    )

    MIGRATION.forwards(apps, None)

    assert Organisation.objects.get(pk=cress.pk).name_in_sentence == (
        "la CRESS des Pays de la Loire"
    )
    assert Organisation.objects.get(pk=other.pk).article == ""
    shipped.refresh_from_db()
    edited.refresh_from_db()
    assert "Lancé" not in shipped.description and shipped.description == MIGRATION.NOW
    assert edited.description == MIGRATION.SHIPPED
