"""Aids from Aides-territoires (ANCT) into the catalogue's schemes (origin "aides-territoires").

The input is the CSV export of the aid finder or the JSON of its API, both read and validated
in full by `aides_territoires_formats` before anything is written (a bad file raises
`ImportFileError` naming file, line and column). Each aid becomes a scheme through the
correspondences of `aides_territoires_mappings.yaml`, then schemes are created or updated by
`source_link`, the aid's page on Aides-territoires, in one transaction.

Every imported scheme keeps a free-text criterion, so the eligibility engine answers
"à vérifier" until a curator structures it; a scheme a curator has taken over (origin changed
to "leviers") is never overwritten.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from leviers.catalogue.importers.aides_territoires_formats import (
    AT_SITE,
    Aid,
    read_api_json,
    read_csv_export,
)
from leviers.catalogue.importers.aides_territoires_mappings import Mappings, load_mappings
from leviers.catalogue.importers.html_text import first_sentence, one_line, shorten
from leviers.catalogue.models import Scheme
from leviers.core.importing import Counts, Progress, checksum, read_bytes, record_dataset
from leviers.core.text import normalize

ORIGIN = Scheme.Origin.AIDES_TERRITOIRES
DATASET = {
    "label": "Aides-territoires : aides et ingénierie pour les collectivités",
    "producer": "Aides-territoires (ANCT)",
    "licence": "Licence Ouverte 2.0",
    "source_url": f"{AT_SITE}/",
}
SOURCE_TITLE = "Fiche Aides-territoires"
VERIFICATION_NOTE = (
    "Importé d'Aides-territoires : critères non structurés, à vérifier par un curateur."
)
DEFAULT_ELIGIBILITY = "Conditions détaillées sur la fiche Aides-territoires"
UNSTRUCTURED_PERIMETER = "Périmètre géographique non structuré : voir la fiche"
HOW_TO_APPLY = "Démarche, pièces et interlocuteurs : voir la fiche Aides-territoires."
# The text criterion is shown in eligibility results; the full text stays in `eligibility_text`.
CRITERION_TEXT_LIMIT = 500
SLUG_PREFIX = "at-"
SLUG_MAX = Scheme._meta.get_field("slug").max_length
OPERATOR_MAX = Scheme._meta.get_field("operator").max_length

# AT recurrence (label or slug, normalised) → its meaning here.
RECURRENCES = {
    "permanente": "ongoing",
    "ongoing": "ongoing",
    "ponctuelle": "oneoff",
    "oneoff": "oneoff",
    "recurrente": "recurring",
    "recurring": "recurring",
}


@dataclass
class ImportCounts(Counts):
    """Counts of an import, plus the aids kept as a curator left them, and notes to show."""

    curated: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{super().__str__()} conservés (repris par un curateur)={self.curated}"


# --- From an aid to a scheme ----------------------------------------------------------------


class _Referential:
    """Regions and departments by normalised name ("La Réunion" also answers to "Réunion")."""

    def __init__(self):
        from leviers.territories.models import Department, Region

        self.regions = self._by_name(Region.objects.values_list("name", "code"))
        self.departments = self._by_name(Department.objects.values_list("name", "code"))

    @staticmethod
    def _by_name(pairs) -> dict[str, str]:
        table = {}
        for name, code in pairs:
            key = normalize(name)
            table[key] = code
            article, _, rest = key.partition(" ")
            if rest and article in {"la", "le", "les", "l"}:
                table.setdefault(rest, code)
        return table


# "Morbihan (Département)", "Rodez (Commune – 12000)": the Django API appends the scale.
_SCALE_SUFFIX = re.compile(r"^(?P<name>.+?)\s*\((?P<scale>[^()]+)\)$")


class _Builder:
    def __init__(self, mappings: Mappings, today: datetime.date):
        self.mappings, self.today = mappings, today
        self._referential: _Referential | None = None

    @property
    def referential(self) -> _Referential:
        if self._referential is None:
            self._referential = _Referential()
        return self._referential

    def perimeter(self, aid: Aid) -> tuple[dict, str]:
        """The scheme's perimeter, or {} and the text criterion that replaces it."""
        if not aid.perimeter:
            return {}, UNSTRUCTURED_PERIMETER
        name, scale = aid.perimeter, aid.perimeter_scale
        if match := _SCALE_SUFFIX.match(name):
            suffix = re.split(r"\s[–-]\s", match["scale"])[0]
            if self.mappings.is_known_scale(suffix):
                name, scale = match["name"], scale or suffix
        key = normalize(name)
        target = self.mappings.perimeter_key(scale) if scale else "any"
        if key in self.mappings.national_names or target == "national":
            return {"national": True}, ""
        if target in ("regions", "any") and key in self.referential.regions:
            return {"regions": [self.referential.regions[key]]}, ""
        if target in ("departments", "any") and key in self.referential.departments:
            return {"departments": [self.referential.departments[key]]}, ""
        shown = f"{name} ({scale})" if scale else name
        return {}, f"{UNSTRUCTURED_PERIMETER} (« {shown} »)"

    def calendar(self, aid: Aid) -> dict:
        recurrence = RECURRENCES.get(normalize(aid.recurrence), "")
        notes = []
        if aid.deadline:
            deadline = aid.deadline.isoformat()
            if aid.deadline < self.today:
                calendar = {"kind": "closed", "deadline": deadline}
                notes.append(f"Clôturée le {aid.deadline:%d/%m/%Y} selon Aides-territoires")
            else:
                calendar = {"kind": "deadline", "deadline": deadline}
            if recurrence == "recurring":
                notes.append("Aide récurrente : une nouvelle session peut ouvrir")
        else:
            calendar = {"kind": "permanent"}
            if recurrence == "oneoff":
                notes.append("Aide ponctuelle : date limite non publiée, à vérifier")
            elif recurrence == "recurring":
                notes.append("Aide récurrente : prochaine date limite non publiée")
        if aid.call_for_projects:
            notes.append("Appel à projets ou à manifestation d'intérêt")
        if notes:
            calendar["text"] = ". ".join(notes) + "."
        return calendar

    def values(self, aid: Aid) -> dict:
        beneficiaries = self.mappings.beneficiaries(aid.audiences)
        perimeter, perimeter_text = self.perimeter(aid)
        eligibility = one_line(aid.eligibility)
        criteria = [{"beneficiary": beneficiaries}] if beneficiaries else []
        criteria.append(
            {
                "text": shorten(eligibility, CRITERION_TEXT_LIMIT)
                if eligibility
                else DEFAULT_ELIGIBILITY
            }
        )
        if perimeter_text:
            criteria.append({"text": perimeter_text})
        description = [aid.description]
        if aid.project_examples:
            description.append(f"Exemples de projets :\n{aid.project_examples}")
        if aid.audiences:
            description.append(
                f"Publics visés selon Aides-territoires : {', '.join(aid.audiences)}."
            )
        how_to_apply = HOW_TO_APPLY
        if aid.contact:
            how_to_apply += f"\n\nContact indiqué :\n{aid.contact}"
        return {
            "name": aid.name,
            "operator": shorten(", ".join(aid.financers), OPERATOR_MAX),
            "kind": self.mappings.kind(aid.aid_types),
            "aid_types": aid.aid_types,
            "summary": first_sentence(aid.description),
            "description": "\n\n".join(filter(None, description)),
            "beneficiaries": beneficiaries,
            "stages": self.mappings.stages(aid.steps),
            "needs": self.mappings.needs(aid.categories),
            "perimeter": perimeter,
            "amounts": aid.amounts,
            "funding_rate": aid.funding_rate,
            "duration": "",
            "calendar": self.calendar(aid),
            "how_to_apply": how_to_apply,
            "url": aid.url,
            "criteria": criteria,
            "eligibility_text": aid.eligibility,
            "sources": [
                {"url": aid.link, "title": SOURCE_TITLE, "checked_on": self.today.isoformat()}
            ],
            "verification": "partiel",
            "verification_note": VERIFICATION_NOTE,
            "origin": ORIGIN,
        }


