"""The perimeter rules of the catalogue review (C2, C3, C7, C8, C10), through a whole import of
hand-written stock files: which units enter, in which family, and the employer denominators."""

import pytest

from leviers.observatory.models import CommuneEssStats, EssEstablishment
from leviers.observatory.sirene import import_sirene
from leviers.testing.sirene import ESTABLISHMENT_HEADER, UNIT_HEADER, write_rows

pytestmark = pytest.mark.django_db

# siren: (legal category, ESS flag, activity, name)
UNITS = {
    "100000001": ("9223", "", "78.30Z", "GROUPEMENT D EMPLOYEURS DU CRAONNAIS"),
    "100000002": ("9240", "", "87.10A", "CONGREGATION DES SOEURS DE LA CHARITE"),
    "100000003": ("9240", "", "94.91Z", "CONGREGATION DU PRIEURE"),
    "100000004": ("5710", "O", "62.01Z", "SCIC TIERS LIEU DU PAYS"),
    "100000005": ("5499", "O", "43.21A", "ELEC'TRIC COOPÉRATIVE"),
    "100000006": ("5710", "O", "70.22Z", "CONSEIL SOLIDAIRE"),
    "100000007": ("9220", "N", "94.99Z", "ASSOCIATION MARQUEE HORS ESS"),
    "100000008": ("9220", "", "94.99Z", "COMITE DES FETES"),
    "100000009": ("1000", "", "68.20B", None),  # a furnished-rental landlord
    "100000010": ("5710", "", "47.11B", "EPICERIE DU BOURG"),
    "100000011": ("6540", "O", "68.20B", "SCI SOLIDAIRE"),
    "100000012": ("7210", "", "84.11Z", "COMMUNE"),
}
# siret suffix → (siren, employer)
ESTABLISHMENTS = [
    ("100000001", "O"),
    ("100000002", "O"),
    ("100000003", "N"),
    ("100000004", "O"),
    ("100000005", "O"),
    ("100000006", "N"),
    ("100000007", "O"),
    ("100000008", "N"),
    ("100000009", "N"),
    ("100000009", "N"),
    ("100000010", "O"),
    ("100000011", "N"),
    ("100000012", "O"),
]


@pytest.fixture
def imported(tmp_path, pommerieux):
    units = [
        {
            "siren": siren,
            "categorieJuridiqueUniteLegale": cj,
            "economieSocialeSolidaireUniteLegale": flag,
            "activitePrincipaleUniteLegale": naf,
            "denominationUniteLegale": name or "",
            "nomUniteLegale": "" if name else "DURAND",
        }
        for siren, (cj, flag, naf, name) in UNITS.items()
    ]
    establishments = [
        {
            "siren": siren,
            "siret": f"{siren}{n:05d}",
            "etatAdministratifEtablissement": "A",
            "codeCommuneEtablissement": "53180",
            "activitePrincipaleEtablissement": UNITS[siren][2],
            "caractereEmployeurEtablissement": employer,
            "trancheEffectifsEtablissement": "01" if employer == "O" else "NN",
            "etablissementSiege": "true",
        }
        for n, (siren, employer) in enumerate(ESTABLISHMENTS, start=1)
    ]
    counts = import_sirene(
        write_rows(tmp_path / "StockUniteLegale_utf8.csv", UNIT_HEADER, units),
        write_rows(tmp_path / "StockEtablissement_utf8.csv", ESTABLISHMENT_HEADER, establishments),
        progress=False,
    )
    return counts, dict(EssEstablishment.objects.values_list("siren", "family"))


def test_employer_groups_and_congregations_enter_but_not_religious_activity(imported):
    _, families = imported
    assert families["100000001"] == "association"  # 9223
    assert families["100000002"] == "association"  # 9240, nursing home
    assert "100000003" not in families  # 9240, 94.91Z


def test_scic_and_scop_in_sas_or_sarl_are_cooperatives_when_their_name_says_so(imported):
    _, families = imported
    assert families["100000004"] == "cooperative"
    assert families["100000005"] == "cooperative"
    assert families["100000006"] == "societe_commerciale"
    assert families["100000011"] == "autre"  # a flagged civil company is not « commerciale »


def test_an_explicit_n_flag_is_honoured_and_reported(imported):
    counts, families = imported
    assert "100000007" not in families
    assert families["100000008"] == "association"  # a blank flag is not `N`
    assert counts.marked_not_ess == 1
    assert any("(economieSocialeSolidaireUniteLegale = N)" in note for note in counts.notes)


def test_the_headline_share_is_employers_over_private_employers(imported):
    figures = CommuneEssStats.objects.get(commune_id="53180")
    assert figures.establishments == 7
    # ESS employers: 9223, 9240 (care), SCIC, SCOP ; private employers: those, the association
    # marked N and the grocery (the commune is public, the landlord employs nobody).
    assert figures.employer_establishments == 4
    assert figures.private_establishments == 12
    assert figures.private_employer_establishments == 6
    assert figures.ess_share == pytest.approx(4 / 6)
