"""`leviers import-pvd`: the communes laureate of Petites Villes de Demain."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from leviers.core.models import Dataset
from leviers.territories.models import Programme

pytestmark = pytest.mark.django_db

# The columns of the official file, mayors included (the shared copy had them removed).
OFFICIAL_HEADER = (
    "id_pvd,insee_com,lib_com,lib_reg,insee_dep,lib_dep,nom_maire,mel_mairie,site_mairie,"
    "regroupement,pop,date_signature,siren_epci,lib_epci\n"
)


def row(code: str, name: str, mayor: str = "", email: str = "") -> str:
    return f"pvd-1,{code},{name},Région,{code[:2]},Dép,{mayor},{email},,NA,3000,,200000000,CC\n"


def run(source, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import-pvd", source=str(source), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def laureates() -> set[str]:
    programme = Programme.objects.filter(slug="petites-villes-de-demain").first()
    return set(programme.communes.values_list("code", flat=True)) if programme else set()


def state() -> tuple:
    return (
        sorted(laureates()),
        list(Dataset.objects.values_list("key", "checksum", "vintage", "created")),
    )


def test_real_list_of_january_2021_then_nothing_changes(shared_data, client):
    out, err = run(shared_data / "pvd_laureats_2021-01.csv")
    # 1,607 rows, one of which is the producer's example "999999 Trifouilly-les-Oies".
    assert "créés=1606 mis à jour=0 inchangés=0 rejetés=1 supprimés=0" in out
    assert "ligne 1516 : ligne d'exemple « 999999 Trifouilly-les-Oies » ignorée" in err
    assert {"49127", "78003"} <= laureates()  # Durtal, Ablis
    assert "53180" not in laureates()  # Pommerieux
    programme = Programme.objects.get(slug="petites-villes-de-demain")
    assert (programme.name, programme.operator, programme.dataset_key) == (
        "Petites Villes de Demain",
        "ANCT",
        "petites-villes-de-demain",
    )
    dataset = Dataset.objects.get(key="petites-villes-de-demain")
    assert (dataset.producer, dataset.vintage) == ("ANCT", "liste de janvier 2021")
    assert dataset.licence == "Licence Ouverte 2.0"
    html = client.get(reverse("territories:commune", args=["49127"])).content.decode()
    assert "commune lauréate" in html

    out, _ = run(shared_data / "pvd_laureats_2021-01.csv")
    assert "créés=0 mis à jour=0 inchangés=1606 rejetés=1 supprimés=0" in out


def test_official_file_mayor_columns_are_never_stored(tmp_path):
    path = tmp_path / "pvd.csv"
    path.write_text(
        OFFICIAL_HEADER
        + row("49127", "Durtal", "Jeanne Maire-Exemple", "jeanne.exemple@mairie.test")
        + row("1004", "Ambérieu-en-Bugey", "Paul Édile-Exemple", "paul.exemple@mairie.test"),
        encoding="utf-8",
    )
    out, _ = run(path, millesime="liste de mars 2025")
    assert "créés=2" in out
    assert laureates() == {"49127", "01004"}  # "1004": its lost leading zero restored
    assert Dataset.objects.get(key="petites-villes-de-demain").vintage == "liste de mars 2025"
    dump = StringIO()
    call_command("dumpdata", "territories.programme", "core.dataset", stdout=dump)
    assert "Exemple" not in dump.getvalue() and "mairie.test" not in dump.getvalue()


@pytest.mark.parametrize("column", ["insee_com", "code_insee", "INSEE_COM", "com_insee"])
def test_commune_column_names_of_successive_publications(tmp_path, column):
    path = tmp_path / "pvd.csv"
    path.write_text(f"{column};lib_com\n49127;Durtal\n78003;Ablis\n", encoding="utf-8")
    run(path)
    assert laureates() == {"49127", "78003"}


def test_a_new_list_replaces_the_previous_one(tmp_path):
    first = tmp_path / "pvd_laureats_2021-01.csv"
    first.write_text("insee_com,lib_com\n49127,Durtal\n78003,Ablis\n", encoding="utf-8")
    run(first)
    second = tmp_path / "pvd_laureats_2024-04.csv"
    second.write_text("insee_com,lib_com\n49127,Durtal\n53180,Pommerieux\n", encoding="utf-8")
    out, _ = run(second)
    assert "créés=1 mis à jour=0 inchangés=1 rejetés=0 supprimés=1" in out
    assert "1 communes absentes de la nouvelle liste retirées" in out
    assert laureates() == {"49127", "53180"}
    assert Dataset.objects.get(key="petites-villes-de-demain").vintage == "liste d'avril 2024"


def test_unknown_and_repeated_communes_are_rejected_and_listed(tmp_path):
    path = tmp_path / "pvd.csv"
    path.write_text(
        "insee_com,lib_com\n49127,Durtal\n53999,Nulle part\n49127,Durtal\n", encoding="utf-8"
    )
    out, err = run(path)
    assert "créés=1 mis à jour=0 inchangés=0 rejetés=2" in out
    assert "ligne 3 : commune 53999 Nulle part absente du référentiel" in err
    assert "ligne 4 : commune 49127 déjà listée ligne 2" in err


MALFORMED = {
    "missing_column": (
        b"lib_com,pop\nDurtal,3387\n",
        "ligne 1",
        "colonne « insee_com » ou « code_insee » ou « com_insee »",
    ),
    "bad_code": (
        b"insee_com,lib_com\n49127,Durtal\n4912,Durtal\n78O03,Ablis\n",
        "ligne 4, colonne « insee_com »",
        "code commune invalide « 78O03 »",
    ),
    "cut_in_a_quoted_field": (
        b'insee_com,lib_com\n49127,Durtal\n"7800',
        "ligne 3, colonne « insee_com »",
        "guillemet ouvert jamais refermé",
    ),
    "short_row": (
        b"insee_com,lib_com,pop\n49127,Durtal,3387\n78003,Ablis\n",
        "ligne 3, colonne « pop »",
        "2 valeurs au lieu de 3",
    ),
    "latin1_bytes": (
        "insee_com,lib_com\n49127,Durtal\n01004,Ambérieu-en-Bugey\n".encode("latin-1"),
        "ligne 3, colonne « lib_com »",
        "pas encodé en UTF-8",
    ),
    "empty": (b"", "ligne 1", "le fichier est vide"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_file_is_refused_in_french_and_changes_nothing(tmp_path, case):
    before_path = tmp_path / "avant.csv"
    before_path.write_text("insee_com\n53180\n", encoding="utf-8")
    run(before_path)
    content, where, message = MALFORMED[case]
    path = tmp_path / "pvd_laureats.csv"
    path.write_bytes(content)
    before = state()
    with pytest.raises(CommandError) as error:
        run(path)
    text = str(error.value)
    assert f"Fichier « {path} », {where}" in text
    assert message in text
    assert "Rien n'a été modifié." in text
    assert state() == before
    assert laureates() == {"53180"}
