"""Load the catalogue's content files into the database, and export it back to them.

`read_content` validates every file (YAML syntax, fields, vocabularies, criteria, links
between entries) and raises `ImportFileError` naming the file, the entry and the field;
`load_content` then writes everything in one transaction. Nothing is half-loaded.
The format is documented in docs/format-catalogue.md.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml
from django.db import transaction

from leviers.catalogue import vocabulary
from leviers.catalogue.contacts import ContactError, references, validate_contacts
from leviers.catalogue.dates import french_date
from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.core.importing import Counts, ImportFileError, load_yaml, record_dataset, upsert

CONTENT_DIR = Path(__file__).resolve().parent / "content"
KINDS = ("schemes", "levers", "experiences", "resources")
VERIFICATIONS = {"verifie", "partiel", "non-verifie"}


@dataclass(frozen=True)
class Field:
    name: str
    kind: type | tuple[type, ...]
    required: bool = False
    vocabulary: dict | None = None  # for a str, or for each item of a list
    default: object = ""


COMMON = [
    Field("slug", str, required=True),
    Field("sources", list, required=True, default=[]),
    Field("verification", str, required=True, default="verifie"),
    Field("verification_note", str),
    # Set by the admin's « marquer comme vérifié »: who read the sources, and on which day.
    Field("verified_on", datetime.date, default=None),
    Field("verified_by", str),
    # Who to call, by territory (contacts.py): structures with a perimeter, or {from: scheme}.
    Field("contacts", list, default=[]),
]
CALENDAR_KINDS = tuple(vocabulary.CALENDAR_KINDS)
FIELDS: dict[str, list[Field]] = {
    "schemes": [
        Field("name", str, required=True),
        Field("operator", str, required=True),
        Field("kind", str, required=True, vocabulary=vocabulary.SCHEME_KINDS),
        Field("summary", str, required=True),
        Field("description", str),
        Field("beneficiaries", list, required=True, vocabulary=vocabulary.BENEFICIARIES),
        Field("stages", list, vocabulary=vocabulary.STAGES, default=[]),
        Field("needs", list, vocabulary=vocabulary.NEEDS, default=[]),
        Field("perimeter", dict, required=True, default={}),
        Field("amounts", str),
        Field("funding_rate", str),
        Field("duration", str),
        Field("calendar", dict, default={}),
        Field("how_to_apply", str),
        Field("url", str),
        Field("criteria", list, default=[]),
    ],
    "levers": [
        Field("name", str, required=True),
        Field("summary", str, required=True),
        Field("description", str),
        Field("needs", list, required=True, vocabulary=vocabulary.NEEDS),
        Field("legal_forms", list, vocabulary=vocabulary.LEGAL_FORMS, default=[]),
        Field("authority_roles", list, vocabulary=vocabulary.AUTHORITY_ROLES, default=[]),
        Field("steps", list, default=[]),
        Field("pitfalls", list, default=[]),
        Field("indicators", list, default=[]),
        Field("schemes", list, default=[]),
    ],
    "experiences": [
        Field("name", str, required=True),
        Field("commune", str),  # code INSEE
        Field("department", str),  # only when the source names no commune
        Field("start_year", (int, type(None)), default=None),
        Field("end_year", (int, type(None)), default=None),
        Field("levers", list, default=[]),
        Field("summary", str, required=True),
        Field("story", str),
        Field("key_figures", list, default=[]),
        Field("lessons", list, default=[]),
        Field("contact", str),
    ],
    "resources": [
        Field("title", str, required=True),
        Field("kind", str, required=True, vocabulary=vocabulary.RESOURCE_KINDS),
        Field("publisher", str),
        Field("url", str, required=True),
        Field("summary", str),
        Field("needs", list, vocabulary=vocabulary.NEEDS, default=[]),
    ],
}
# Names of the kinds in French, for messages.
LABELS = {
    "schemes": "dispositif",
    "levers": "levier",
    "experiences": "retour d'expérience",
    "resources": "ressource",
}


@dataclass
class Content:
    entries: dict[str, dict[str, dict]] = field(default_factory=lambda: {k: {} for k in KINDS})
    checksum: str = ""

    def count(self) -> int:
        return sum(len(v) for v in self.entries.values())


class _Check:
    def __init__(self, path: Path, kind: str, slug: str):
        self.path, self.kind, self.slug = path, kind, slug

    def fail(self, column: str, message: str):
        raise ImportFileError(
            str(self.path), message, entry=f"{LABELS[self.kind]} « {self.slug} »", column=column
        )


def _normalise_dates(value):
    """YAML reads 2026-10-15 as a date; keep ISO strings so JSON fields can hold them."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_normalise_dates(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalise_dates(v) for k, v in value.items()}
    return value


