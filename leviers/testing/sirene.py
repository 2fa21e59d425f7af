# ruff: noqa: E501 - the SQL that writes the files reads best one column per line.
"""Synthetic SIRENE stock files, in the official format, for tests and benchmarks.

    python -m leviers.testing.sirene --unites N --etablissements M --output DIR

DuckDB writes them itself (`COPY (SELECT …) TO`), 70 million rows in minutes. Every value is
a deterministic hash of the row number, so a seed and two sizes give the same rows; the
establishments' order may differ from one run to the next (DuckDB promises no order after the
join that places them in communes), which the import does not read. Sorting 40 million rows
to pin it down would cost minutes at national scale.

- Legal units: most are not ESS (sole traders, SAS, SARL, SCI, public bodies); about 4.5 %
  are ESS, with a legal-category mix where associations dominate (order of magnitude of the
  ESS France atlas: associations about four ESS establishments in five), flagged `O` nine
  times in ten (the others enter by their legal category only). `--echantillon` takes the
  ESS category and band mix from a file in the format of a SIRENE extract instead.
- Establishments: ~1.3 per legal unit, 40 % active, in communes drawn with a probability
  proportional to their population (the referential bundle shipped with Leviers; Paris,
  Lyon and Marseille by municipal arrondissement, as SIRENE writes them); a Lambert-93
  position drawn in metropolitan France (not that of the commune), `[ND]` one time in 20,
  none one time in 10 and overseas.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from leviers.observatory.duck import create_table

BUNDLE = (
    Path(__file__).resolve().parent.parent
    / "territories"
    / "data"
    / "decoupage-administratif.json.gz"
)

UNIT_HEADER = (
    "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,"
    "sigleUniteLegale,sexeUniteLegale,prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,"
    "prenom4UniteLegale,prenomUsuelUniteLegale,pseudonymeUniteLegale,"
    "identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,anneeEffectifsUniteLegale,"
    "dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,"
    "anneeCategorieEntreprise,dateDebut,etatAdministratifUniteLegale,nomUniteLegale,"
    "nomUsageUniteLegale,denominationUniteLegale,denominationUsuelle1UniteLegale,"
    "denominationUsuelle2UniteLegale,denominationUsuelle3UniteLegale,"
    "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
    "nomenclatureActivitePrincipaleUniteLegale,nicSiegeUniteLegale,"
    "economieSocialeSolidaireUniteLegale,societeMissionUniteLegale,"
    "caractereEmployeurUniteLegale,activitePrincipaleNAF25UniteLegale"
).split(",")
ESTABLISHMENT_HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,"
    "trancheEffectifsEtablissement,anneeEffectifsEtablissement,"
    "activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,"
    "numeroVoieEtablissement,indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,"
    "indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,"
    "libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,"
    "codeCommuneEtablissement,codeCedexEtablissement,libelleCedexEtablissement,"
    "codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
    "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,"
    "coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,"
    "numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,"
    "libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,"
    "libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
    "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,"
    "codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,"
    "etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,"
    "enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement,"
    "activitePrincipaleNAF25Etablissement"
).split(",")

# Weights per category (integers; only their proportions matter).
OTHER_CATEGORIES = {
    "1000": 5200, "5710": 1300, "5499": 1100, "5498": 350, "6540": 900, "5599": 100,
    "5202": 50, "6599": 100, "6220": 30, "5720": 200,
    "7210": 60, "7220": 2, "7490": 20, "7364": 10, "4110": 5,
}  # fmt: skip
PUBLIC_PREFIXES = ("4", "7")
ESS_CATEGORIES = {
    "9220": 7600, "9210": 100, "9221": 60, "9222": 40, "9230": 80, "9260": 250,
    "9300": 100, "8210": 150, "6411": 20, "8290": 30,
    "5458": 120, "5460": 100, "5558": 30, "5560": 40, "6316": 250, "6317": 150,
    "6318": 20, "6595": 120, "6596": 90, "5192": 30, "5547": 20,
    "5710": 350, "5499": 130, "9240": 30,
}  # fmt: skip
ESS_NAF = {
    "94.99Z": 3500, "93.12Z": 900, "88.99B": 600, "93.29Z": 400, "90.01Z": 400,
    "85.59A": 300, "88.91A": 300, "01.61Z": 300, "88.10C": 250, "64.19Z": 250,
    "65.12Z": 200, "85.51Z": 200, "68.20B": 200, "87.30A": 150, "94.91Z": 150,
    "62.01Z": 150, "56.10A": 100, "47.11B": 100, "86.90D": 100, "55.20Z": 100,
    "70.22Z": 100, "91.02Z": 80, "43.21A": 80, "84.11Z": 20,
}  # fmt: skip
OTHER_NAF = {
    "68.20B": 1200, "70.22Z": 600, "62.01Z": 500, "01.11Z": 500, "56.10A": 400,
    "43.22A": 300, "86.21Z": 300, "96.02A": 300, "47.91B": 300, "47.11F": 200,
    "45.20A": 200, "41.20A": 200, "74.10Z": 200, "85.59A": 200, "49.32Z": 150,
    "90.01Z": 150, "81.21Z": 150, "46.90Z": 150, "10.71C": 100, "55.10Z": 100,
}  # fmt: skip
ESS_BANDS = {
    "NN": 8490, "01": 600, "02": 310, "03": 170, "11": 180, "12": 130, "00": 90,
    "21": 20, "22": 18, "32": 9,
}  # fmt: skip
OTHER_BANDS = {
    "NN": 7800, "00": 800, "01": 700, "02": 300, "03": 160, "11": 120, "12": 80,
    "21": 20, "22": 10, "31": 3, "32": 3, "41": 2, "42": 1,
}  # fmt: skip
ESS_SHARE_PER_MILLE = 45
ESS_FLAGGED_PER_MILLE = 900
ACTIVE_UNITS_PERCENT = 55
ACTIVE_ESTABLISHMENTS_PERCENT = 40
ESTABLISHMENTS_PER_UNIT = 1.33

ASSOCIATION_WORDS = [
    "COMITE DES FETES", "FOYER RURAL", "CLUB SPORTIF", "AMICALE LAIQUE", "ACCA",
    "RESSOURCERIE", "FAMILLES RURALES", "JARDINS PARTAGES", "ECOLE DE MUSIQUE",
    "AIDE A DOMICILE", "TIERS-LIEU", "REPAIR CAFE", "AMAP", "THEATRE", "ENTRAIDE",
]  # fmt: skip
COMPANY_WORDS = [
    "BOULANGERIE", "GARAGE", "TRANSPORTS", "CONSEIL", "BATIMENT", "HOLDING", "SCI",
    "INFORMATIQUE", "RESTAURANT", "MENUISERIE", "PHARMACIE", "IMMOBILIER",
]  # fmt: skip
STREET_TYPES = ["RUE", "AV", "PL", "CHE", "RTE", "BD", "IMP", "ALL"]
STREET_NAMES = [
    "DE LA MAIRIE", "DE L EGLISE", "DU STADE", "DES ECOLES", "DU MOULIN", "DE LA GARE",
    "PRINCIPALE", "DU CHATEAU", "DES TILLEULS", "JEAN JAURES", "VICTOR HUGO", "DU LAVOIR",
]  # fmt: skip


@dataclass
class GeneratedFiles:
    units: Path
    establishments: Path
    unit_rows: int
    establishment_rows: int


def mix_from_sample(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """ESS legal-category and band mixes read from a SIRENE extract (legal units)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    categories = Counter(r["categorieJuridiqueUniteLegale"] for r in rows if r.get("siren"))
    bands = Counter(r.get("trancheEffectifsUniteLegale") or "NN" for r in rows)
    return dict(categories), dict(bands)


