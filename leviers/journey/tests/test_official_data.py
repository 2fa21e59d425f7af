"""`leviers importer-donnees-officielles`: the official files fetched over HTTP and imported, each
dataset whole or not at all. A local server on 127.0.0.1 stands for the publishers."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.models import Dataset
from leviers.core.official_sources import OfficialFile, OfficialSource
from leviers.journey import official_data
from leviers.journey.official_data import in_words
from leviers.territories.models import Commune, FranceServicesSite, Programme

pytestmark = pytest.mark.django_db

PVD = "petites-villes-de-demain"


def run(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("importer-donnees-officielles", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def source(key: str, url: str, label: str = "Jeu de test") -> OfficialSource:
    return OfficialSource(
        key=key,
        label=label,
        producer="ANCT",
        licence="Licence Ouverte 2.0",
        page="https://www.data.gouv.fr/",
        files=(OfficialFile("source", url, (), True),),
        large=False,
        note="",
    )


@pytest.fixture
def publishers(monkeypatch):
    """publishers(*sources) makes them the registry the command reads."""

    def use(*sources):
        monkeypatch.setattr(official_data, "official_sources", lambda: tuple(sources))

    return use


def pvd_state():
    programme = Programme.objects.filter(slug=PVD).first()
    communes = set(programme.communes.values_list("code", flat=True)) if programme else set()
    return communes, Dataset.objects.filter(key=PVD).values_list("checksum", "vintage").first()


def test_the_shared_official_files_served_over_http_are_all_imported(shared_data, serve):
    base = serve(shared_data)
    out, err = run(depuis=base)
    assert err == ""
    assert Commune.objects.get(code="23138").density_level is not None  # Moutier-d'Ahun
    pvd = Programme.objects.get(slug=PVD)
    assert pvd.communes.count() > 1500
    assert FranceServicesSite.objects.count() > 2500
    datasets = Dataset.objects.in_bulk(field_name="key")
    assert datasets[PVD].vintage == "liste de janvier 2021"
    assert datasets["france-services"].vintage == "liste du 1er août 2024"
    assert datasets[PVD].imported_from == f"{base}pvd_laureats_2021-01.csv"
    assert "sirene_ess" not in datasets  # several GB: only with --avec-sirene


def test_a_second_run_finds_the_same_files_already_imported(shared_data, serve):
    base = serve(shared_data)
    run(depuis=base, keys=[PVD])
    out, _ = run(depuis=base, keys=[PVD])
    assert "déjà chargé à l'identique" in out


def test_official_addresses_are_used_and_an_undated_list_gets_its_download_date(
    tmp_path, serve, publishers
):
    (tmp_path / "liste-pvd.csv").write_text("insee_com,lib_com\n49127,Durtal\n53180,Pommerieux\n")
    base = serve(tmp_path)
    publishers(source(PVD, f"{base}liste-pvd.csv"))
    run()
    communes, (_, vintage) = pvd_state()
    assert communes == {"49127", "53180"}
    assert vintage == f"liste téléchargée le {in_words(date.today())}"


def test_a_file_missing_at_its_address_changes_nothing_and_says_where(tmp_path, serve, publishers):
    (tmp_path / "liste-pvd.csv").write_text("insee_com,lib_com\n49127,Durtal\n")
    base = serve(tmp_path)
    publishers(source(PVD, f"{base}liste-pvd.csv"))
    run()
    before = pvd_state()
    publishers(source(PVD, f"{base}deplace.csv", label="Lauréats PVD"))
    with pytest.raises(CommandError, match="1 jeu"):
        run()
    assert pvd_state() == before
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("importer-donnees-officielles", stdout=StringIO(), stderr=err)
    message = err.getvalue()
    assert "Lauréats PVD" in message
    assert f"{base}deplace.csv" in message
    assert "404" in message
    assert "Rien n'a été modifié pour ce jeu de données" in message


def test_a_malformed_file_changes_nothing_for_its_dataset_only(tmp_path, serve, publishers):
    (tmp_path / "liste-pvd.csv").write_text("insee_com,lib_com\n49127,Durtal\n")
    (tmp_path / "fs.csv").write_text(
        "id_fs,lib_fs,adresse,insee_com,code_postal,latitude,longitude\n"
        "1,France services de Durtal,1 rue,49127,49430,47.67,-0.25\n"
    )
    base = serve(tmp_path)
    publishers(source(PVD, f"{base}liste-pvd.csv"))
    run()
    before = pvd_state()
    (tmp_path / "casse.csv").write_text("code,nom\n49127,Durtal\n")
    publishers(
        source(PVD, f"{base}casse.csv", label="Lauréats PVD"),
        source("france-services", f"{base}fs.csv", label="Sites France Services"),
    )
    err = StringIO()
    with pytest.raises(CommandError, match="Lauréats PVD"):
        call_command("importer-donnees-officielles", stdout=StringIO(), stderr=err)
    assert pvd_state() == before
    message = err.getvalue()
    assert f"Fichier « {base}casse.csv »" in message  # the address, not a temporary file
    assert "colonne « insee_com »" in message
    assert FranceServicesSite.objects.filter(commune_id="49127").count() == 1


def test_a_local_folder_can_stand_for_the_publishers(tmp_path):
    (tmp_path / "pvd_laureats_2021-01.csv").write_text("insee_com,lib_com\n49127,Durtal\n")
    run(depuis=str(tmp_path), keys=[PVD])
    communes, (_, vintage) = pvd_state()
    assert communes == {"49127"}
    assert vintage == "liste de janvier 2021"


def test_a_base_address_without_the_file_names_the_patterns_looked_for(tmp_path, serve):
    base = serve(tmp_path)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "importer-donnees-officielles", depuis=base, keys=[PVD], stdout=StringIO(), stderr=err
        )
    assert "liste-pvd-*.csv ou pvd_laureats_*.csv" in err.getvalue()
    assert pvd_state()[1] is None


def test_an_unknown_dataset_is_refused_with_the_known_ones():
    with pytest.raises(CommandError, match="grille-densite"):
        run(keys=["grille-de-densite"])


def test_a_dataset_without_address_is_not_fetched():
    with pytest.raises(CommandError, match="1 jeu"):
        run(keys=["aides-territoires"])
