"""`leviers import-densite`: the INSEE density grid, from the ANCT export or INSEE's files."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.models import Dataset
from leviers.territories.models import Commune
from leviers.testing.http import served_folder

pytestmark = pytest.mark.django_db

ANCT_HEADER = "insee_com,lib_com,niveau_densite\n"


def run(source, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import-densite", source=str(source), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def levels(*codes: str) -> dict[str, str | None]:
    found = Commune.objects.filter(code__in=codes)
    return {c.code: c.get_density_level_display() if c.density_level else None for c in found}


def state() -> tuple:
    return (
        list(Commune.objects.exclude(density_level=None).values_list("code", "density_level")),
        list(Dataset.objects.values_list("key", "checksum", "vintage", "updated")),
    )


def write(path, text: str, encoding: str = "utf-8-sig"):
    path.write_bytes(text.encode(encoding))
    return path


# --- The real file -------------------------------------------------------------------------


def test_real_anct_export_sets_every_commune_then_changes_nothing(shared_data):
    out, _ = run(shared_data / "grille_densite.csv")
    assert "créés=0 mis à jour=34875 inchangés=0 rejetés=0" in out
    assert levels("53180", "49127", "01004") == {
        "53180": "Rural à habitat dispersé",
        "49127": "Bourgs ruraux",
        "01004": "Centres urbains intermédiaires",
    }
    # The counts by label published with the grid (research notes, §1a).
    label_of = dict(Commune._meta.get_field("density_level").choices)
    by_level = Counter(Commune.objects.values_list("density_level", flat=True))
    assert {label_of.get(level): n for level, n in by_level.items()} == {
        "Grands centres urbains": 699,
        "Centres urbains intermédiaires": 637,
        "Ceintures urbaines": 1996,
        "Petites villes": 947,
        "Bourgs ruraux": 5072,
        "Rural à habitat dispersé": 18288,
        "Rural à habitat très dispersé": 7236,
        None: 94,  # the communes of the overseas collectivities are not in the grid
    }
    assert sum(n for level, n in by_level.items() if Commune(density_level=level).is_rural) == (
        30596
    )
    assert Commune.objects.get(code="98735").is_rural is None
    dataset = Dataset.objects.get(key="grille-densite")
    assert dataset.producer == "INSEE"
    # The vintage is not in the file: said in plain words that it is deduced.
    assert "2025" in dataset.vintage and "déduite" in dataset.vintage
    assert dataset.checksum

    out, _ = run(shared_data / "grille_densite.csv")
    assert "créés=0 mis à jour=0 inchangés=34875 rejetés=0" in out


# --- The publication formats ---------------------------------------------------------------


def test_anct_export_with_bom_reads_labels(tmp_path):
    path = write(
        tmp_path / "grille_densite.csv",
        ANCT_HEADER + "53180,Pommerieux,Rural à habitat dispersé\n"
        "49127,Durtal,Bourgs ruraux\n"
        "1004,Ambérieu-en-Bugey,Centres urbains intermédiaires\n",
    )
    out, _ = run(path, millesime="grille 2025")
    assert "mis à jour=3" in out
    assert levels("53180", "49127", "01004") == {
        "53180": "Rural à habitat dispersé",
        "49127": "Bourgs ruraux",
        "01004": "Centres urbains intermédiaires",  # "1004": its lost leading zero restored
    }
    assert Dataset.objects.get(key="grille-densite").vintage == "grille 2025"


def test_insee_csv_separated_by_semicolons_reads_codes_in_insee_numbering(tmp_path):
    path = write(
        tmp_path / "grille_densite_7_niveaux_2024.csv",
        "CODGEO;LIBGEO;DENS;LIBDENS;PMUN21\n"
        "53180;Pommerieux;6;Rural à habitat dispersé;667\n"
        "49127;Durtal;5;Bourgs ruraux;3300\n",
        encoding="utf-8",
    )
    run(path)
    assert levels("53180", "49127") == {
        "53180": "Rural à habitat dispersé",
        "49127": "Bourgs ruraux",
    }
    assert Dataset.objects.get(key="grille-densite").vintage == (
        "grille 2024 (d'après le nom du fichier)"
    )


def test_insee_code_3_is_petites_villes_and_4_ceintures_urbaines(tmp_path):
    path = write(tmp_path / "grille.csv", "CODGEO;DENS\n49127;3\n53180;4\n", encoding="utf-8")
    run(path)
    assert levels("49127", "53180") == {"49127": "Petites villes", "53180": "Ceintures urbaines"}


def insee_workbook(path, rows, *, footnote=True):
    """A workbook shaped like INSEE's `fichier_diffusion_2025.xlsx`."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Documentation"
    book.active.append(["Grille communale de densité 2025"])
    sheet = book.create_sheet("Maille communale")
    sheet.append(["Grille communale de densité 2025, géographie au 1er janvier 2025"])
    sheet.append(["Source : Insee"])
    sheet.append([])
    sheet.append([])
    header = ["CODGEO", "LIBGEO", "DENS", "LIBDENS", "PMUN22", "P1", "P2", "P3"]
    sheet.append([*header, "DENS_AAV", "LIBDENS_AAV", "DENS7", "LIBDENS7"])
    for row in rows:
        sheet.append(row)
    if footnote:
        sheet.append([])
        sheet.append(["Champ : France hors Mayotte."])
    book.create_sheet("Maille EPCI").append(["EPCI", "LIBEPCI", "DENS"])
    book.save(path)
    return path


