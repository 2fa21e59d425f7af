"""Import regions, departments, EPCI and communes from `@etalab/decoupage-administratif`.

The npm package (MIT code, INSEE data under Licence Ouverte) is read as its published
tarball, as an unpacked `data/` folder, or as the compact bundle this repository ships
(`leviers/territories/data/`, derived from the package by `leviers build-referential-bundle`).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
from pathlib import Path

from django.db import transaction

from leviers.core.importing import (
    Counts,
    ImportFileError,
    Progress,
    checksum,
    record_dataset,
    upsert,
)
from leviers.territories.importers.common import COMMUNE_CODE, SIREN
from leviers.territories.models import Commune, Department, Epci, Region

BUNDLE = Path(__file__).resolve().parent.parent / "data" / "decoupage-administratif.json.gz"
FILES = ("regions", "departements", "epci", "communes")
# Only what Leviers uses is kept in the bundle.
KEPT_KEYS = {
    "regions": ("code", "nom", "zone"),
    "departements": ("code", "nom", "region", "zone"),
    "epci": ("code", "nom", "type", "populationMunicipale", "membres"),
    "communes": (
        "code",
        "nom",
        "type",
        "departement",
        "region",
        "siren",
        "codesPostaux",
        "population",
        "zone",
    ),
}
# Vintage of each package version, from the package's README.
VINTAGES = {"6": "COG 2026", "5": "COG 2025", "4": "COG 2024", "3": "COG 2023"}
EPCI_KINDS = {"CC": "CC", "CA": "CA", "CU": "CU", "METRO": "ME", "MET69": "ME"}

POSTAL_CODE = re.compile(r"^\d{5}$")
DATASET = {
    "producer": "INSEE",
    "licence": "Licence Ouverte 2.0 (données), MIT (paquet)",
    "source_url": "https://www.npmjs.com/package/@etalab/decoupage-administratif",
}


def read_package(source: str | Path | None = None) -> tuple[dict, dict[str, list]]:
    """(meta, {file: entries}) from a tarball, a folder or a bundle."""
    path = Path(source) if source else BUNDLE
    name = str(path)
    if not path.exists():
        raise ImportFileError(name, "ce fichier ou dossier n'existe pas")
    if path.is_dir():
        data_dir = path / "data" if (path / "data").is_dir() else path
        meta = _package_meta(name, _read_json_file(path / "package.json", optional=True))
        return meta, {f: _read_json_file(data_dir / f"{f}.json") for f in FILES}
    raw = path.read_bytes()
    if path.name.endswith((".tgz", ".tar.gz")):
        return _read_tarball(name, raw)
    try:
        bundle = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except (OSError, EOFError, ValueError) as error:
        raise ImportFileError(name, f"fichier illisible ou tronqué ({error})") from None
    if not isinstance(bundle, dict) or "meta" not in bundle:
        raise ImportFileError(name, "ce n'est ni un paquet npm, ni un lot Leviers (clé « meta »)")
    return bundle["meta"], {f: bundle.get(f, []) for f in FILES}


def _read_tarball(name: str, raw: bytes) -> tuple[dict, dict[str, list]]:
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:

            def load(member: str):
                try:
                    return json.load(tar.extractfile(f"package/{member}"))
                except KeyError:
                    raise ImportFileError(
                        name, f"« package/{member} » absent de l'archive"
                    ) from None

            meta = _package_meta(name, load("package.json"))
            return meta, {f: load(f"data/{f}.json") for f in FILES}
    except (tarfile.TarError, OSError, EOFError, ValueError) as error:
        raise ImportFileError(name, f"archive illisible ou tronquée ({error})") from None


def _read_json_file(path: Path, optional: bool = False):
    if not path.exists():
        if optional:
            return None
        raise ImportFileError(str(path), "fichier absent")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportFileError(str(path), "le fichier n'est pas encodé en UTF-8") from None
    except ValueError as error:
        raise ImportFileError(str(path), f"JSON invalide ({error.args[0]})") from None


def _package_meta(name: str, package: dict | None) -> dict:
    version = (package or {}).get("version", "inconnue")
    return {
        "package": (package or {}).get("name", "@etalab/decoupage-administratif"),
        "version": version,
        "vintage": VINTAGES.get(version.split(".")[0], f"version {version} du paquet"),
    }


def write_bundle(source: str | Path, target: Path = BUNDLE) -> Path:
    """Derive the compact bundle shipped in the repository from the npm package."""
    meta, files = read_package(source)
    bundle: dict = {"meta": meta}
    for file, entries in files.items():
        keep = KEPT_KEYS[file]
        if file == "communes":
            entries = [e for e in entries if e.get("type") == "commune-actuelle"]
        if file == "epci":
            entries = [
                {**e, "membres": [{"code": m["code"]} for m in e["membres"]]} for e in entries
            ]
        bundle[file] = [{k: e[k] for k in keep if k in e} for e in entries]
    payload = json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode()
    target.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    return target


# --- Validation ----------------------------------------------------------------------------


class _Validator:
    def __init__(self, name: str):
        self.name = name

    def fail(self, file: str, index: int, entry: dict, field: str, message: str):
        code = entry.get("code") if isinstance(entry, dict) else None
        where = f"entrée n° {index + 1}" + (f" (code {code})" if code else "")
        raise ImportFileError(f"{self.name} › {file}.json", message, entry=where, column=field)

    def text(self, file, index, entry, field, pattern=None, required=True) -> str:
        value = entry.get(field)
        if value in (None, "") and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(file, index, entry, field, "valeur absente ou vide")
        if pattern and not pattern.match(value):
            self.fail(file, index, entry, field, f"valeur invalide « {value} »")
        return value.strip()

    def count(self, file, index, entry, field) -> int | None:
        value = entry.get(field)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.fail(file, index, entry, field, f"nombre d'habitants invalide « {value} »")
        return value


def validate(name: str, files: dict[str, list]) -> dict[str, dict[str, dict]]:
    """Check every entry and return the records to write, by model, keyed by natural key."""
    v = _Validator(name)
    for file in FILES:
        if not isinstance(files.get(file), list) or not files[file]:
            raise ImportFileError(f"{name} › {file}.json", "liste d'entrées absente ou vide")

    regions = {}
    for i, e in enumerate(files["regions"]):
        regions[v.text("regions", i, e, "code")] = {"name": v.text("regions", i, e, "nom")}
    departments = {}
    for i, e in enumerate(files["departements"]):
        region = v.text("departements", i, e, "region")
        if region not in regions:
            v.fail("departements", i, e, "region", f"région inconnue « {region} »")
        departments[v.text("departements", i, e, "code")] = {
            "name": v.text("departements", i, e, "nom"),
            "region_id": region,
        }

    communes: dict[str, dict] = {}
    for i, e in enumerate(files["communes"]):
        if not isinstance(e, dict):
            v.fail("communes", i, {}, "", "entrée qui n'est pas un objet")
        if e.get("type", "commune-actuelle") != "commune-actuelle":
            continue
        code = v.text("communes", i, e, "code", COMMUNE_CODE)
        department = v.text("communes", i, e, "departement")
        region = v.text("communes", i, e, "region")
        if department not in departments:
            v.fail("communes", i, e, "departement", f"département inconnu « {department} »")
        if region not in regions:
            v.fail("communes", i, e, "region", f"région inconnue « {region} »")
        postal_codes = e.get("codesPostaux", [])
        if not isinstance(postal_codes, list) or not all(
            isinstance(p, str) and POSTAL_CODE.match(p) for p in postal_codes
        ):
            v.fail("communes", i, e, "codesPostaux", f"codes postaux invalides {postal_codes!r}")
        communes[code] = {
            "name": v.text("communes", i, e, "nom"),
            "siren": v.text("communes", i, e, "siren", SIREN, required=False),
            "postal_codes": sorted(set(postal_codes)),
            "population": v.count("communes", i, e, "population"),
            "department_id": department,
            "region_id": region,
            "epci_id": None,
        }

    epcis = {}
    for i, e in enumerate(files["epci"]):
        siren = v.text("epci", i, e, "code", SIREN)
        kind = v.text("epci", i, e, "type")
        if kind not in EPCI_KINDS:
            v.fail("epci", i, e, "type", f"type inconnu « {kind} » (attendu : CC, CA, CU, METRO)")
        members = e.get("membres")
        if not isinstance(members, list) or not members:
            v.fail("epci", i, e, "membres", "liste des communes membres absente ou vide")
        for member in members:
            code = member.get("code") if isinstance(member, dict) else None
            if code not in communes:
                v.fail("epci", i, e, "membres", f"commune membre inconnue « {code} »")
            communes[code]["epci_id"] = siren
        epcis[siren] = {
            "name": v.text("epci", i, e, "nom"),
            "kind": EPCI_KINDS[kind],
            "population": v.count("epci", i, e, "populationMunicipale"),
        }
    return {"regions": regions, "departments": departments, "epcis": epcis, "communes": communes}


def source_checksum(source: str | Path | None = None) -> str:
    path = Path(source) if source else BUNDLE
    return checksum(path.read_bytes()) if path.is_file() else ""


def import_referential(source: str | Path | None = None, *, progress: bool | None = None) -> Counts:
    """Validate the whole package, then upsert everything in one transaction."""
    meta, files = read_package(source)
    records = validate(str(source or BUNDLE), files)
    counts = Counts()
    with transaction.atomic():
        counts.add(upsert(Region, records["regions"], "code"))
        counts.add(upsert(Department, records["departments"], "code"))
        counts.add(upsert(Epci, records["epcis"], "siren"))
        bar = Progress("Communes", len(records["communes"]), enabled=progress)
        counts.add(upsert(Commune, records["communes"], "code", progress=bar))
        record_dataset(
            "decoupage-administratif",
            counts=counts,
            imported_from=str(source or "lot fourni avec Leviers"),
            checksum=source_checksum(source),
            label=f"Découpage administratif ({meta['package']} {meta['version']})",
            vintage=meta["vintage"],
            **DATASET,
        )
    return counts
