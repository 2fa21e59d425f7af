"""`leviers import-territoires` refuses a broken package in French and changes nothing."""

import io
import json
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.models import Dataset
from leviers.territories.models import Commune, Epci

pytestmark = pytest.mark.django_db

POMMERIEUX = {
    "code": "53180",
    "nom": "Pommerieux",
    "type": "commune-actuelle",
    "departement": "53",
    "region": "52",
    "population": 1,
}


def package(path, communes: list, communes_json: bytes | None = None):
    """A tarball shaped like `npm pack @etalab/decoupage-administratif`."""
    files = {
        "package/package.json": {"name": "@etalab/decoupage-administratif", "version": "6.0.0"},
        "package/data/regions.json": [{"code": "52", "nom": "Pays de la Loire"}],
        "package/data/departements.json": [{"code": "53", "nom": "Mayenne", "region": "52"}],
        "package/data/epci.json": [
            {"code": "200000001", "nom": "CC d'essai", "type": "CC", "membres": [{"code": "53180"}]}
        ],
        "package/data/communes.json": communes,
    }
    with tarfile.open(path, "w:gz") as tar:
        for name, content in files.items():
            data = json.dumps(content).encode()
            if name.endswith("communes.json") and communes_json is not None:
                data = communes_json
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def state() -> tuple:
    # Ordered by key: homonyms ("Abancourt") tie on the default name order, and PostgreSQL
    # may return ties in any order (a parallel scan once the table has grown).
    return (
        list(Commune.objects.order_by("code").values_list("code", "name", "population", "epci_id")),
        list(Epci.objects.order_by("siren").values_list("siren", "name")),
        list(Dataset.objects.order_by("key").values_list("key", "checksum", "imported_at")),
    )


def refused(source) -> str:
    before = state()
    with pytest.raises(CommandError) as error:
        call_command("import-territoires", source=str(source), stdout=io.StringIO())
    assert state() == before
    assert Commune.objects.get(code="53180").population == 667
    assert "Rien n'a été modifié." in str(error.value)
    return str(error.value)


def test_bad_commune_code_names_file_entry_and_field(tmp_path):
    path = package(tmp_path / "decoupage.tgz", [POMMERIEUX, {**POMMERIEUX, "code": "5318O"}])
    assert (
        f"Fichier « {path} › communes.json », entrée n° 2 (code 5318O), colonne « code » : "
        "valeur invalide « 5318O »" in refused(path)
    )


def test_invalid_json_inside_the_package_names_its_line_and_column(tmp_path):
    path = package(tmp_path / "decoupage.tgz", [], communes_json=b'[{"code": "53180",\n "nom": ')
    message = refused(path)
    assert f"Fichier « {path} » : archive illisible ou tronquée" in message
    assert "line 2 column 9" in message


def test_truncated_tarball(tmp_path):
    whole = package(tmp_path / "entier.tgz", [POMMERIEUX] * 2000).read_bytes()
    path = tmp_path / "decoupage.tgz"
    path.write_bytes(whole[: len(whole) // 2])
    assert f"Fichier « {path} » : archive illisible ou tronquée" in refused(path)


def test_missing_file(tmp_path):
    path = tmp_path / "absent.tgz"
    assert f"Fichier « {path} » : ce fichier ou dossier n'existe pas" in refused(path)


def test_ctrl_c_during_the_import_rolls_back_and_says_so(monkeypatch):
    from leviers.territories.importers import decoupage
    from leviers.territories.models import Region

    Region.objects.filter(code="52").update(name="Ancien nom")
    real_upsert = decoupage.upsert

    def interrupted_at_the_communes(model, *args, **kwargs):
        if model is Commune:
            raise KeyboardInterrupt
        return real_upsert(model, *args, **kwargs)

    monkeypatch.setattr(decoupage, "upsert", interrupted_at_the_communes)
    with pytest.raises(CommandError, match=r"Import interrompu.*rien n'a été modifié"):
        call_command("import-territoires")
    assert Region.objects.get(code="52").name == "Ancien nom"
