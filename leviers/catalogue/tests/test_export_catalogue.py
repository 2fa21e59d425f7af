"""`leviers export-catalogue`: the database back to content files, rewriting only the files
whose content changed (one edit, one file in the diff)."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from leviers.catalogue.content import CONTENT_DIR, read_content
from leviers.catalogue.models import Lever, Scheme

pytestmark = pytest.mark.django_db


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def export(folder: Path) -> str:
    from io import StringIO

    out = StringIO()
    call_command("export-catalogue", "--output", str(folder), stdout=out)
    return out.getvalue()


def test_exporting_the_catalogue_as_loaded_changes_no_file(catalogue, tmp_path):
    folder = tmp_path / "contenu"
    shutil.copytree(CONTENT_DIR, folder)
    before = files(folder)
    message = export(folder)
    assert files(folder) == before
    assert f"0 fiches écrites dans {folder}, {len(before)} inchangées" in message


def test_one_edit_rewrites_one_file_which_loads_back_with_the_edit(catalogue, tmp_path):
    folder = tmp_path / "contenu"
    shutil.copytree(CONTENT_DIR, folder)
    before = files(folder)
    scheme = Scheme.objects.get(slug="rural-consult")
    scheme.criteria = [*scheme.criteria, {"rural": True}]
    scheme.save()
    message = export(folder)
    after = files(folder)
    changed = [name for name in before if after[name] != before[name]]
    assert changed == ["schemes/rural-consult.yaml"]
    assert set(after) == set(before)
    assert "1 fiches écrites" in message
    assert read_content(folder).entries["schemes"]["rural-consult"]["criteria"][-1] == {
        "rural": True
    }


def test_a_missing_file_is_written_and_links_compare_as_a_set(catalogue, tmp_path):
    folder = tmp_path / "contenu"
    shutil.copytree(CONTENT_DIR, folder)
    # This lever lists its schemes in its own order, not the export's: the same content.
    listed = read_content(folder).entries["levers"]["tiers-lieu-rural"]["schemes"]
    assert listed != sorted(listed)
    assert set(listed) == set(
        Lever.objects.get(slug="tiers-lieu-rural").schemes.values_list("slug", flat=True)
    )
    (folder / "levers" / "cafe-associatif.yaml").unlink()
    before = files(folder)
    export(folder)
    after = files(folder)
    assert [name for name in after if after[name] != before.get(name)] == [
        "levers/cafe-associatif.yaml"
    ]