def test_insee_xlsx_reads_dens7_under_its_title_rows(tmp_path):
    path = insee_workbook(
        tmp_path / "fichier_diffusion_2025.xlsx",
        [
            # DENS is the 3-level grid in this edition: DENS7 must be the one read.
            [
                53180,
                "Pommerieux",
                3,
                "Rural",
                667,
                0,
                0,
                100,
                4,
                "Rural",
                6,
                "Rural à habitat dispersé",
            ],
            ["49127", "Durtal", 3, "Rural", 3300, 0, 0, 100, 4, "Rural", 5, "Bourgs ruraux"],
            [
                1004,
                "Ambérieu",
                2,
                "Urbain",
                15000,
                0,
                90,
                10,
                2,
                "Urbain",
                2,
                "Centres urbains intermédiaires",
            ],
            ["01005", "Ambérieux", 2, "Urbain", 1900, 0, 60, 40, 2, "Urbain", 3, "Petites villes"],
        ],
    )
    out, _ = run(path)
    assert "mis à jour=4" in out
    assert levels("53180", "49127", "01004", "01005") == {
        "53180": "Rural à habitat dispersé",
        "49127": "Bourgs ruraux",
        "01004": "Centres urbains intermédiaires",
        "01005": "Petites villes",
    }
    dataset = Dataset.objects.get(key="grille-densite")
    assert dataset.vintage == "grille 2025 (d'après le nom du fichier)"
    assert dataset.source_url.startswith("https://www.insee.fr/")


def test_xlsx_errors_name_the_sheet_and_its_row(tmp_path):
    path = insee_workbook(
        tmp_path / "fichier_diffusion_2025.xlsx",
        [
            [
                "53180",
                "Pommerieux",
                3,
                "Rural",
                667,
                0,
                0,
                100,
                4,
                "Rural",
                6,
                "Rural à habitat dispersé",
            ],
            [
                "5318O",
                "Pommerieux",
                3,
                "Rural",
                667,
                0,
                0,
                100,
                4,
                "Rural",
                6,
                "Rural à habitat dispersé",
            ],
        ],
    )
    before = state()
    with pytest.raises(CommandError) as error:
        run(path)
    assert (
        f"Fichier « {path} › Maille communale », ligne 7, colonne « CODGEO » : "
        "code commune invalide « 5318O »" in str(error.value)
    )
    assert state() == before


def test_unknown_commune_is_rejected_and_listed_not_fatal(tmp_path):
    path = write(
        tmp_path / "grille.csv",
        ANCT_HEADER + "53180,Pommerieux,Rural à habitat dispersé\n99999,Nulle part,Bourgs ruraux\n",
    )
    out, err = run(path)
    assert "mis à jour=1 inchangés=0 rejetés=1" in out
    assert "ligne 3 : commune 99999 Nulle part absente du référentiel" in err


def test_communes_absent_from_a_new_grid_go_back_to_not_filled_in(tmp_path):
    first = write(
        tmp_path / "a.csv",
        ANCT_HEADER + "53180,Pommerieux,Rural à habitat dispersé\n49127,Durtal,Bourgs ruraux\n",
    )
    run(first)
    second = write(tmp_path / "b.csv", ANCT_HEADER + "49127,Durtal,Petites villes\n")
    out, _ = run(second)
    assert "1 communes absentes du fichier repassent à « non renseigné »" in out
    assert "mis à jour=2 inchangés=0" in out
    assert levels("53180", "49127") == {"53180": None, "49127": "Petites villes"}


