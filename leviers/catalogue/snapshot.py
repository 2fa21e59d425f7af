"""The catalogue as the pages, the API and matching read it: one snapshot of the database, kept
per process and rebuilt when the catalogue or an imported dataset changes (`data_version`, one
query, decides).

A `Snapshot` owns, each part built the first time it is read:
- `catalogue`: the plain items matching ranks, every scheme's criteria parsed and compiled once;
  with them, the questions the schemes ask (`question_text`);
- `index`: the full-text index of every entry (textsearch.py);
- `facets`: per kind, its entries in display order and who has each value of each filter
  (besoin, porteur, étape, origine), which the HTML list and the API lists read.

`KINDS` is the one table of the catalogue's four kinds of entry.
"""

from __future__ import annotations

import datetime
import gc
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models import Model, QuerySet

from leviers.catalogue import vocabulary
from leviers.catalogue.contacts import with_derived
from leviers.catalogue.eligibility import (
    CriteriaError,
    parse_criteria,
    scheme_criteria,
    status_criteria,
)
from leviers.catalogue.matching import Catalogue, ExperienceItem, LeverItem, SchemeItem
from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.catalogue.textsearch import Document, TextIndex
from leviers.core.caching import StampedCache
from leviers.core.models import Dataset

MODELS = (Scheme, Lever, Experience, Resource)
NEED_FILTER = {"besoin": vocabulary.NEEDS}


@dataclass(frozen=True)
class Kind:
    """One kind of catalogue entry."""

    segment: str  # in URLs and the `type` parameter: "dispositifs"
    name: str  # in the full-text index, in matching and in URL names: "scheme"
    title: str  # "Dispositifs d'aide"
    model: type[Model]
    filters: dict[str, dict[str, str]]  # parameter → its vocabulary
    missing: str  # "Aucun dispositif"
    plural: str  # "aux dispositifs"
    joined: tuple[str, ...] = ()  # select_related, to show a list of them

    def objects(self) -> QuerySet:
        return self.model.objects.select_related(*self.joined)


KINDS = {
    kind.segment: kind
    for kind in (
        Kind(
            "dispositifs",
            "scheme",
            "Dispositifs d'aide",
            Scheme,
            {
                **NEED_FILTER,
                "porteur": vocabulary.BENEFICIARIES,
                "etape": vocabulary.STAGES,
                "origine": dict(Scheme.Origin.choices),
            },
            "Aucun dispositif",
            "aux dispositifs",
        ),
        Kind("leviers", "lever", "Leviers", Lever, NEED_FILTER, "Aucun levier", "aux leviers"),
        Kind(
            "experiences",
            "experience",
            "Retours d'expérience",
            Experience,
            NEED_FILTER,
            "Aucun retour d'expérience",
            "aux retours d'expérience",
            joined=("commune__department", "department"),
        ),
        Kind(
            "ressources",
            "resource",
            "Ressources",
            Resource,
            NEED_FILTER,
            "Aucune ressource",
            "aux ressources",
        ),
    )
}
KIND_NAMED = {kind.name: kind for kind in KINDS.values()}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}
FILTERS = sorted({name for kind in KINDS.values() for name in kind.filters})


class Facets:
    """The entries of one kind in display order, and who has each value of each filter."""

    def __init__(self, entries: list[tuple[str, dict[str, list[str] | tuple[str, ...]]]]):
        self.order = [slug for slug, _ in entries]  # by name
        self.having: dict[str, dict[str, set[str]]] = {}  # filter → value → slugs
        for slug, values in entries:
            for name, found in values.items():
                for value in found:
                    self.having.setdefault(name, {}).setdefault(value, set()).add(slug)

    def matching(self, wanted: dict[str, str]) -> set[str]:
        """The slugs having every wanted value ({filter: value}; not empty)."""
        sets = [self.having.get(name, {}).get(value, set()) for name, value in wanted.items()]
        return set.intersection(*sets)

    def ordered(self, wanted: dict[str, str]) -> list[str]:
        """The slugs having every wanted value, in display order (all of them for none)."""
        if not wanted:
            return self.order
        allowed = self.matching(wanted)
        return [slug for slug in self.order if slug in allowed]