def _communes() -> list[tuple[str, str, str, int]]:
    """(code written by SIRENE, postal code, name, population) of every current commune."""
    with gzip.open(BUNDLE, "rt", encoding="utf-8") as handle:
        bundle = json.load(handle)
    split = {"75056": ("751", 20), "13055": ("132", 16), "69123": ("6938", 9)}
    rows = []
    for c in bundle["communes"]:
        population = c.get("population") or 1
        postal = (c.get("codesPostaux") or [""])[0]
        name = c["nom"].upper()
        if c["code"] in split:
            prefix, n = split[c["code"]]
            width = 5 - len(prefix)
            rows += [
                (f"{prefix}{i:0{width}d}", postal, name, max(1, population // n))
                for i in range(1, n + 1)
            ]
        else:
            rows.append((c["code"], postal, name, population))
    return rows


def _pick(weights: dict[str, int], salt: str, key: str = "k") -> str:
    """SQL choosing a value with the given weights, from a hash of `key` and `salt`."""
    total = sum(weights.values())
    cases, cumulative = [], 0
    for value, weight in weights.items():
        cumulative += weight
        cases.append(f"WHEN h < {cumulative} THEN '{value}'")
    h = f"hash({key}, '{salt}') % {total}"
    return "(CASE " + " ".join(c.replace("h <", f"{h} <", 1) for c in cases) + " END)"


def _word(words: list[str], salt: str, key: str = "k") -> str:
    quoted = ", ".join(f"'{w}'" for w in words)
    return f"[{quoted}][CAST(1 + hash({key}, '{salt}') % {len(words)} AS BIGINT)]"


def generate(
    output: str | Path,
    units: int,
    establishments: int,
    *,
    zipped: bool = False,
    sample: Path | None = None,
    malformed: int = 0,
    seed: int = 1,
) -> GeneratedFiles:
    """Write StockUniteLegale_utf8.csv and StockEtablissement_utf8.csv (zipped on request)."""
    import duckdb

    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    ess_categories, ess_bands = dict(ESS_CATEGORIES), dict(ESS_BANDS)
    if sample:
        ess_categories, ess_bands = mix_from_sample(sample)
    db = duckdb.connect()
    db.execute("SET threads = 2")
    db.execute("SET preserve_insertion_order = true")
    create_table(
        db,
        "communes",
        {"code": "VARCHAR", "postal": "VARCHAR", "name": "VARCHAR", "pop": "BIGINT"},
        _communes(),
    )
    db.execute(
        "CREATE TABLE weighted AS SELECT code, postal, name, "
        "SUM(pop) OVER (ORDER BY code) - pop AS start FROM communes"
    )
    population = db.execute("SELECT SUM(pop) FROM communes").fetchone()[0]
    salt = f"s{seed}"
    # The legal unit k (0-based): its nature is a pure function of k, so both files agree.
    db.execute(
        f"""
        CREATE MACRO is_ess(k) AS hash(k, '{salt}ess') % 1000 < {ESS_SHARE_PER_MILLE};
        CREATE MACRO unit_cj(k) AS CASE WHEN is_ess(k)
            THEN {_pick(ess_categories, salt + "cje")} ELSE {_pick(OTHER_CATEGORIES, salt + "cjo")} END;
        CREATE MACRO unit_naf(k, cj) AS CASE
            WHEN starts_with(cj, '7') OR starts_with(cj, '4') THEN '84.11Z'
            WHEN is_ess(k) THEN {_pick(ESS_NAF, salt + "nafe")}
            ELSE {_pick(OTHER_NAF, salt + "nafo")} END;
        CREATE MACRO unit_flag(k) AS CASE
            WHEN is_ess(k) AND hash(k, '{salt}flag') % 1000 < {ESS_FLAGGED_PER_MILLE} THEN 'O'
            WHEN hash(k, '{salt}flagn') % 10 < 3 THEN 'N' ELSE NULL END;
        CREATE MACRO siren_of(k) AS CAST(100000000 + k AS VARCHAR);
        """
    )
    unit_select = f"""
        SELECT siren_of(k) AS siren, 'O' AS statutDiffusionUniteLegale,
          NULL AS unitePurgeeUniteLegale,
          DATE '1950-01-01' + CAST(hash(k, '{salt}date') % 27000 AS INTEGER)
            AS dateCreationUniteLegale,
          NULL AS sigleUniteLegale,
          CASE WHEN cj = '1000' THEN {_word(["M", "F"], salt + "sexe")} END AS sexeUniteLegale,
          CASE WHEN cj = '1000' THEN {_word(["MARIE", "JEAN", "CLAIRE", "PIERRE", "ANNE", "LUC"], salt + "prenom")} END AS prenom1UniteLegale,
          NULL AS prenom2UniteLegale, NULL AS prenom3UniteLegale, NULL AS prenom4UniteLegale,
          CASE WHEN cj = '1000' THEN {_word(["MARIE", "JEAN", "CLAIRE", "PIERRE", "ANNE", "LUC"], salt + "prenom")} END AS prenomUsuelUniteLegale,
          NULL AS pseudonymeUniteLegale,
          CASE WHEN starts_with(cj, '92') THEN 'W' || LPAD(CAST(k % 1000000000 AS VARCHAR), 9, '0') END
            AS identifiantAssociationUniteLegale,
          CASE WHEN ess THEN {_pick(ess_bands, salt + "bandu")} ELSE {_pick(OTHER_BANDS, salt + "bandu")} END
            AS trancheEffectifsUniteLegale,
          '2023' AS anneeEffectifsUniteLegale,
          '2026-01-15T03:12:44' AS dateDernierTraitementUniteLegale,
          1 + hash(k, '{salt}per') % 4 AS nombrePeriodesUniteLegale,
          'PME' AS categorieEntreprise, '2022' AS anneeCategorieEntreprise,
          DATE '2008-01-01' AS dateDebut,
          CASE WHEN hash(k, '{salt}etat') % 100 < {ACTIVE_UNITS_PERCENT} THEN 'A' ELSE 'C' END
            AS etatAdministratifUniteLegale,
          CASE WHEN cj = '1000' THEN {_word(["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND", "LEROY"], salt + "nom")} END
            AS nomUniteLegale,
          NULL AS nomUsageUniteLegale,
          CASE WHEN cj = '1000' THEN NULL
               WHEN ess THEN {_word(ASSOCIATION_WORDS, salt + "den")} || ' ' || CAST(k AS VARCHAR)
               ELSE {_word(COMPANY_WORDS, salt + "den")} || ' ' || CAST(k AS VARCHAR) END
            AS denominationUniteLegale,
          NULL AS denominationUsuelle1UniteLegale, NULL AS denominationUsuelle2UniteLegale,
          NULL AS denominationUsuelle3UniteLegale,
          cj AS categorieJuridiqueUniteLegale, unit_naf(k, cj) AS activitePrincipaleUniteLegale,
          'NAFRev2' AS nomenclatureActivitePrincipaleUniteLegale, '00011' AS nicSiegeUniteLegale,
          unit_flag(k) AS economieSocialeSolidaireUniteLegale,
          NULL AS societeMissionUniteLegale,
          CASE WHEN hash(k, '{salt}emp') % 10 < 2 THEN 'O' ELSE 'N' END AS caractereEmployeurUniteLegale,
          NULL AS activitePrincipaleNAF25UniteLegale
        FROM (SELECT k, unit_cj(k) AS cj, is_ess(k) AS ess FROM range({units}) t(k)) base
    """
    ratio = max(units, 1) / max(establishments, 1)
    establishment_select = f"""
        WITH e AS (
            SELECT i, CAST(FLOOR(i * {ratio}) AS BIGINT) AS k,
                   hash(i, '{salt}commune') % {population} AS u
            FROM range({establishments}) t(i)
        ), placed AS (
            SELECT e.*, w.code, w.postal, w.name, unit_cj(k) AS cj, is_ess(k) AS ess
            FROM e ASOF JOIN weighted w ON e.u >= w.start
        )
        SELECT siren_of(k) AS siren, LPAD(CAST(1 + i % 99999 AS VARCHAR), 5, '0') AS nic,
          siren_of(k) || LPAD(CAST(1 + i % 99999 AS VARCHAR), 5, '0') AS siret,
          'O' AS statutDiffusionEtablissement,
          DATE '1950-01-01' + CAST(hash(i, '{salt}edate') % 27000 AS INTEGER)
            AS dateCreationEtablissement,
          CASE WHEN ess THEN {_pick(ess_bands, salt + "bande", "i")}
               ELSE {_pick(OTHER_BANDS, salt + "bande", "i")} END AS trancheEffectifsEtablissement,
          '2023' AS anneeEffectifsEtablissement, NULL AS activitePrincipaleRegistreMetiersEtablissement,
          '2026-01-15T03:12:44' AS dateDernierTraitementEtablissement,
          CASE WHEN i = CAST(CEIL(k / {ratio}) AS BIGINT) THEN 'true' ELSE 'false' END AS etablissementSiege,
          1 + hash(i, '{salt}eper') % 3 AS nombrePeriodesEtablissement,
          NULL AS complementAdresseEtablissement,
          CAST(1 + hash(i, '{salt}num') % 120 AS VARCHAR) AS numeroVoieEtablissement,
          NULL AS indiceRepetitionEtablissement, NULL AS dernierNumeroVoieEtablissement,
          NULL AS indiceRepetitionDernierNumeroVoieEtablissement,
          {_word(STREET_TYPES, salt + "tv", "i")} AS typeVoieEtablissement,
          {_word(STREET_NAMES, salt + "lv", "i")} AS libelleVoieEtablissement,
          postal AS codePostalEtablissement, name AS libelleCommuneEtablissement,
          NULL AS libelleCommuneEtrangerEtablissement, NULL AS distributionSpecialeEtablissement,
          code AS codeCommuneEtablissement, NULL AS codeCedexEtablissement,
          NULL AS libelleCedexEtablissement, NULL AS codePaysEtrangerEtablissement,
          NULL AS libellePaysEtrangerEtablissement, NULL AS identifiantAdresseEtablissement,
          CASE WHEN starts_with(code, '97') OR hash(i, '{salt}xy') % 20 < 2 THEN NULL
               WHEN hash(i, '{salt}xy') % 20 = 2 THEN '[ND]'
               ELSE CAST(150000 + hash(i, '{salt}x') % 9000000 // 10 AS VARCHAR) || '.' || CAST(hash(i, '{salt}x') % 10 AS VARCHAR) END
            AS coordonneeLambertAbscisseEtablissement,
          CASE WHEN starts_with(code, '97') OR hash(i, '{salt}xy') % 20 < 2 THEN NULL
               WHEN hash(i, '{salt}xy') % 20 = 2 THEN '[ND]'
               ELSE CAST(6150000 + hash(i, '{salt}y') % 9000000 // 10 AS VARCHAR) || '.' || CAST(hash(i, '{salt}y') % 10 AS VARCHAR) END
            AS coordonneeLambertOrdonneeEtablissement,
          NULL AS complementAdresse2Etablissement, NULL AS numeroVoie2Etablissement,
          NULL AS indiceRepetition2Etablissement, NULL AS typeVoie2Etablissement,
          NULL AS libelleVoie2Etablissement, NULL AS codePostal2Etablissement,
          NULL AS libelleCommune2Etablissement, NULL AS libelleCommuneEtranger2Etablissement,
          NULL AS distributionSpeciale2Etablissement, NULL AS codeCommune2Etablissement,
          NULL AS codeCedex2Etablissement, NULL AS libelleCedex2Etablissement,
          NULL AS codePaysEtranger2Etablissement, NULL AS libellePaysEtranger2Etablissement,
          DATE '2015-01-01' AS dateDebut,
          CASE WHEN hash(i, '{salt}eetat') % 100 < {ACTIVE_ESTABLISHMENTS_PERCENT} THEN 'A' ELSE 'F' END
            AS etatAdministratifEtablissement,
          NULL AS enseigne1Etablissement, NULL AS enseigne2Etablissement,
          NULL AS enseigne3Etablissement, NULL AS denominationUsuelleEtablissement,
          unit_naf(k, cj) AS activitePrincipaleEtablissement,
          'NAFRev2' AS nomenclatureActivitePrincipaleEtablissement,
          CASE WHEN hash(i, '{salt}eemp') % 20 = 0 THEN NULL
               WHEN trancheEffectifsEtablissement IN ('NN', '00') THEN 'N' ELSE 'O' END
            AS caractereEmployeurEtablissement,
          NULL AS activitePrincipaleNAF25Etablissement
        FROM placed
    """
    unit_path = folder / "StockUniteLegale_utf8.csv"
    establishment_path = folder / "StockEtablissement_utf8.csv"
    db.execute(f"COPY ({unit_select}) TO '{unit_path}' (HEADER, DELIMITER ',')")
    db.execute(f"COPY ({establishment_select}) TO '{establishment_path}' (HEADER, DELIMITER ',')")
    db.close()
    if malformed:
        with establishment_path.open("a", encoding="utf-8") as handle:
            for n in range(malformed):
                # A row cut short (too few columns), as a truncated download leaves it.
                handle.write(f"99999999{n % 10},{n:05d},cassée\n")
    paths = [unit_path, establishment_path]
    if zipped:
        paths = [_zip(path) for path in paths]
    return GeneratedFiles(paths[0], paths[1], units, establishments + malformed)


def _zip(path: Path) -> Path:
    target = path.with_suffix(".zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.write(path, path.name)
    path.unlink()
    return target


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a stock file written by `generate` or `write_rows`, as dictionaries."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def expected_ess(units_file: Path, establishments_file: Path) -> tuple[set[str], int, int]:
    """The SIRETs of the ESS establishments of a stock, its number of private establishments and
    of private employer establishments, recomputed row by row in plain Python (the oracle of the
    import tests)."""
    from leviers.observatory.perimeter import perimeter
    from leviers.observatory.sirene import ARRONDISSEMENTS
    from leviers.territories.models import Commune

    rules = perimeter()
    units = {r["siren"]: r for r in read_rows(units_file)}
    communes = set(Commune.objects.values_list("code", flat=True))
    ess, private, employers = set(), 0, 0
    for row in read_rows(establishments_file):
        if row["etatAdministratifEtablissement"] != "A":
            continue
        commune = ARRONDISSEMENTS.get(
            row["codeCommuneEtablissement"], row["codeCommuneEtablissement"]
        )
        if commune not in communes:
            continue
        unit = units[row["siren"]]
        cj = unit["categorieJuridiqueUniteLegale"]
        flag = unit["economieSocialeSolidaireUniteLegale"]
        if rules.is_private(cj) or flag == "O":
            private += 1
            employers += row["caractereEmployeurEtablissement"] == "O"
        if rules.is_in(
            cj, flag == "O", unit["activitePrincipaleUniteLegale"], marked_not_ess=flag == "N"
        ):
            ess.add(row["siret"])
    return ess, private, employers


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    """A stock file with `header` and `rows` (missing values left empty)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Écrit des fichiers stock SIRENE synthétiques au format officiel "
        "(StockUniteLegale_utf8.csv, StockEtablissement_utf8.csv), pour les tests et mesures."
    )
    parser.add_argument("--unites", type=int, required=True, help="Nombre d'unités légales.")
    parser.add_argument(
        "--etablissements", type=int, required=True, help="Nombre d'établissements."
    )
    parser.add_argument("--output", required=True, help="Dossier où écrire les fichiers.")
    parser.add_argument("--zip", action="store_true", help="Zippe chaque fichier.")
    parser.add_argument(
        "--echantillon",
        type=Path,
        help="Extrait SIRENE (unités légales) dont reprendre le mélange de catégories "
        "juridiques et de tranches pour la part ESS.",
    )
    parser.add_argument(
        "--malformees", type=int, default=0, help="Lignes cassées ajoutées en fin de fichier."
    )
    parser.add_argument("--graine", type=int, default=1, help="Graine (par défaut 1).")
    args = parser.parse_args(argv)
    started = time.monotonic()
    files = generate(
        args.output,
        args.unites,
        args.etablissements,
        zipped=args.zip,
        sample=args.echantillon,
        malformed=args.malformees,
        seed=args.graine,
    )
    print(
        f"{files.unit_rows} unités légales → {files.units}\n"
        f"{files.establishment_rows} établissements → {files.establishments}\n"
        f"en {time.monotonic() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
