"""Import of data·inclusion published files (schema v1): structures and services, JSON or CSV.

Every file is read and every row validated by data·inclusion's own pydantic models
(`data_inclusion.schema.v1.Structure` / `Service`, PyPI `data-inclusion-schema`) before anything
is written; then everything is written in one transaction, matched on the data·inclusion `id`
(an import run again updates). Errors are French and name the file, the line (CSV) or the
record number (JSON), and the field.

- JSON: a list of objects, or an object whose "items" is that list (the API's pages).
- CSV: one row per object, comma or semicolon; a list field is a JSON array
  (["seniors","tous-publics"]) or values separated by commas.
A file holds structures or services: services have a "structure_id" column.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pydantic
from data_inclusion.schema import v1
from django.db import transaction

from leviers.core.importing import ImportFileError, Report, decode, read_bytes, record_dataset
from leviers.services.models import Service, Structure
from leviers.services.taxonomy import local_themes_for
from leviers.territories.models import Commune

MAX_ERRORS = 50
LIST_FIELDS = {
    "reseaux_porteurs",
    "thematiques",
    "publics",
    "modes_accueil",
    "zone_eligibilite",
    "modes_mobilisation",
    "mobilisable_par",
}
DATASET = {
    "label": "Offre de services d'insertion (data·inclusion)",
    "producer": "GIP de la plateforme de l'inclusion (data·inclusion)",
    "licence": "Licence Ouverte 2.0",
    "source_url": "https://www.data.gouv.fr/fr/datasets/referentiel-de-loffre-dinsertion-liste-des-structures-et-services-dinsertion/",
}


class ServicesImportError(Exception):
    """The files cannot be imported; `errors` are French, one per row and field at fault."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = errors[:MAX_ERRORS]
        more = (
            f"\n… et {len(errors) - MAX_ERRORS} autres erreurs." if len(errors) > MAX_ERRORS else ""
        )
        super().__init__("\n".join(shown) + more)


@dataclass
class Rows:
    name: str
    kind: str  # "structures" or "services"
    rows: list[tuple[str, dict]]  # (where, raw row): "ligne 3" or "enregistrement n° 2"


@dataclass
class Valid:
    structures: list[tuple[str, str, v1.Structure]] = field(default_factory=list)
    services: list[tuple[str, str, v1.Service]] = field(default_factory=list)


def _split_list(value: str):
    value = value.strip()
    if not value:
        return None
    if value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value  # the schema says what is wrong
    return [part.strip() for part in value.split(",") if part.strip()]


def read_file(source: str | Path) -> Rows:
    name, data = read_bytes(source)
    text = decode(name, data)
    if name.lower().endswith(".json") or text.lstrip().startswith(("[", "{")):
        try:
            content = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportFileError(
                name, f"JSON illisible ({error.msg})", line=error.lineno
            ) from None
        if isinstance(content, dict) and isinstance(content.get("items"), list):
            content = content["items"]
        if not isinstance(content, list) or not all(isinstance(i, dict) for i in content):
            raise ImportFileError(name, "une liste d'objets JSON est attendue")
        rows = [(f"enregistrement n° {i}", item) for i, item in enumerate(content, start=1)]
    else:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        if not reader.fieldnames or "id" not in reader.fieldnames:
            raise ImportFileError(
                name, "la première ligne doit nommer les colonnes, dont « id »", line=1
            )
        rows = []
        for row in reader:
            clean = {}
            for key, value in row.items():
                if key is None or value is None or value.strip() == "":
                    continue
                clean[key] = _split_list(value) if key in LIST_FIELDS else value.strip()
            rows.append((f"ligne {reader.line_num}", clean))
    kind = "services" if any("structure_id" in row for _, row in rows) else "structures"
    return Rows(name, kind, rows)


def _french(error: dict) -> str:
    kind, context = error["type"], error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "champ obligatoire absent"
    if kind in {"string_too_short", "too_short"}:
        return f"trop court (au moins {context.get('min_length')} caractères ou valeurs)"
    if kind in {"string_too_long", "too_long"}:
        return f"trop long (au plus {context.get('max_length')} caractères)"
    if kind == "enum":
        return f"valeur inconnue « {value} » (voir le référentiel data·inclusion)"
    if kind.startswith("date"):
        return f"date invalide « {value} » (attendue au format AAAA-MM-JJ)"
    if kind == "string_pattern_mismatch":
        return f"format invalide « {value} »"
    if kind.startswith("url"):
        return f"adresse web invalide « {value} »"
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
        return f"nombre attendu, pas « {value} »"
    if kind in {"value_error", "avertissement"}:
        return str(context.get("error") or error["msg"]).removeprefix("Value error, ")
    if kind in {"list_type", "set_type"}:
        return "liste de valeurs attendue"
    return f"valeur invalide « {value} »"


def _field(loc: tuple) -> str:
    return str(loc[0]) if loc else "?"