def test_code_and_label_that_disagree_are_refused(tmp_path):
    path = write(
        tmp_path / "grille.csv",
        "CODGEO,LIBGEO,DENS7,LIBDENS7\n53180,Pommerieux,3,Ceintures urbaines\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        run(path)
    assert "ligne 2, colonne « LIBDENS7 » : « Ceintures urbaines » contredit le code 3" in str(
        error.value
    )


def test_level_outside_the_grid_is_refused(tmp_path):
    path = write(tmp_path / "grille.csv", "CODGEO;DENS\n53180;8\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    assert "ligne 2, colonne « DENS » : niveau « 8 » invalide" in str(error.value)


# --- Malformed files: a French error naming file, line and column; nothing changed ---------

MALFORMED = {
    "missing_column": (
        b"insee_com,lib_com\n53180,Pommerieux\n",
        "ligne 1",
        "colonne du niveau de densité absente : « DENS7 » ou « DENS » ou « LIBDENS7 »",
    ),
    "bad_code": (
        b"insee_com,lib_com,niveau_densite\n53180,Pommerieux,Bourgs ruraux\n"
        b"531800,Pommerieux,Bourgs ruraux\n",
        "ligne 3, colonne « insee_com »",
        "code commune invalide « 531800 »",
    ),
    "cut_in_a_quoted_field": (
        b'insee_com,lib_com,niveau_densite\n53180,Pommerieux,Bourgs ruraux\n49127,"Dur',
        "ligne 3, colonne « lib_com »",
        "guillemet ouvert jamais refermé",
    ),
    "short_row": (
        b"insee_com,lib_com,niveau_densite\n53180,Pommerieux,Bourgs ruraux\n49127,Durtal\n",
        "ligne 3, colonne « niveau_densite »",
        "2 valeurs au lieu de 3",
    ),
    "latin1_bytes": (
        "insee_com,lib_com,niveau_densite\n53180,Pommerieux,Bourgs ruraux\n"
        "01001,L'Abergement-Clémenciat,Rural à habitat dispersé\n".encode("latin-1"),
        "ligne 3, colonne « lib_com »",
        "pas encodé en UTF-8 (octet invalide 0xe9)",
    ),
    "empty": (b"", "ligne 1", "le fichier est vide"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_file_is_refused_in_french_and_changes_nothing(tmp_path, case):
    run(write(tmp_path / "avant.csv", ANCT_HEADER + "49127,Durtal,Petites villes\n"))
    content, where, message = MALFORMED[case]
    path = tmp_path / "grille_densite.csv"
    path.write_bytes(content)
    before = state()
    with pytest.raises(CommandError) as error:
        run(path)
    text = str(error.value)
    assert f"Fichier « {path} », {where}" in text
    assert message in text
    assert "Rien n'a été modifié." in text
    assert state() == before
    assert levels("49127") == {"49127": "Petites villes"}


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="ce fichier n'existe pas"):
        run(tmp_path / "absent.csv")


# --- A URL ---------------------------------------------------------------------------------


@pytest.fixture
def http_folder(tmp_path):
    """A folder served on 127.0.0.1 by `http.server`, in a thread; yields (folder, base URL)."""
    with served_folder(tmp_path) as base:
        yield tmp_path, base


def test_grid_is_fetched_from_a_url(http_folder):
    folder, base = http_folder
    write(folder / "grille_densite.csv", ANCT_HEADER + "53180,Pommerieux,Bourgs ruraux\n")
    out, _ = run(f"{base}/grille_densite.csv")
    assert "mis à jour=1" in out
    assert levels("53180") == {"53180": "Bourgs ruraux"}
    dataset = Dataset.objects.get(key="grille-densite")
    assert dataset.imported_from == f"{base}/grille_densite.csv"
    assert dataset.source_url == "https://github.com/anct-carto/superposeur-V2"


def test_unreachable_url_is_refused(http_folder):
    _, base = http_folder
    with pytest.raises(CommandError, match="téléchargement impossible"):
        run(f"{base}/absent.csv")
