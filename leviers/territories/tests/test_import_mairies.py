"""`leviers import-mairies` refuses a file that is not UTF-8, naming line and column."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.core.models import Dataset
from leviers.territories.models import TownHall

pytestmark = pytest.mark.django_db

HEADER = "code,type,nom,mairie_adresse,mairie_horaires,mairie_email,mairie_telephone,mairie_site\n"


def run(path) -> str:
    out = io.StringIO()
    call_command("import-mairies", source=str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_file_in_latin1_is_refused_and_changes_nothing(tmp_path):
    good = tmp_path / "communes.csv"
    good.write_text(
        HEADER
        + '53180,COM,Pommerieux,"1 rue de la Mairie, 53400 Pommerieux",[],,02 43 00 00 00,\n',
        encoding="utf-8",
    )
    assert "créés=1" in run(good)
    before = (list(TownHall.objects.values()), list(Dataset.objects.values()))
    bad = tmp_path / "communes-latin1.csv"
    bad.write_bytes(
        (HEADER + '53180,COM,Pommerieux,"2 place de l\'Église, 53400 Pommerieux",[],,,\n').encode(
            "latin-1"
        )
    )
    with pytest.raises(CommandError) as error:
        run(bad)
    assert (
        f"Fichier « {bad} », ligne 2, colonne « mairie_adresse » : le fichier n'est pas encodé "
        "en UTF-8 (octet invalide 0xc9)" in str(error.value)
    )
    assert "Rien n'a été modifié." in str(error.value)
    assert (list(TownHall.objects.values()), list(Dataset.objects.values())) == before
    assert TownHall.objects.get(commune_id="53180").address.startswith("1 rue de la Mairie")