def validate(files: list[Rows]) -> tuple[Valid, list[str]]:
    valid, errors = Valid(), []
    for rows in files:
        model = v1.Service if rows.kind == "services" else v1.Structure
        for where, row in rows.rows:
            try:
                item = model.model_validate(row)
            except pydantic.ValidationError as error:
                for detail in error.errors():
                    errors.append(
                        str(
                            ImportFileError(
                                rows.name,
                                _french(detail),
                                entry=where,
                                column=_field(detail["loc"]),
                            )
                        )
                    )
                continue
            target = valid.services if rows.kind == "services" else valid.structures
            target.append((rows.name, where, item))
    seen: dict[str, str] = {}
    for name, where, item in [*valid.structures, *valid.services]:
        key = f"{type(item).__name__}:{item.id}"
        if key in seen:
            errors.append(
                str(
                    ImportFileError(
                        name,
                        f"identifiant « {item.id} » déjà vu ({seen[key]})",
                        entry=where,
                        column="id",
                    )
                )
            )
        seen[key] = f"{name}, {where}"
    known = {s.id for _, _, s in valid.structures}
    missing = {s.structure_id for _, _, s in valid.services} - known
    if missing:
        known |= set(Structure.objects.filter(di_id__in=missing).values_list("di_id", flat=True))
    for name, where, item in valid.services:
        if item.structure_id not in known:
            errors.append(
                str(
                    ImportFileError(
                        name,
                        f"structure « {item.structure_id} » inconnue : "
                        "importez son fichier de structures avec",
                        entry=where,
                        column="structure_id",
                    )
                )
            )
    return valid, errors


def _values(item) -> list[str]:
    return sorted(v.value if hasattr(v, "value") else str(v) for v in item) if item else []


def _common(item, communes: dict[str, str]) -> dict:
    return {
        "source": item.source[:100],
        "name": item.nom,
        "description": item.description or "",
        "commune_id": communes.get(item.code_insee or ""),
        "postal_code": item.code_postal or "",
        "address": (item.adresse or "")[:300],
        "address_complement": (item.complement_adresse or "")[:300],
        "latitude": item.latitude,
        "longitude": item.longitude,
        "phone": (item.telephone or "")[:40],
        "email": item.courriel or "",
        "opening_hours": (item.horaires_accueil or "")[:300],
        "updated_on": item.date_maj,
    }


def import_files(sources: list[str | Path], *, record: bool = True) -> Report:
    """Read and validate every file, then write them all in one transaction."""
    files = [read_file(source) for source in sources]
    valid, errors = validate(files)
    if errors:
        raise ServicesImportError(errors)
    codes = {i.code_insee for _, _, i in [*valid.structures, *valid.services] if i.code_insee}
    communes = {c: c for c in Commune.objects.filter(code__in=codes).values_list("code", flat=True)}
    counts = Report()
    unknown = sorted(codes - set(communes))
    with transaction.atomic():
        structures = {}
        for _, _, item in valid.structures:
            values = _common(item, communes)
            values |= {
                "siret": item.siret or "",
                "website": str(item.site_web or "")[:300],
                "accessibility_url": str(item.accessibilite_lieu or "")[:300],
                "networks": _values(item.reseaux_porteurs),
            }
            obj, created = Structure.objects.update_or_create(di_id=item.id, defaults=values)
            structures[item.id] = obj
            counts.created += created
            counts.updated += not created
        missing = {s.structure_id for _, _, s in valid.services} - set(structures)
        structures |= {s.di_id: s for s in Structure.objects.filter(di_id__in=missing)}
        for _, _, item in valid.services:
            structure = structures[item.structure_id]
            values = _common(item, communes)
            values |= {
                "structure": structure,
                "kind": item.type.value if item.type else "",
                "themes": _values(item.thematiques),
                "local_themes": local_themes_for(structure.networks),
                "fees": item.frais.value if item.frais else "",
                "fees_details": item.frais_precisions or "",
                "publics": _values(item.publics),
                "access_conditions": item.conditions_acces or "",
                "contact_name": (item.contact_nom_prenom or "")[:200],
                "reception_modes": _values(item.modes_accueil),
                "eligibility_zone": list(item.zone_eligibilite or []),
                "mobilisation_link": str(item.lien_mobilisation or "")[:500],
                "mobilisation_modes": _values(item.modes_mobilisation),
                "mobilisable_by": _values(item.mobilisable_par),
                "mobilisation_details": item.mobilisation_precisions or "",
            }
            if not values["phone"]:
                values["phone"] = structure.phone
            _, created = Service.objects.update_or_create(di_id=item.id, defaults=values)
            counts.created += created
            counts.updated += not created
        if record:
            record_dataset(
                "services-data-inclusion",
                counts=counts,
                imported_from=", ".join(f.name for f in files),
                vintage="schéma v1",
                **DATASET,
            )
    if unknown:
        counts.notes.append(
            f"Codes INSEE inconnus du référentiel (commune laissée vide) : {', '.join(unknown)}"
        )
    return counts