def _validate_entry(path: Path, kind: str, raw: dict) -> dict:
    slug = raw.get("slug") if isinstance(raw.get("slug"), str) else path.stem
    check = _Check(path, kind, slug)
    specs = COMMON + FIELDS[kind]
    known = {spec.name for spec in specs}
    unknown = sorted(set(raw) - known)
    if unknown:
        check.fail(unknown[0], f"champ inconnu. Champs possibles : {', '.join(sorted(known))}")
    entry = {}
    for spec in specs:
        value = raw.get(spec.name)
        if value is None or value == "":
            if spec.required:
                check.fail(spec.name, "champ obligatoire absent ou vide")
            entry[spec.name] = spec.default
            continue
        if not isinstance(value, spec.kind) or isinstance(value, bool) and spec.kind is not bool:
            check.fail(spec.name, f"valeur de type inattendu ({type(value).__name__})")
        if spec.vocabulary is not None:
            for item in value if isinstance(value, list) else [value]:
                if item not in spec.vocabulary:
                    valid = ", ".join(spec.vocabulary)
                    check.fail(
                        spec.name, f"valeur inconnue « {item} ». Valeurs possibles : {valid}"
                    )
        entry[spec.name] = value
    if slug != path.stem:
        check.fail("slug", f"le slug « {slug} » doit être le nom du fichier (« {path.stem} »)")
    if entry["verification"] not in VERIFICATIONS:
        check.fail("verification", f"valeur attendue : {', '.join(sorted(VERIFICATIONS))}")
    if entry["verification"] != "verifie" and not entry["verification_note"]:
        check.fail("verification_note", "obligatoire quand la fiche n'est pas entièrement vérifiée")
    for i, source in enumerate(entry["sources"], 1):
        if not isinstance(source, dict) or not str(source.get("url", "")).startswith("http"):
            check.fail("sources", f"source n° {i} : adresse « url » http(s) manquante")
        checked = source.get("checked_on") if isinstance(source, dict) else None
        if checked is not None and not isinstance(checked, datetime.date):
            check.fail(
                "sources",
                f"source n° {i} : « checked_on » est la date où quelqu'un a lu cette source "
                "(2026-11-28), ou rien si personne ne l'a lue",
            )
    if not entry["sources"]:
        check.fail("sources", "au moins une source est obligatoire")
    if kind == "schemes":
        _validate_scheme(check, entry)
    try:
        validate_contacts(entry["contacts"], where=f"{LABELS[kind]} « {slug} »")
    except ContactError as error:
        check.fail("contacts", str(error))
    return _normalise_dates(entry)


def _validate_scheme(check: _Check, entry: dict) -> None:
    from leviers.catalogue.eligibility import CriteriaError, parse_criteria, perimeter_criterion

    where = f"dispositif « {check.slug} »"
    try:
        parse_criteria(entry["criteria"], where=where)
        perimeter_criterion(entry["perimeter"], where=where)
    except CriteriaError as error:
        check.fail("criteria", str(error))
    calendar = entry["calendar"]
    calendar_kind = calendar.get("kind", "permanent")
    if calendar_kind not in CALENDAR_KINDS:
        check.fail(
            "calendar",
            f"type de calendrier inconnu « {calendar_kind} ». Types possibles : "
            f"{', '.join(CALENDAR_KINDS)}",
        )
    if calendar_kind == "deadline" and not isinstance(calendar.get("deadline"), datetime.date):
        check.fail("calendar", "« deadline » (date limite, 2026-12-31) obligatoire pour ce type")
    unknown = sorted(set(calendar) - {"kind", "deadline", "text", "replaced_by"})
    if unknown:
        check.fail("calendar", f"clé inconnue « {unknown[0]} » (kind, deadline, text, replaced_by)")