def _slug(aid: Aid, taken: set[str]) -> str:
    base = slugify(aid.at_slug) or hashlib.sha1(aid.link.encode()).hexdigest()[:12]
    slug = (SLUG_PREFIX + base)[:SLUG_MAX].rstrip("-_")
    number = 2
    candidate = slug
    while candidate in taken:
        suffix = f"-{number}"
        candidate = slug[: SLUG_MAX - len(suffix)].rstrip("-_") + suffix
        number += 1
    return candidate


# --- Import ---------------------------------------------------------------------------------


def _format(requested: str, name: str, data: bytes) -> str:
    if requested in ("csv", "json"):
        return requested
    lowered = name.lower().split("?")[0]
    if lowered.endswith((".json", ".json.gz")):
        return "json"
    if lowered.endswith((".csv", ".csv.gz")):
        return "csv"
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{") else "csv"


def import_aides_territoires(
    source: str | Path,
    *,
    file_format: str = "auto",
    encoding: str = "utf-8",
    vintage: str | None = None,
    today: datetime.date | None = None,
    progress: bool | None = None,
) -> ImportCounts:
    """Validate the whole file, then upsert its aids as schemes in one transaction."""
    today = today or timezone.localdate()
    mappings = load_mappings()
    name, data = read_bytes(source)
    if _format(file_format, name, data) == "json":
        aids, notes = read_api_json(name, data)
    else:
        aids, notes = read_csv_export(name, data, encoding), []
    counts = ImportCounts(notes=notes)
    latest: dict[str, Aid] = {}
    for aid in aids:
        if previous := latest.pop(aid.link, None):
            counts.reject(
                f"{previous.where} : même lien que {aid.where} ({aid.link}), "
                "seule la dernière occurrence est importée"
            )
        latest[aid.link] = aid
    builder = _Builder(mappings, today)
    values = {link: builder.values(aid) for link, aid in latest.items()}

    with transaction.atomic():
        _write(values, latest, counts, progress)
        record_dataset(
            "aides-territoires",
            counts=counts,
            imported_from=name,
            checksum=checksum(data),
            vintage=vintage or today.isoformat(),
            **DATASET,
        )
    return counts


def _write(values: dict[str, dict], aids: dict[str, Aid], counts: ImportCounts, progress) -> None:
    """Create new schemes, update changed ones and leave curated ones alone, by `source_link`.

    Not `core.importing.upsert`: slugs must stay stable, curated schemes be skipped, and an
    unchanged aid keep its check date. A changed scheme is updated on its changed fields only,
    with `updated_at` (bulk_update skips auto_now, and the search index is stamped by it), one
    UPDATE each: `bulk_update` over every field took 21 s for 3,000 changed aids on SQLite.
    """
    fields = list(next(iter(values.values()), {}))
    existing = {
        row["source_link"]: row
        for row in Scheme.objects.exclude(source_link=None).values(
            "id", "slug", "source_link", *fields
        )
    }
    taken = set(Scheme.objects.values_list("slug", flat=True))
    to_create, to_update = [], []
    now = timezone.now()
    bar = Progress("Aides-territoires", len(values), enabled=progress)
    for link, record in bar.iterate(values.items()):
        current = existing.get(link)
        if current is None:
            slug = _slug(aids[link], taken)
            taken.add(slug)
            to_create.append(Scheme(slug=slug, source_link=link, **record))
        elif current["origin"] != ORIGIN:
            counts.curated += 1
            counts.notes.append(
                f"« {current['slug']} » conservé tel quel : fiche reprise par un curateur "
                f"(origine « {current['origin']} »), l'import ne l'écrase pas."
            )
        elif changed := {k: v for k, v in record.items() if k != "sources" and current[k] != v}:
            to_update.append((current["id"], {**changed, "sources": record["sources"]}))
        else:
            counts.unchanged += 1  # its check date stays that of the import that last changed it
    Scheme.objects.bulk_create(to_create, batch_size=500)
    for pk, changed in to_update:
        Scheme.objects.filter(pk=pk).update(**changed, updated_at=now)
    counts.created += len(to_create)
    counts.updated += len(to_update)
