"""The example club shipped with Leviers (content/pays-de-la-loire.yaml): read and checked as a
whole (organisations, communes, region, catalogue slugs), then written in one transaction.
A club already there (by its slug) is left as it is: facilitators may have edited it since. An
organisation already there keeps its name; it takes the file's article only if it had none.

Format (docs/club.md): `organisations` (key, name, article, kind, commune), `club` (slug, name,
region or department, launched_on, organisers: keys), `meetings` (title, theme, date, host_commune,
co_organisers: keys, attendance_note, registration_open, report, sequences: section, title,
speakers (name, role, organisation: key or organisation_name), summary, links: lever /
experience / scheme: slugs), `source` (title, resource: a catalogue resource slug).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from leviers.accounts.models import Organisation
from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.clubs.models import (
    CatalogueLink,
    Club,
    ClubMeeting,
    Report,
    Sequence,
    Speaker,
)
from leviers.territories.models import Commune, Department, Region

EXAMPLE = Path(__file__).resolve().parent / "content" / "pays-de-la-loire.yaml"
CATALOGUE = {"lever": Lever, "experience": Experience, "scheme": Scheme}


class ExampleError(ValueError):
    """A French sentence naming the file and what is wrong in it."""


def read(path: Path = EXAMPLE) -> dict:
    """The file, checked; ExampleError lists every problem found."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ExampleError(f"{path.name} : lecture impossible ({error}).") from None
    problems: list[str] = []
    organisations = {o.get("key"): o for o in data.get("organisations", [])}
    kinds = set(Organisation.Kind.values)
    articles = set(Organisation.Article.values)
    communes = set()
    for key, organisation in organisations.items():
        if organisation.get("kind") not in kinds:
            problems.append(
                f"organisation « {key} » : nature inconnue {organisation.get('kind')!r}."
            )
        if organisation.get("article", "") not in articles:
            problems.append(
                f"organisation « {key} » : article {organisation['article']!r} inconnu "
                f"(le, la, l', les ou rien)."
            )
        if organisation.get("commune"):
            communes.add(organisation["commune"])
    club = data.get("club") or {}
    for field in ("slug", "name"):
        if not club.get(field):
            problems.append(f"club : « {field} » manque.")
    if club.get("region") and not Region.objects.filter(code=club["region"]).exists():
        problems.append(f"club : région {club['region']} inconnue du référentiel.")
    if club.get("department") and not Department.objects.filter(code=club["department"]).exists():
        problems.append(f"club : département {club['department']} inconnu du référentiel.")
    if not (club.get("region") or club.get("department")):
        problems.append("club : indiquez sa région ou son département.")
    for key in club.get("organisers", []):
        if key not in organisations:
            problems.append(f"club : animateur « {key} » absent de la liste des organisations.")
    wanted: dict[str, set[str]] = {kind: set() for kind in CATALOGUE}
    for number, meeting in enumerate(data.get("meetings", []), start=1):
        where = f"rencontre n° {number}"
        if not isinstance(meeting.get("date"), datetime.date):
            problems.append(f"{where} : date manquante ou illisible (AAAA-MM-JJ).")
        if meeting.get("host_commune"):
            communes.add(meeting["host_commune"])
        for key in meeting.get("co_organisers", []):
            if key not in organisations:
                problems.append(f"{where} : co-organisateur « {key} » inconnu.")
        for position, sequence in enumerate(meeting.get("sequences", []), start=1):
            if not sequence.get("title"):
                problems.append(f"{where}, séquence n° {position} : titre manquant.")
            for speaker in sequence.get("speakers", []):
                key = speaker.get("organisation")
                if key and key not in organisations:
                    problems.append(
                        f"{where}, séquence n° {position} : organisation « {key} » inconnue."
                    )
            for kind, slugs in (sequence.get("links") or {}).items():
                if kind not in CATALOGUE:
                    problems.append(
                        f"{where}, séquence n° {position} : type de fiche « {kind} » inconnu."
                    )
                    continue
                wanted[kind].update(slugs)
    known_communes = set(Commune.objects.filter(code__in=communes).values_list("code", flat=True))
    for code in sorted(communes - known_communes):
        problems.append(f"commune {code} inconnue du référentiel.")
    for kind, slugs in wanted.items():
        found = set(CATALOGUE[kind].objects.filter(slug__in=slugs).values_list("slug", flat=True))
        for slug in sorted(slugs - found):
            problems.append(f"fiche du catalogue « {slug} » ({kind}) introuvable.")
    resource = (data.get("source") or {}).get("resource")
    if resource and not Resource.objects.filter(slug=resource).exists():
        problems.append(f"source : ressource du catalogue « {resource} » introuvable.")
    if problems:
        raise ExampleError(f"{path.name} :\n- " + "\n- ".join(problems))
    return data


