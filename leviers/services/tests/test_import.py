"""`leviers importer-services`: data·inclusion files (schema v1), JSON and CSV.

The files in data/ were written for these tests in the schema's format (no real published file
is available offline); their values follow the schema's reference lists.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from leviers.core.models import Dataset
from leviers.services.importing import ServicesImportError, import_files, read_file
from leviers.services.models import Service, Structure

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def test_json_files_import_structures_then_services():
    counts = import_files([DATA / "structures.json", DATA / "services.json"])
    assert (counts.created, counts.updated) == (4, 0)
    ccas = Structure.objects.get(di_id="dora--ccas-pommerieux")
    assert (ccas.source, ccas.commune_id, ccas.networks) == ("dora", "53180", ["ccas-cias"])
    assert ccas.updated_on == date(2026, 3, 2)
    help_ = Service.objects.get(di_id="dora--ccas-pommerieux-aide")
    assert help_.structure == ccas
    assert help_.themes == [
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
    ]
    assert help_.local_themes == ["ccas"]  # from its structure's network
    assert help_.contact_phone == "0243070000"  # the structure's phone
    assert (help_.kind, help_.fees, help_.publics) == ("accompagnement", "gratuit", ["seniors"])
    meals = Service.objects.get(di_id="soliguide--portage")
    assert (meals.phone, meals.latitude, meals.eligibility_zone) == ("0243090910", 47.83, ["53"])
    assert Dataset.objects.get(key="services-data-inclusion").created == 4


def test_importing_again_updates_instead_of_duplicating():
    import_files([DATA / "structures.json", DATA / "services.json"])
    public_id = Service.objects.get(di_id="soliguide--portage").public_id
    counts = import_files([DATA / "structures.json", DATA / "services.json"])
    assert (counts.created, counts.updated) == (0, 4)
    assert Service.objects.count() == 2
    assert Service.objects.get(di_id="soliguide--portage").public_id == public_id


def test_csv_files_with_lists_as_json_or_commas():
    assert read_file(DATA / "services.csv").kind == "services"
    assert read_file(DATA / "structures.csv").kind == "structures"
    import_files([DATA / "services.csv", DATA / "structures.csv"])  # any order
    service = Service.objects.get(di_id="admr--craon-aide")
    assert service.themes == [
        "equipement-et-alimentation--aide-menagere",
        "famille--prise-en-charge-personne-dependante",
    ]
    assert service.publics == ["personnes-en-situation-de-handicap", "seniors"]
    assert service.commune_id == "53084"
    assert service.structure.phone == "02 43 06 00 00"


def test_invalid_rows_are_all_named_in_french_and_nothing_is_written():
    with pytest.raises(ServicesImportError) as raised:
        import_files([DATA / "structures.csv", DATA / "services_invalid.csv"])
    errors = raised.value.errors
    name = str(DATA / "services_invalid.csv")
    assert f"Fichier « {name} », ligne 2, colonne « nom » : trop court (au moins 3" in errors[0]
    text = "\n".join(errors)
    assert "ligne 3, colonne « date_maj » : date invalide « 15/01/2026 »" in text
    assert "ligne 3, colonne « thematiques » : valeur inconnue « mobilite--voler »" in text
    assert "ligne 4, colonne « structure_id » : structure « admr--inconnue » inconnue" in text
    assert Structure.objects.count() == 0  # the valid structures file was not written either
    assert not Dataset.objects.filter(key="services-data-inclusion").exists()


def test_command_reports_counts_and_errors(capsys):
    call_command("importer-services", str(DATA / "structures.json"), str(DATA / "services.json"))
    assert "Import terminé : créés=4" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Rien n'a été modifié"):
        call_command("importer-services", str(DATA / "services_invalid.csv"))


def test_unreadable_json_names_the_line(tmp_path):
    broken = tmp_path / "services.json"
    broken.write_text('[\n  {"id": "x",\n  oops\n]', encoding="utf-8")
    with pytest.raises(CommandError, match=r"ligne 3 : JSON illisible"):
        call_command("importer-services", str(broken))