def read_content(directory: Path = CONTENT_DIR) -> Content:
    if not directory.is_dir():
        raise ImportFileError(str(directory), "dossier introuvable")
    if not any(path for kind in KINDS for path in (directory / kind).glob("*.yaml")):
        raise ImportFileError(
            str(directory),
            f"aucune fiche YAML dans les sous-dossiers {', '.join(KINDS)} : ce n'est pas un "
            "dossier de contenu du catalogue",
        )
    content = Content()
    digest = hashlib.sha256()
    for kind in KINDS:
        for path in sorted((directory / kind).glob("*.yaml")):
            raw_bytes = path.read_bytes()
            digest.update(path.name.encode() + raw_bytes)
            try:
                raw = load_yaml(raw_bytes.decode("utf-8"))
            except UnicodeDecodeError:
                raise ImportFileError(str(path), "le fichier n'est pas encodé en UTF-8") from None
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                line = mark.line + 1 if mark else None
                problem = getattr(error, "problem", None) or str(error)
                raise ImportFileError(str(path), f"YAML invalide ({problem})", line=line) from None
            if not isinstance(raw, dict):
                raise ImportFileError(str(path), "le fichier doit contenir une fiche (table YAML)")
            entry = _validate_entry(path, kind, raw)
            content.entries[kind][entry["slug"]] = {**entry, "_path": path}
    _validate_links(content)
    content.checksum = digest.hexdigest()
    return content


def _validate_links(content: Content) -> None:
    from leviers.territories.models import Commune, Department

    schemes, levers = content.entries["schemes"], content.entries["levers"]
    for slug, scheme in schemes.items():
        replaced_by = scheme["calendar"].get("replaced_by")
        if replaced_by is not None and replaced_by not in schemes:
            _Check(scheme["_path"], "schemes", slug).fail(
                "calendar", f"« replaced_by » : dispositif inconnu « {replaced_by} »"
            )
    from leviers.territories.models import Region

    regions = set(Region.objects.values_list("code", flat=True))
    departments = set(Department.objects.values_list("code", flat=True))
    for kind in KINDS:
        for slug, entry in content.entries[kind].items():
            for contact in entry["contacts"]:
                perimeter = contact.get("perimeter") or {}
                for key, known, unknown in (
                    ("regions", regions, "région de code « {} » inconnue"),
                    ("departments", departments, "département de code « {} » inconnu"),
                ):
                    for code in perimeter.get(key, ()):
                        if code not in known:
                            _Check(entry["_path"], kind, slug).fail(
                                "contacts",
                                f"contact « {contact['name']} » : {unknown.format(code)}",
                            )
            for ref in references(entry["contacts"]):
                target = schemes.get(ref)
                if target is None or not [c for c in target["contacts"] if "from" not in c]:
                    what = "dispositif inconnu" if target is None else "dispositif sans contact"
                    _Check(entry["_path"], kind, slug).fail(
                        "contacts", f"« from » : {what} « {ref} »"
                    )
    for slug, lever in levers.items():
        for ref in lever["schemes"]:
            if ref not in schemes:
                _Check(lever["_path"], "levers", slug).fail(
                    "schemes", f"dispositif inconnu « {ref} »"
                )
    experiences = content.entries["experiences"]
    codes = {e["commune"] for e in experiences.values()}
    known = set(Commune.objects.filter(code__in=codes).values_list("code", flat=True))
    for slug, experience in experiences.items():
        check = _Check(experience["_path"], "experiences", slug)
        for ref in experience["levers"]:
            if ref not in levers:
                check.fail("levers", f"levier inconnu « {ref} »")
        commune, department = experience["commune"], experience["department"]
        if commune and department:
            check.fail(
                "department",
                "la commune ou, si la source ne la nomme pas, le département : pas les deux",
            )
        if not commune and not department:
            check.fail(
                "commune", "champ obligatoire (ou « department » si la source ne la nomme pas)"
            )
        if commune and commune not in known:
            check.fail("commune", f"commune de code INSEE « {commune} » inconnue")
        if department and department not in departments:
            check.fail("department", f"département de code INSEE « {department} » inconnu")


def _records(entries: dict[str, dict], drop: tuple[str, ...] = ()) -> dict[str, dict]:
    return {
        slug: {k: v for k, v in e.items() if k not in ("slug", "_path", *drop)}
        for slug, e in entries.items()
    }


