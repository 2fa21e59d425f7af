"""Load the training content (modules and paths, YAML files of `content/`) into the database.

`read_training` validates every file — fields, sizes (2 to 4 readings, 3 to 5 questions with
one right answer and an explanation for each answer), sources, and the catalogue entries it
names by slug (levers, experiences, schemes, resources: they must exist in the database) —
and raises `ImportFileError` naming the file, the entry and the field. `load_training` then
writes everything in one transaction: modules and paths by slug; the people's progress stays.
Nothing is half-loaded. The format is documented in docs/formation.md.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path as FilePath

import yaml
from django.db import transaction

from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.core.importing import Counts, ImportFileError, record_dataset, upsert
from leviers.core.text import french_date
from leviers.training.models import Module, Path, PathStep

CONTENT_DIR = FilePath(__file__).resolve().parent / "content"
DATASET_KEY = "formation"
CATALOGUE_KINDS = {
    "levers": (Lever, "levier"),
    "experiences": (Experience, "retour d'expérience"),
    "schemes": (Scheme, "dispositif"),
    "resources": (Resource, "ressource"),
}
VERIFICATIONS = ("verifie", "partiel", "non-verifie")
READINGS = (2, 4)
QUESTIONS = (3, 5)
MODULE_FIELDS = {
    "slug",
    "title",
    "summary",
    "duration",
    "readings",
    "resources",
    "case",
    "self_check",
    "sources",
    "verification",
    "verification_note",
}
PATH_FIELDS = {"slug", "title", "summary", "audience", "modules"}


@dataclass
class Training:
    modules: dict[str, dict] = field(default_factory=dict)
    paths: dict[str, dict] = field(default_factory=dict)
    checksum: str = ""


class _Check:
    def __init__(self, path: FilePath, what: str, slug: str):
        self.path, self.what, self.slug = path, what, slug

    def fail(self, column: str, message: str):
        raise ImportFileError(
            str(self.path), message, entry=f"{self.what} « {self.slug} »", column=column
        )

    def text(self, raw: dict, name: str, *, required: bool = True) -> str:
        value = raw.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(name, "un texte est attendu.")
        if required and not value.strip():
            self.fail(name, "champ obligatoire, vide ou absent.")
        return value.strip()

    def items(self, raw, name: str, bounds: tuple[int, int] | None = None) -> list:
        value = raw.get(name) if isinstance(raw, dict) else raw
        if not isinstance(value, list):
            self.fail(name, "une liste est attendue.")
        if bounds and not bounds[0] <= len(value) <= bounds[1]:
            self.fail(
                name, f"entre {bounds[0]} et {bounds[1]} éléments attendus, {len(value)} lus."
            )
        return value

    def mapping(self, value, name: str) -> dict:
        if not isinstance(value, dict):
            self.fail(name, "une table (clé: valeur) est attendue.")
        return value

    def unknown(self, raw: dict, allowed: set[str]) -> None:
        extra = sorted(set(raw) - allowed)
        if extra:
            self.fail(extra[0], f"champ inconnu (champs permis : {', '.join(sorted(allowed))}).")


def _sources(check: _Check, raw: dict) -> tuple[list, str, str]:
    sources = []
    for index, source in enumerate(check.items(raw, "sources"), start=1):
        name = f"sources[{index}]"
        check.mapping(source, name)
        check.unknown(source, {"url", "title", "checked_on"})
        url = check.text(source, "url")
        if not url.startswith(("https://", "http://")):
            check.fail(f"{name}.url", f"adresse web attendue, « {url} » lu.")
        checked = source.get("checked_on")
        if checked is not None and not isinstance(checked, datetime.date):
            check.fail(f"{name}.checked_on", "date attendue (AAAA-MM-JJ).")
        sources.append(
            {
                "url": url,
                "title": check.text(source, "title"),
                "checked_on": checked.isoformat() if checked else None,
            }
        )
    verification = check.text(raw, "verification")
    if verification not in VERIFICATIONS:
        check.fail(
            "verification", f"« {verification} » : valeurs permises {', '.join(VERIFICATIONS)}."
        )
    note = check.text(raw, "verification_note", required=False)
    if verification != "verifie" and not note:
        check.fail("verification_note", "obligatoire quand la vérification n'est pas complète.")
    if verification == "verifie" and not sources:
        check.fail("sources", "un module vérifié cite au moins une source.")
    return sources, verification, note


def _module(path: FilePath, raw: dict) -> dict:
    check = _Check(path, "module", str(raw.get("slug", path.stem)))
    check.unknown(raw, MODULE_FIELDS)
    slug = check.text(raw, "slug")
    readings = []
    for index, reading in enumerate(check.items(raw, "readings", READINGS), start=1):
        check.mapping(reading, f"readings[{index}]")
        check.unknown(reading, {"title", "text"})
        readings.append(
            {"title": check.text(reading, "title"), "text": check.text(reading, "text")}
        )
    resources = []
    for index, resource in enumerate(check.items(raw, "resources"), start=1):
        name = f"resources[{index}]"
        check.mapping(resource, name)
        if len(resource) != 1 or next(iter(resource)) not in CATALOGUE_KINDS:
            check.fail(name, f"une seule clé parmi {', '.join(CATALOGUE_KINDS)} est attendue.")
        kind, target = next(iter(resource.items()))
        if not isinstance(target, str) or not target:
            check.fail(name, "le slug d'une fiche du catalogue est attendu.")
        resources.append({"kind": kind, "slug": target})
    if not resources:
        check.fail("resources", "au moins une fiche du catalogue est attendue.")
    case = check.mapping(raw.get("case"), "case")
    check.unknown(case, {"experience", "text"})
    case = {"experience": check.text(case, "experience"), "text": check.text(case, "text")}
    questions = []
    for q_index, question in enumerate(check.items(raw, "self_check", QUESTIONS), start=1):
        name = f"self_check[{q_index}]"
        check.mapping(question, name)
        check.unknown(question, {"question", "answers"})
        answers = []
        for a_index, answer in enumerate(check.items(question, "answers", (2, 5)), start=1):
            a_name = f"{name}.answers[{a_index}]"
            check.mapping(answer, a_name)
            check.unknown(answer, {"text", "correct", "explanation"})
            if not isinstance(answer.get("correct", False), bool):
                check.fail(f"{a_name}.correct", "true ou false attendu.")
            if not isinstance(answer.get("text"), str) or not answer["text"].strip():
                check.fail(f"{a_name}.text", "champ obligatoire, vide ou absent.")
            if not isinstance(answer.get("explanation"), str) or not answer["explanation"].strip():
                check.fail(f"{a_name}.explanation", "chaque réponse a son explication.")
            answers.append(
                {
                    "text": answer["text"].strip(),
                    "correct": answer.get("correct", False),
                    "explanation": answer["explanation"].strip(),
                }
            )
        if sum(a["correct"] for a in answers) != 1:
            check.fail(f"{name}.answers", "une et une seule réponse juste (correct: true).")
        questions.append({"question": check.text(question, "question"), "answers": answers})
    sources, verification, note = _sources(check, raw)
    return {
        "slug": slug,
        "title": check.text(raw, "title"),
        "summary": check.text(raw, "summary"),
        "duration": check.text(raw, "duration", required=False),
        "readings": readings,
        "resources": resources,
        "case": case,
        "questions": questions,
        "sources": sources,
        "verification": verification,
        "verification_note": note,
    }


def _path(path: FilePath, raw: dict, modules: dict[str, dict]) -> dict:
    check = _Check(path, "parcours", str(raw.get("slug", path.stem)))
    check.unknown(raw, PATH_FIELDS)
    steps = []
    for index, step in enumerate(check.items(raw, "modules"), start=1):
        name = f"modules[{index}]"
        check.mapping(step, name)
        check.unknown(step, {"module", "when"})
        slug = check.text(step, "module")
        if slug not in modules:
            check.fail(f"{name}.module", f"module « {slug} » introuvable dans content/modules/.")
        if slug in {s["module"] for s in steps}:
            check.fail(f"{name}.module", f"module « {slug} » déjà dans le parcours.")
        steps.append({"module": slug, "when": check.text(step, "when", required=False)})
    if not steps:
        check.fail("modules", "au moins un module est attendu.")
    return {
        "slug": check.text(raw, "slug"),
        "title": check.text(raw, "title"),
        "summary": check.text(raw, "summary"),
        "audience": check.text(raw, "audience", required=False),
        "steps": steps,
    }


def _read_yaml(path: FilePath) -> dict:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        raise ImportFileError(
            str(path), "YAML illisible.", line=None if line is None else line + 1
        ) from None
    if not isinstance(raw, dict):
        raise ImportFileError(str(path), "une table (clé: valeur) est attendue en tête du fichier.")
    return raw


def _check_catalogue_links(training: Training, files: dict[str, FilePath]) -> None:
    """Every catalogue slug a module names exists in the database (the catalogue is loaded)."""
    wanted: dict[str, set[str]] = {kind: set() for kind in CATALOGUE_KINDS}
    for module in training.modules.values():
        for resource in module["resources"]:
            wanted[resource["kind"]].add(resource["slug"])
        wanted["experiences"].add(module["case"]["experience"])
    existing = {
        kind: set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        for kind, (model, _) in CATALOGUE_KINDS.items()
        if (slugs := wanted[kind])
    }
    for slug, module in training.modules.items():
        check = _Check(files[slug], "module", slug)
        for index, resource in enumerate(module["resources"], start=1):
            if resource["slug"] not in existing.get(resource["kind"], ()):
                label = CATALOGUE_KINDS[resource["kind"]][1]
                check.fail(
                    f"resources[{index}]",
                    f"{label} « {resource['slug']} » introuvable dans le catalogue.",
                )
        if module["case"]["experience"] not in existing.get("experiences", ()):
            check.fail(
                "case.experience",
                f"retour d'expérience « {module['case']['experience']} » introuvable dans le "
                "catalogue.",
            )


def read_training(directory: FilePath = CONTENT_DIR) -> Training:
    """Validate every module and path file; raise ImportFileError at the first mistake."""
    training = Training()
    digest = hashlib.sha256()
    files: dict[str, FilePath] = {}
    for path in sorted((directory / "modules").glob("*.yaml")):
        digest.update(path.read_bytes())
        module = _module(path, _read_yaml(path))
        if module["slug"] in training.modules:
            raise ImportFileError(
                str(path),
                f"le slug « {module['slug']} » est déjà celui de {files[module['slug']]}.",
            )
        training.modules[module["slug"]] = module
        files[module["slug"]] = path
    for path in sorted((directory / "paths").glob("*.yaml")):
        digest.update(path.read_bytes())
        entry = _path(path, _read_yaml(path), training.modules)
        if entry["slug"] in training.paths:
            raise ImportFileError(str(path), f"le parcours « {entry['slug']} » existe déjà.")
        training.paths[entry["slug"]] = entry
    _check_catalogue_links(training, files)
    training.checksum = digest.hexdigest()
    return training


def load_training(directory: FilePath = CONTENT_DIR, *, label: str = "") -> Counts:
    """Validate all the content, then write it in one transaction (upsert by slug). Modules and
    paths removed from the files are removed, with the progress on those modules."""
    training = read_training(directory)
    counts = Counts()
    with transaction.atomic():
        records = {
            slug: {k: v for k, v in module.items() if k != "slug"}
            for slug, module in training.modules.items()
        }
        counts.add(upsert(Module, records, "slug"))
        Module.objects.exclude(slug__in=training.modules).delete()
        paths = {
            slug: {k: v for k, v in entry.items() if k not in ("slug", "steps")}
            for slug, entry in training.paths.items()
        }
        counts.add(upsert(Path, paths, "slug"))
        Path.objects.exclude(slug__in=training.paths).delete()
        module_ids = dict(Module.objects.values_list("slug", "id"))
        path_ids = dict(Path.objects.values_list("slug", "id"))
        PathStep.objects.all().delete()
        PathStep.objects.bulk_create(
            PathStep(
                path_id=path_ids[slug],
                module_id=module_ids[step["module"]],
                position=position,
                when=step["when"],
            )
            for slug, entry in training.paths.items()
            for position, step in enumerate(entry["steps"], start=1)
        )
        record_dataset(
            DATASET_KEY,
            counts=counts,
            imported_from=label or str(directory),
            checksum=training.checksum,
            label="Parcours de formation des élus (modules, auto-évaluations)",
            producer="Équipe Leviers",
            vintage=f"version du {french_date(datetime.date.today())}",
            licence="Licence Ouverte 2.0",
            source_url="https://www.gnu.org/licenses/agpl-3.0.html",
        )
    return counts


def shipped_checksum() -> str:
    digest = hashlib.sha256()
    for folder in ("modules", "paths"):
        for path in sorted((CONTENT_DIR / folder).glob("*.yaml")):
            digest.update(path.read_bytes())
    return digest.hexdigest()
