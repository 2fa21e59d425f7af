"""What the catalogue pages and matching read, built from the database and cached per process:
the full-text index and the snapshot of parsed schemes. Both are rebuilt when the catalogue
changes (one query checks it)."""

from __future__ import annotations

import threading

from django.db import connection

from leviers.catalogue import vocabulary
from leviers.catalogue.eligibility import CriteriaError, parse_criteria, scheme_criteria
from leviers.catalogue.matching import Catalogue, ExperienceItem, LeverItem, SchemeItem
from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.catalogue.textsearch import Document, TextIndex
from leviers.core.models import Dataset

_lock = threading.Lock()
_cache: dict[str, object] = {}
MODELS = (Scheme, Lever, Experience, Resource)


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
    """What changes when the catalogue or an imported dataset changes. One query, one row (a
    UNION would give its rows in no promised order)."""
    tables = [(model._meta.db_table, "updated_at") for model in MODELS]
    # Any import (catalogue, referential, density grid...) can change what a page says.
    tables.append((Dataset._meta.db_table, "imported_at"))
    columns = ", ".join(
        f"(SELECT COUNT(*) FROM {table}), (SELECT MAX({stamp}) FROM {table})"
        for table, stamp in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return tuple(cursor.fetchone())


def snapshot() -> Catalogue:
    """The catalogue as plain items for matching, with every scheme's criteria parsed once."""
    levers = [
        LeverItem(
            lever.slug,
            lever.name,
            lever.summary,
            frozenset(lever.needs),
            tuple(s.slug for s in lever.schemes.all()),
        )
        for lever in Lever.objects.prefetch_related("schemes")
    ]
    lever_needs = {lever.slug: lever.needs for lever in levers}
    experiences = []
    places = Experience.objects.select_related("commune__department", "department")
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
    )
    for s in Scheme.objects.values(*fields):
        try:
            where = f"dispositif « {s['slug']} »"
            # Imported aids may have no structured perimeter yet: their criteria say so in text.
            criteria = (
                scheme_criteria(s["criteria"], s["perimeter"], where=where)
                if s["perimeter"]
                else tuple(parse_criteria(s["criteria"], where=where))
            )
        except CriteriaError as error:
            # A curator saved invalid criteria in the admin: never guess, ask to check.
            criteria = parse_criteria([{"text": f"Critères illisibles ({error})"}], where="")
        schemes.append(
            SchemeItem(
                s["slug"],
                s["name"],
                s["operator"],
                s["kind"],
                s["summary"],
                frozenset(s["needs"]),
                frozenset(s["stages"]),
                criteria,
                curated=s["origin"] == Scheme.Origin.LEVIERS,
            )
        )
    return Catalogue(levers, experiences, schemes)


def _cached(name: str, build):
    stamp = data_version()
    if _cache.get(name) is None or _cache.get(f"{name}-stamp") != stamp:
        with _lock:
            if _cache.get(name) is None or _cache.get(f"{name}-stamp") != stamp:
                _cache[name], _cache[f"{name}-stamp"] = build(), stamp
    return _cache[name]


def catalogue_index() -> TextIndex:
    return _cached("index", lambda: TextIndex(documents()))


def catalogue_snapshot() -> Catalogue:
    return _cached("snapshot", snapshot)


def reset_catalogue_cache() -> None:
    _cache.clear()