def _organisation(spec: dict) -> Organisation:
    article = spec.get("article", "")
    if spec.get("commune"):
        found = Organisation.objects.filter(commune_id=spec["commune"]).first()
        if found:
            return found
        return Organisation.objects.create(
            name=spec["name"], article=article, kind="commune", commune_id=spec["commune"]
        )
    found = Organisation.objects.filter(name=spec["name"], kind=spec["kind"]).first()
    if found is None:
        return Organisation.objects.create(name=spec["name"], article=article, kind=spec["kind"])
    if article and not found.article:
        found.article = article
        found.save(update_fields=["article"])
    return found


def load_example(path: Path = EXAMPLE) -> str:
    data = read(path)
    club_spec = data["club"]
    if Club.objects.filter(slug=club_spec["slug"]).exists():
        return f"Exemple de club : déjà chargé ({club_spec['name']})."
    source = data.get("source") or {}
    counts = {"rencontres": 0, "séquences": 0, "intervenants": 0, "liens": 0}
    with transaction.atomic():
        organisations = {o["key"]: _organisation(o) for o in data["organisations"]}
        club = Club.objects.create(
            slug=club_spec["slug"],
            name=club_spec["name"],
            description=club_spec.get("description", ""),
            region_id=club_spec.get("region"),
            department_id=club_spec.get("department"),
            launched_on=club_spec.get("launched_on"),
            source_title=source.get("title", ""),
        )
        club.organisers.set([organisations[key] for key in club_spec["organisers"]])
        for spec in data.get("meetings", []):
            meeting = ClubMeeting.objects.create(
                club=club,
                title=spec["title"],
                theme=spec.get("theme", ""),
                date=spec["date"],
                host_commune_id=spec.get("host_commune"),
                attendance_note=spec.get("attendance_note", ""),
                registration_open=spec.get("registration_open", True),
            )
            meeting.co_organisers.set([organisations[k] for k in spec.get("co_organisers", [])])
            counts["rencontres"] += 1
            for position, item in enumerate(spec.get("sequences", []), start=1):
                sequence = Sequence.objects.create(
                    meeting=meeting,
                    position=position,
                    section=item.get("section", ""),
                    title=item["title"],
                    summary=item.get("summary", "").strip(),
                )
                counts["séquences"] += 1
                for order, speaker in enumerate(item.get("speakers", []), start=1):
                    Speaker.objects.create(
                        sequence=sequence,
                        position=order,
                        name=speaker["name"],
                        role=speaker.get("role", ""),
                        organisation=organisations.get(speaker.get("organisation")),
                        organisation_name=speaker.get("organisation_name", ""),
                    )
                    counts["intervenants"] += 1
                links = [
                    CatalogueLink(sequence=sequence, kind=kind, slug=slug)
                    for kind, slugs in (item.get("links") or {}).items()
                    for slug in slugs
                ]
                CatalogueLink.objects.bulk_create(links)
                counts["liens"] += len(links)
            if report := spec.get("report"):
                Report.objects.create(
                    meeting=meeting,
                    title=report["title"],
                    introduction=report.get("introduction", "").strip(),
                    conclusion=report.get("conclusion", "").strip(),
                    is_published=True,
                    published_at=timezone.now(),
                    source_title=source.get("title", ""),
                    source_resource=source.get("resource", ""),
                )
    detail = " ".join(f"{name}={count}" for name, count in counts.items())
    return f"Exemple de club chargé : {club.name} ({detail})."
