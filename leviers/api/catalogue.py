"""The catalogue in JSON: lists with filters, full-text search and pages; each entry with all
its fields (criteria as written, sources, verification).

What the lists and the search read (order, filters, full-text index) is the catalogue's
snapshot (catalogue/snapshot.py), as for the HTML pages; this module reads the database for the
entries of the page it returns only, and writes them as JSON.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.http import JsonResponse
from django.urls import reverse

from leviers.api.errors import error, get_only
from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.catalogue.snapshot import FILTERS, KIND_NAMED, KIND_OF_MODEL, KINDS, current_snapshot

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
MAX_QUERY = 200
INTEGER = re.compile(r"-?[0-9]+")
ORIGINS = KINDS["dispositifs"].filters["origine"]


class BadRequest(Exception):
    """A parameter the API cannot serve; the message is French."""

    def __init__(self, message: str, status: int = 400, valid: list[str] | None = None):
        super().__init__(message)
        self.status, self.valid = status, valid

    def response(self) -> JsonResponse:
        data: dict = {"erreur": str(self)}
        if self.valid is not None:
            data["valeurs_possibles"] = self.valid
        return JsonResponse(data, status=self.status)


# --- What each kind of entry looks like in JSON ----------------------------------------------


def _link(obj) -> dict:
    return {"slug": obj.slug, "name": obj.name, "api_url": _api_url(obj)}


def _api_url(obj) -> str:
    return reverse(f"api:{KIND_OF_MODEL[type(obj)].name}", args=[obj.slug])


def _checked(obj) -> dict:
    return {
        "sources": obj.sources,
        "verification": obj.verification,
        "verification_note": obj.verification_note,
        "last_checked": obj.last_checked,
    }


def scheme_summary(s: Scheme) -> dict:
    return {
        "slug": s.slug,
        "name": s.name,
        "operator": s.operator,
        "kind": s.kind or None,
        "summary": s.summary,
        "beneficiaries": s.beneficiaries,
        "stages": s.stages,
        "needs": s.needs,
        "origin": s.origin,
        "verification": s.verification,
        "url": s.get_absolute_url(),
        "api_url": _api_url(s),
    }


def scheme_detail(s: Scheme) -> dict:
    return {
        **scheme_summary(s),
        "description": s.description,
        "aid_types": s.aid_types,
        "perimeter": s.perimeter,
        "criteria": s.criteria,
        "eligibility_text": s.eligibility_text,
        "amounts": s.amounts,
        "funding_rate": s.funding_rate,
        "duration": s.duration,
        "calendar": s.calendar,
        "how_to_apply": s.how_to_apply,
        "official_url": s.url or None,
        "source_link": s.source_link,
        **_checked(s),
        "levers": [_link(lever) for lever in s.levers.all()],
    }


def lever_summary(lever: Lever) -> dict:
    return {
        "slug": lever.slug,
        "name": lever.name,
        "summary": lever.summary,
        "needs": lever.needs,
        "legal_forms": lever.legal_forms,
        "authority_roles": lever.authority_roles,
        "verification": lever.verification,
        "url": lever.get_absolute_url(),
        "api_url": _api_url(lever),
    }


def lever_detail(lever: Lever) -> dict:
    return {
        **lever_summary(lever),
        "description": lever.description,
        "steps": lever.steps,
        "pitfalls": lever.pitfalls,
        "indicators": lever.indicators,
        **_checked(lever),
        "schemes": [_link(s) for s in lever.schemes.all()],
        "experiences": [
            {
                **_link(e),
                "commune": {"code": e.commune_id, "name": e.commune.name} if e.commune else None,
                "department": _department(e),
            }
            for e in lever.experiences.all()
        ],
    }


def _department(e: Experience) -> dict:
    """The department of an experience (its commune's, or its own when none is named)."""
    return {"code": e.area.code, "name": e.area.name}


def experience_summary(e: Experience) -> dict:
    return {
        "slug": e.slug,
        "name": e.name,
        "summary": e.summary,
        "commune": (
            {
                "code": e.commune_id,
                "name": e.commune.name,
                "department": {"code": e.commune.department_id, "name": e.commune.department.name},
            }
            if e.commune
            else None
        ),
        "department": _department(e),
        "start_year": e.start_year,
        "end_year": e.end_year,
        "needs": sorted(e.needs),
        "verification": e.verification,
        "url": e.get_absolute_url(),
        "api_url": _api_url(e),
    }


def experience_detail(e: Experience) -> dict:
    return {
        **experience_summary(e),
        "story": e.story,
        "key_figures": e.key_figures,
        "lessons": e.lessons,
        "contact": e.contact,
        **_checked(e),
        "levers": [_link(lever) for lever in e.levers.all()],
    }


def resource_summary(r: Resource) -> dict:
    return {
        "slug": r.slug,
        "title": r.title,
        "kind": r.kind,
        "publisher": r.publisher,
        "resource_url": r.url,
        "summary": r.summary,
        "needs": r.needs,
        "verification": r.verification,
        "url": r.get_absolute_url(),
        "api_url": _api_url(r),
    }


def resource_detail(r: Resource) -> dict:
    return {**resource_summary(r), **_checked(r)}


# --- How each kind is written -------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    summary: Callable[[Model], dict]
    detail: Callable[[Model], dict]
    listed: tuple[str, ...] = ()  # prefetch_related, for a summary
    detailed: tuple[str, ...] = ()  # prefetch_related, for a detail


FORMATS = {  # kind name → its JSON
    "scheme": Format(scheme_summary, scheme_detail, detailed=("levers",)),
    "lever": Format(
        lever_summary,
        lever_detail,
        detailed=("schemes", "experiences__commune__department", "experiences__department"),
    ),
    "experience": Format(
        experience_summary, experience_detail, listed=("levers",), detailed=("levers",)
    ),
    "resource": Format(resource_summary, resource_detail),
}


def _objects(segment: str, detail: bool = False) -> QuerySet:
    kind = KINDS[segment]
    found = FORMATS[kind.name]
    return kind.objects().prefetch_related(*(found.detailed if detail else found.listed))


# --- Parameters ------------------------------------------------------------------------------


def _integer(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    bounds = f"entre 1 et {maximum}" if maximum else "à partir de 1"
    if not INTEGER.fullmatch(raw):  # an empty value too: leave the parameter out instead
        raise BadRequest(f"Le paramètre « {name} » doit être un nombre entier {bounds}.")
    value = int(raw)
    if value < 1 or (maximum and value > maximum):
        raise BadRequest(f"Le paramètre « {name} » doit être un nombre entier {bounds}.")
    return value


def _query(request, required: bool = False) -> str:
    raw = request.GET.get("q", "")
    if len(raw) > MAX_QUERY:
        raise BadRequest(f"Le paramètre « q » dépasse {MAX_QUERY} caractères.")
    query = raw.strip()
    if required and not query:
        raise BadRequest("Le paramètre « q » (les mots cherchés) est obligatoire.")
    return query


def _choice(request, name: str, table: dict) -> str:
    value = request.GET.get(name)
    if value is None:
        return ""
    if value not in table:  # an empty value too: leave the parameter out instead
        raise BadRequest(
            f"Valeur inconnue « {value} » pour « {name} ». Valeurs possibles : {', '.join(table)}.",
            valid=list(table),
        )
    return value


def _pagination(request) -> tuple[int, int]:
    """(page, page size), from `page` and `taille`."""
    return _integer(request, "page", 1), _integer(
        request, "taille", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
    )


def _envelope(request, page: int, size: int, total: int) -> dict:
    """What a paged answer says besides its results (404 past the last page)."""
    pages = math.ceil(total / size)
    if page > max(pages, 1):
        raise BadRequest(
            f"La page {page} n'existe pas : {total} résultats, soit {pages} page(s) de {size}.",
            status=404,
        )

    def link(number: int) -> str | None:
        if not 1 <= number <= pages:
            return None
        params = request.GET.copy()
        params["page"] = str(number)
        return f"{request.path}?{params.urlencode()}"

    return {
        "count": total,
        "page": page,
        "page_size": size,
        "pages": pages,
        "previous": link(page - 1),
        "next": link(page + 1),
    }


# --- Views -----------------------------------------------------------------------------------


@get_only
def entry_list(request, kind: str):
    spec = KINDS[kind]
    try:
        for name in FILTERS:
            if name not in spec.filters and name in request.GET:
                raise BadRequest(
                    f"Le filtre « {name} » ne s'applique pas {spec.plural}. Filtres possibles : "
                    f"{', '.join(['q', *spec.filters])}."
                )
        wanted = {name: _choice(request, name, table) for name, table in spec.filters.items()}
        wanted = {name: value for name, value in wanted.items() if value}
        query = _query(request)
        page, size = _pagination(request)
        snapshot = current_snapshot()
        entries = snapshot.facets[kind]
        allowed = entries.matching(wanted) if wanted else None
        scores = {}
        if query:
            total, hits = snapshot.index.search_page(
                query,
                {spec.name},
                offset=(page - 1) * size,
                limit=size,
                where=(lambda document: document.slug in allowed) if wanted else None,
            )
            scores = {hit.document.slug: hit.score for hit in hits}
            slugs = list(scores)
        else:
            kept = entries.ordered(wanted)
            total, slugs = len(kept), kept[(page - 1) * size : page * size]
        envelope = _envelope(request, page, size, total)
    except BadRequest as problem:
        return problem.response()
    objects = _objects(kind).in_bulk(slugs, field_name="slug")
    summary = FORMATS[spec.name].summary
    results = []
    for slug in slugs:
        if slug in objects:  # (unless deleted since the index was built)
            score = round(scores[slug], 3) if query else None
            results.append({**summary(objects[slug]), "score": score})
    return JsonResponse({**envelope, "results": results})


@get_only
def entry_detail(request, kind: str, slug: str):
    spec = KINDS[kind]
    entry = _objects(kind, detail=True).filter(slug=slug).first()
    if entry is None:
        return error(f"{spec.missing} de slug « {slug} ».", 404)
    return JsonResponse(FORMATS[spec.name].detail(entry))


@get_only
def search(request):
    """Every kind at once, ranked by relevance."""
    try:
        query = _query(request, required=True)
        segment = _choice(request, "type", KINDS)
        kinds = [KINDS[segment]] if segment else list(KINDS.values())
        page, size = _pagination(request)
        total, hits = current_snapshot().index.search_page(
            query, {kind.name for kind in kinds}, offset=(page - 1) * size, limit=size
        )
        envelope = {"query": query, **_envelope(request, page, size, total)}
    except BadRequest as problem:
        return problem.response()
    found: dict[tuple[str, str], Model] = {}
    for kind in kinds:
        slugs = [h.document.slug for h in hits if h.document.kind == kind.name]
        if slugs:
            rows = kind.model.objects.only("slug", "summary").in_bulk(slugs, field_name="slug")
            for slug, obj in rows.items():
                found[kind.name, slug] = obj
    results = []
    for hit in hits:
        obj = found.get((hit.document.kind, hit.document.slug))
        if obj is None:
            continue
        kind = KIND_NAMED[hit.document.kind]
        results.append(
            {
                "type": kind.segment,
                "slug": obj.slug,
                "name": hit.document.title,
                "summary": obj.summary,
                "score": round(hit.score, 3),
                "url": obj.get_absolute_url(),
                "api_url": reverse(f"api:{kind.name}", args=[obj.slug]),
            }
        )
    return JsonResponse({**envelope, "results": results})
