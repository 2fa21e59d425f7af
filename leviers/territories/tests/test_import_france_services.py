"""`leviers import-france-services`: the official list of France Services sites."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.models import Dataset
from leviers.territories.models import FranceServicesSite

pytestmark = pytest.mark.django_db

# The header of the ANCT file.
HEADER = next(
    csv.reader(
        [
            "id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,lib_com,"
            "latitude,longitude,mail,telephone,h_lundi,h_mardi,h_mercredi,h_jeudi,h_vendredi,"
            "h_samedi,prise_rdv,commentaire,type_fs,format_fs,groupe_fs,labellisation_fs"
        ]
    )
)


def site(identifier: str, commune: str, **values) -> dict:
    return {
        "id_fs": identifier,
        "insee_dep": commune[:2],
        "lib_fs": f"France services {identifier}",
        "adresse": "1 place de la Mairie",
        "insee_com": commune,
        "code_postal": commune,
        "latitude": "47.8",
        "longitude": "-0.9",
        "telephone": "02 43 00 00 00",
        "h_mardi": "09:00 - 12:00",
        "type_fs": "Principal",
        "format_fs": "Fixe",
        **values,
    }


def write(path, *sites: dict, delimiter: str = ","):
    """A file quoted as the ANCT writes it: every text quoted, coordinates bare."""
    out = StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(HEADER)
    for values in sites:
        writer.writerow([values.get(name, "") for name in HEADER])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def run(source, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import-france-services", source=str(source), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def state() -> tuple:
    return (
        list(FranceServicesSite.objects.order_by("identifier").values()),
        list(Dataset.objects.values_list("key", "checksum", "vintage", "created")),
    )


def test_real_list_of_august_2024_then_nothing_changes(shared_data):
    out, err = run(shared_data / "france_services_2024-08-01.csv")
    # 2,845 sites: Orée d'Anjou and Pierrefitte (x2) carry codes of communes merged since.
    assert "créés=2842 mis à jour=0 inchangés=0 rejetés=3 supprimés=0" in out
    assert "site 280 « France services Orée d'Anjou », commune 49069 absente" in err
    assert err.count("commune 93059 absente du référentiel") == 2
    assert "29 sites de Paris, Lyon ou Marseille" in out
    valserhone = FranceServicesSite.objects.get(identifier="1")
    assert valserhone.commune.name == "Valserhône"
    assert (valserhone.address, valserhone.postal_code) == ("5-9 Rue des Papetiers", "01200")
    assert valserhone.latitude == pytest.approx(46.10607, abs=1e-5)
    assert valserhone.longitude == pytest.approx(5.82601, abs=1e-5)
    assert valserhone.opening_hours == {
        "lundi": "13:30 - 17:00",
        "mardi": "09:00 - 12:00 / 13:30 - 17:00",
        "mercredi": "09:00 - 12:00 / 13:30 - 17:00",
        "jeudi": "09:00 - 12:00 / 13:30 - 17:00",
        "vendredi": "09:00 - 12:00 / 13:30 - 16:00",
    }
    assert (valserhone.kind, valserhone.format) == ("Principal", "Fixe")
    assert valserhone.email == "franceservices@ccpb01.fr"
    assert FranceServicesSite.objects.filter(commune__code="75056").count() >= 10
    dataset = Dataset.objects.get(key="france-services")
    assert (dataset.producer, dataset.vintage) == ("ANCT", "liste du 1er août 2024")

    out, _ = run(shared_data / "france_services_2024-08-01.csv")
    assert "créés=0 mis à jour=0 inchangés=2842 rejetés=3 supprimés=0" in out


def test_official_format_sites_hours_contacts_and_paris_arrondissements(tmp_path):
    path = write(
        tmp_path / "liste-fs-20240801.csv",
        site(
            "9001",
            "53180",
            code_postal="53400",
            mail="accueil@pommerieux.test - mairie@pommerieux.test",
            h_lundi="14:00 - 17:00",
            commentaire="Fermé le 15 août,\nsauf rendez-vous",
        ),
        site("9002", "75118", code_postal="75018", latitude="48.89", longitude="2.35"),
        site("9003", "93059", code_postal="93380"),
        site("9004", "1004", code_postal="1500", format_fs="Itinérante"),
    )
    out, err = run(path)
    assert "créés=3 mis à jour=0 inchangés=0 rejetés=1 supprimés=0" in out
    # The comment of the first site spans two lines: the third site starts on line 5.
    assert "ligne 5 : site 9003 « France services 9003 », commune 93059 absente" in err
    pommerieux = FranceServicesSite.objects.get(identifier="9001")
    assert pommerieux.commune_id == "53180"
    assert pommerieux.opening_hours == {"lundi": "14:00 - 17:00", "mardi": "09:00 - 12:00"}
    assert pommerieux.email == "accueil@pommerieux.test"
    assert FranceServicesSite.objects.get(identifier="9002").commune_id == "75056"
    amberieu = FranceServicesSite.objects.get(identifier="9004")
    assert (amberieu.commune_id, amberieu.postal_code) == ("01004", "01500")
    assert amberieu.format == "Itinérante"
    assert Dataset.objects.get(key="france-services").vintage == "liste du 1er août 2024"


def test_sites_absent_from_a_new_list_are_deleted_and_counted(tmp_path):
    run(write(tmp_path / "a.csv", site("9001", "53180"), site("9002", "49127")))
    new = write(
        tmp_path / "france_services_2025-03-20.csv",
        site("9001", "53180", telephone="02 43 11 11 11"),
        site("9005", "78003"),
    )
    out, _ = run(new)
    assert "créés=1 mis à jour=1 inchangés=0 rejetés=0 supprimés=1" in out
    assert "1 sites absents de cette liste supprimés" in out
    assert set(FranceServicesSite.objects.values_list("identifier", flat=True)) == {
        "9001",
        "9005",
    }
    assert FranceServicesSite.objects.get(identifier="9001").phone == "02 43 11 11 11"
    assert Dataset.objects.get(key="france-services").vintage == "liste du 20 mars 2025"


def test_semicolon_file_with_decimal_commas(tmp_path):
    path = write(
        tmp_path / "fs.csv", site("9001", "53180", latitude="47,8", longitude="-0,9"), delimiter=";"
    )
    run(path, millesime="liste du 1er janvier 2025")
    pommerieux = FranceServicesSite.objects.get(identifier="9001")
    assert (pommerieux.latitude, pommerieux.longitude) == (47.8, -0.9)
    assert Dataset.objects.get(key="france-services").vintage == "liste du 1er janvier 2025"


@pytest.mark.parametrize(
    ("values", "where", "message"),
    [
        ({"latitude": "147.8"}, "colonne « latitude »", "coordonnée invalide « 147.8 »"),
        ({"longitude": "est"}, "colonne « longitude »", "coordonnée invalide « est »"),
        ({"longitude": "nan"}, "colonne « longitude »", "coordonnée invalide « nan »"),
        ({"code_postal": "5340O"}, "colonne « code_postal »", "code postal invalide"),
        ({"id_fs": "9001"}, "colonne « id_fs »", "identifiant 9001 déjà utilisé ligne 2"),
        ({"lib_fs": ""}, "colonne « lib_fs »", "nom du site absent"),
    ],
)
def test_bad_values_are_refused_with_line_and_column(tmp_path, values, where, message):
    path = write(tmp_path / "fs.csv", site("9001", "53180"), site("9002", "49127", **values))
    with pytest.raises(CommandError) as error:
        run(path)
    assert f"Fichier « {path} », ligne 3, {where} : {message}" in str(error.value)
    assert not FranceServicesSite.objects.exists()


def malformed_cases(tmp_path) -> dict:
    good = write(tmp_path / "good.csv", site("9001", "53180"), site("9002", "49127")).read_text()
    lines = good.splitlines(keepends=True)
    return {
        "missing_column": (
            good.replace("insee_com", "code_commune").encode(),
            "ligne 1",
            "colonne « insee_com » ou « code_insee » ou « com_insee » absente",
        ),
        "bad_code": (
            good.replace(",49127,", ",491270,").encode(),
            "ligne 3, colonne « insee_com »",
            "code commune invalide « 491270 »",
        ),
        "cut_in_a_quoted_field": (
            (lines[0] + lines[1] + '9002,49,"France services de Dur').encode(),
            "ligne 3, colonne « lib_fs »",
            "guillemet ouvert jamais refermé",
        ),
        "short_row": (
            (lines[0] + lines[1] + ",".join(lines[2].split(",")[:6]) + "\n").encode(),
            "ligne 3, colonne « code_postal »",
            "6 valeurs au lieu de 24",
        ),
        "latin1_bytes": (
            good.replace("place de la Mairie", "place de l'Église").encode("latin-1"),
            "ligne 2, colonne « adresse »",
            "pas encodé en UTF-8",
        ),
        "empty": (b"", "ligne 1", "le fichier est vide"),
    }


@pytest.mark.parametrize(
    "case",
    ["missing_column", "bad_code", "cut_in_a_quoted_field", "short_row", "latin1_bytes", "empty"],
)
def test_malformed_file_is_refused_in_french_and_changes_nothing(tmp_path, case):
    run(write(tmp_path / "avant.csv", site("9000", "78003")))
    content, where, message = malformed_cases(tmp_path)[case]
    path = tmp_path / "france_services.csv"
    path.write_bytes(content)
    before = state()
    with pytest.raises(CommandError) as error:
        run(path)
    text = str(error.value)
    assert f"Fichier « {path} », {where}" in text
    assert message in text
    assert "Rien n'a été modifié." in text
    assert state() == before
    assert list(FranceServicesSite.objects.values_list("identifier", flat=True)) == ["9000"]