class Snapshot:
    """The catalogue read once (see the module's docstring). `version` is the data version it
    was read at (or after): what caches of pages derived from it are keyed on."""

    def __init__(self, version: tuple):
        self.version = version

    @cached_property
    def catalogue(self) -> Catalogue:
        catalogue = _read_catalogue().prepare()
        # It lives as long as its data version: keep it out of the cyclic garbage collector's
        # full collections, which would otherwise walk all of it again and again while requests
        # allocate (once per build, not a switch: the collector stays on).
        gc.freeze()
        return catalogue

    @cached_property
    def index(self) -> TextIndex:
        return TextIndex(documents())

    @cached_property
    def facets(self) -> dict[str, Facets]:
        """{kind segment: Facets}."""
        return _read_facets()

    def question_text(self, qid: str) -> str:
        """The text of the question `qid` asked by a scheme (the id itself if none asks it
        any more)."""
        question = self.catalogue.questions.get(qid)
        return question.text if question else qid

    def answered(self, answers: dict[str, bool]) -> list[dict]:
        """The answers of a situation as pages list them: {"id", "text", "yes"}."""
        return [
            {"id": qid, "text": self.question_text(qid), "yes": yes} for qid, yes in answers.items()
        ]


def _needs(slugs: list[str]) -> str:
    return " ".join(vocabulary.label(vocabulary.NEEDS, s) for s in slugs)


def documents() -> list[Document]:
    docs = []
    for s in Scheme.objects.only(
        "slug", "name", "operator", "summary", "description", "eligibility_text", "needs"
    ):
        docs.append(
            Document(
                "scheme",
                s.slug,
                s.name,
                (
                    (s.name, 3.0),
                    (f"{s.summary} {s.operator}", 2.0),
                    (_needs(s.needs), 1.5),
                    (f"{s.description} {s.eligibility_text}", 1.0),
                ),
            )
        )
    for lever in Lever.objects.only("slug", "name", "summary", "description", "needs"):
        docs.append(
            Document(
                "lever",
                lever.slug,
                lever.name,
                (
                    (lever.name, 3.0),
                    (lever.summary, 2.0),
                    (_needs(lever.needs), 1.5),
                    (lever.description, 1.0),
                ),
            )
        )
    for e in Experience.objects.select_related("commune__department", "department"):
        docs.append(
            Document(
                "experience",
                e.slug,
                e.name,
                ((e.name, 3.0), (f"{e.summary} {e.place}", 2.0), (e.story, 1.0)),
            )
        )
    for r in Resource.objects.only("slug", "title", "summary", "publisher", "needs"):
        docs.append(
            Document(
                "resource",
                r.slug,
                r.title,
                ((r.title, 3.0), (f"{r.summary} {r.publisher}", 2.0), (_needs(r.needs), 1.5)),
            )
        )
    return docs