def load_content(directory: Path = CONTENT_DIR, *, label: str = "") -> Counts:
    """Validate the whole catalogue, then write it in one transaction (upsert by slug)."""
    content = read_content(directory)
    counts = Counts()
    e = content.entries
    with transaction.atomic():
        counts.add(upsert(Scheme, _records(e["schemes"]), "slug"))
        counts.add(upsert(Lever, _records(e["levers"], drop=("schemes",)), "slug"))
        experiences = _records(e["experiences"], drop=("levers",))
        for values in experiences.values():
            values["commune_id"] = values.pop("commune") or None
            values["department_id"] = values.pop("department") or None
        counts.add(upsert(Experience, experiences, "slug"))
        counts.add(upsert(Resource, _records(e["resources"]), "slug"))
        scheme_ids = dict(Scheme.objects.values_list("slug", "id"))
        lever_ids = dict(Lever.objects.values_list("slug", "id"))
        for lever in Lever.objects.filter(slug__in=e["levers"]):
            lever.schemes.set([scheme_ids[s] for s in e["levers"][lever.slug]["schemes"]])
        for experience in Experience.objects.filter(slug__in=e["experiences"]):
            experience.levers.set(
                [lever_ids[s] for s in e["experiences"][experience.slug]["levers"]]
            )
        record_dataset(
            "catalogue",
            counts=counts,
            imported_from=label or str(directory),
            checksum=content.checksum,
            label="Catalogue Leviers (leviers, retours d'expérience, dispositifs, ressources)",
            producer="Équipe Leviers",
            vintage=f"version du {french_date(datetime.date.today())}",
            licence="Licence Ouverte 2.0",
            source_url="https://www.gnu.org/licenses/agpl-3.0.html",
        )
    return counts


# --- Export ---------------------------------------------------------------------------------


def _entry_dict(obj, kind: str) -> dict:
    data = {"slug": obj.slug}
    for spec in FIELDS[kind]:
        if spec.name == "schemes":
            value = sorted(obj.schemes.values_list("slug", flat=True))
        elif spec.name == "levers":
            value = sorted(obj.levers.values_list("slug", flat=True))
        elif spec.name in ("commune", "department"):
            value = getattr(obj, f"{spec.name}_id")
        else:
            value = getattr(obj, spec.name)
        if value in ("", [], {}, None) and not spec.required:
            continue
        data[spec.name] = value
    if obj.contacts:
        data["contacts"] = [
            {**c, "sources": _read_dates(c["sources"])} if c.get("sources") else c
            for c in obj.contacts
        ]
    data["sources"] = _read_dates(obj.sources)
    data["verification"] = obj.verification
    if obj.verification_note:
        data["verification_note"] = obj.verification_note
    if obj.verified_on:
        data["verified_on"] = obj.verified_on
        data["verified_by"] = obj.verified_by
    return data


def _read_dates(sources: list) -> list:
    """Sources with their `checked_on` as dates again (the JSON field holds ISO text), so the
    file says 2026-12-06 and not '2026-12-06'."""
    return [
        {**s, "checked_on": datetime.date.fromisoformat(s["checked_on"])}
        if isinstance(s, dict) and isinstance(s.get("checked_on"), str)
        else s
        for s in sources
    ]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _str_presenter(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


class Exported(NamedTuple):
    written: int  # files created or rewritten
    unchanged: int  # files left as they were: the same content


def export_content(directory: Path) -> Exported:
    """Write every entry of the database as a content file. A file whose content is already
    that of the entry (read as load-catalogue reads it) is left untouched, its comments and
    layout included: exporting after one edit changes one file."""
    models = {
        "schemes": Scheme.objects.filter(origin="leviers"),
        "levers": Lever.objects,
        "experiences": Experience.objects,
        "resources": Resource.objects,
    }
    written = unchanged = 0
    for kind, queryset in models.items():
        folder = directory / kind
        folder.mkdir(parents=True, exist_ok=True)
        for obj in queryset.all():
            text = yaml.dump(
                _entry_dict(obj, kind),
                Dumper=_Dumper,
                allow_unicode=True,
                sort_keys=False,
                width=100,
            )
            path = folder / f"{obj.slug}.yaml"
            if _same_content(path, kind, text):
                unchanged += 1
                continue
            path.write_text(text, encoding="utf-8")
            written += 1
    return Exported(written, unchanged)


def _same_content(path: Path, kind: str, text: str) -> bool:
    """Whether the file at `path` already says what `text` says (False if absent or invalid)."""
    if not path.is_file():
        return False
    try:
        return _as_loaded(path, kind, path.read_text(encoding="utf-8")) == _as_loaded(
            path, kind, text
        )
    except (ImportFileError, yaml.YAMLError, UnicodeDecodeError):
        return False


def _as_loaded(path: Path, kind: str, text: str) -> dict:
    raw = load_yaml(text)
    if not isinstance(raw, dict):
        raise ImportFileError(str(path), "le fichier doit contenir une fiche (table YAML)")
    entry = _validate_entry(path, kind, raw)
    for links in ("schemes", "levers"):  # links are a set in the database
        if links in entry:
            entry[links] = sorted(entry[links])
    return entry