def data_version() -> tuple:
    """What changes when the catalogue or an imported dataset changes: the number of rows and
    the latest change of each table. One query, one row (a UNION would give its rows in no
    promised order), one pass over each table."""
    tables = [(model._meta.db_table, "updated_at") for model in MODELS]
    # Any import (catalogue, referential, density grid...) can change what a page says.
    tables.append((Dataset._meta.db_table, "imported_at"))
    each = ", ".join(
        f"(SELECT COUNT(*), MAX({stamp}) FROM {table}) AS t{n}"
        for n, (table, stamp) in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {each}")
        return tuple(cursor.fetchone())


def _first_step(steps) -> str:
    """A lever's first step in words: « Vérifier le besoin… (2 à 4 mois) »."""
    step = steps[0] if isinstance(steps, list) and steps else None
    if not isinstance(step, dict) or not step.get("title"):
        return ""
    duration = str(step.get("duration") or "").strip()
    return f"{step['title']} ({duration})" if duration else str(step["title"])


def _centroid(commune) -> tuple[float, float] | None:
    """A commune's centroid (longitude, latitude), None without its outline."""
    outline = getattr(commune, "outline", None) if commune else None
    return outline.centroid if outline else None


def _read_catalogue() -> Catalogue:
    """The catalogue as plain items for matching, with every scheme's criteria parsed once."""
    levers = [
        LeverItem(
            lever.slug,
            lever.name,
            lever.summary,
            frozenset(lever.needs),
            tuple(s.slug for s in lever.schemes.all()),
            _first_step(lever.steps),
            tuple(lever.contacts),
        )
        for lever in Lever.objects.prefetch_related("schemes")
    ]
    lever_needs = {lever.slug: lever.needs for lever in levers}
    experiences = []
    places = Experience.objects.select_related(
        "commune__department", "commune__outline", "department"
    ).defer("commune__outline__path")
    for e in places.prefetch_related("levers"):
        slugs = tuple(lever.slug for lever in e.levers.all())
        commune, area = e.commune, e.area  # no commune: the department alone
        experiences.append(
            ExperienceItem(
                e.slug,
                e.name,
                e.summary,
                e.commune_id,
                commune.name if commune else "",
                area.code,
                area.name,
                area.region_id,
                commune.population if commune else None,
                commune.density_level if commune else None,
                slugs,
                frozenset(n for slug in slugs for n in lever_needs.get(slug, ())),
                _centroid(commune),
                with_derived(e.contacts, e.contact),
            )
        )
    schemes = []
    fields = (
        "slug",
        "name",
        "operator",
        "kind",
        "summary",
        "needs",
        "stages",
        "criteria",
        "perimeter",
        "origin",
        "url",
        "sources",
        "calendar",
        "verification",
        "verification_note",
        "verified_on",
        "contacts",
    )
    rows = list(Scheme.objects.values(*fields))
    names = {row["slug"]: row["name"] for row in rows}
    today = datetime.date.today()
    for s in rows:
        where = f"dispositif « {s['slug']} »"
        try:
            # Imported aids may have no structured perimeter yet: their criteria say so in text.
            criteria = (
                scheme_criteria(s["criteria"], s["perimeter"], where=where)
                if s["perimeter"]
                else tuple(parse_criteria(s["criteria"], where=where))
            )
        except CriteriaError as error:
            # A curator saved invalid criteria in the admin: never guess, ask to check.
            criteria = parse_criteria([{"text": f"Critères illisibles ({error})"}], where="")
        calendar = s["calendar"] if isinstance(s["calendar"], dict) else {}
        replaced = calendar.get("replaced_by") or ""
        replaced_by = (replaced, names[replaced]) if replaced in names else ()
        status, closed = status_criteria(
            calendar,
            s["verification"],
            s["verification_note"],
            today,
            replaced_by[1] if replaced_by else "",
        )
        schemes.append(
            SchemeItem(
                s["slug"],
                s["name"],
                s["operator"],
                s["kind"],
                s["summary"],
                frozenset(s["needs"]),
                frozenset(s["stages"]),
                (*criteria, *status),
                curated=s["origin"] == Scheme.Origin.LEVIERS,
                url=s["url"],
                sources=tuple(s["sources"] or ()),
                family=vocabulary.FAMILY_OF_KIND.get(s["kind"], ""),
                closed=closed,
                calendar=calendar,
                verification=s["verification"],
                verification_note=s["verification_note"],
                verified_on=s["verified_on"].isoformat() if s["verified_on"] else "",
                replaced_by=replaced_by,
                has_perimeter=bool(s["perimeter"]),
                contacts=with_derived(s["contacts"] or (), s["operator"], s["url"]),
            )
        )
    return Catalogue(levers, experiences, schemes)


def _read_facets() -> dict[str, Facets]:
    schemes = Facets(
        [
            (
                slug,
                {
                    "besoin": needs,
                    "porteur": beneficiaries,
                    # A scheme that names no stage intervenes at every stage.
                    "etape": stages or tuple(vocabulary.STAGES),
                    "origine": (origin,),
                },
            )
            for slug, needs, beneficiaries, stages, origin in Scheme.objects.order_by(
                "name", "slug"
            ).values_list("slug", "needs", "beneficiaries", "stages", "origin")
        ]
    )
    lever_needs = dict(Lever.objects.values_list("slug", "needs"))
    levers = Facets(
        [
            (slug, {"besoin": lever_needs[slug]})
            for slug in Lever.objects.order_by("name", "slug").values_list("slug", flat=True)
        ]
    )
    # An experience answers the needs of the levers it used.
    experience_needs: dict[str, set[str]] = {}
    links = Experience.levers.through.objects.values_list("experience__slug", "lever__slug")
    for experience, lever in links:
        experience_needs.setdefault(experience, set()).update(lever_needs.get(lever, ()))
    experiences = Facets(
        [
            (slug, {"besoin": tuple(experience_needs.get(slug, ()))})
            for slug in Experience.objects.order_by("name", "slug").values_list("slug", flat=True)
        ]
    )
    resources = Facets(
        [
            (slug, {"besoin": needs})
            for slug, needs in Resource.objects.order_by("title", "slug").values_list(
                "slug", "needs"
            )
        ]
    )
    return {
        "dispositifs": schemes,
        "leviers": levers,
        "experiences": experiences,
        "ressources": resources,
    }


def _stamp() -> tuple:
    """The data version and the day: a deadline passing closes a scheme the next day."""
    return (*data_version(), datetime.date.today().isoformat())


_current = StampedCache("catalogue-snapshot", stamp=_stamp, build=lambda: Snapshot(_stamp()))


def current_snapshot() -> Snapshot:
    """The snapshot of the catalogue as it is now (one query checks it)."""
    return _current.get()


def reset_catalogue_cache() -> None:
    """Forget the snapshot: the next read rebuilds it (tests, after a write in this process)."""
    _current.reset()
