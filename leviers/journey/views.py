"""The elected official's journey: situation → recommendations → roadmap (view, edit, PDF)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import partial
from hashlib import sha256
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leviers.catalogue import vocabulary
from leviers.catalogue.dates import french_date
from leviers.catalogue.eligibility import RESOURCE, STATUS_LABELS, CompiledSchemes, Question
from leviers.catalogue.matching import GROUP_ORDER, SchemeItem
from leviers.catalogue.profiles import (
    MAX_TEXT,
    ProfileError,
    ProfileRequest,
    build_profile,
    read_situation,
    territory_of,
)
from leviers.catalogue.service import run_match
from leviers.catalogue.snapshot import Snapshot, current_snapshot
from leviers.core.ratelimit import RateLimit
from leviers.journey import situation as situations
from leviers.journey.actions import (
    RoadmapError,
    roadmap_create,
    roadmap_created_by,
    roadmap_request_key,
)
from leviers.journey.forms import RoadmapItemFormSet, RoadmapTitleForm
from leviers.journey.models import MAX_ITEMS, Roadmap, RoadmapItem
from leviers.territories.models import Commune
from leviers.territories.search import search_territories

EXPERIENCES_SHOWN = 6
# A situation's results are cached this long (and until the catalogue or a dataset changes).
RESULTS_CACHE_SECONDS = 3600
# Roadmaps one client may create per window of WINDOW_SECONDS.
CREATIONS_PER_WINDOW, WINDOW_SECONDS = 10, 600
ROADMAP_CREATIONS = RateLimit(
    "roadmap-creations", limit=CREATIONS_PER_WINDOW, window=WINDOW_SECONDS
)
ANCHOR = re.compile(r"^[a-z0-9-]{1,140}$")
# The parameter that shows the schemes of other territories too (hidden by default).
ELSEWHERE = "ailleurs"


def _vocabularies() -> dict:
    return {
        "needs": vocabulary.NEEDS,
        "beneficiaries": vocabulary.BENEFICIARIES,
        "stages": vocabulary.STAGES,
        "max_text": MAX_TEXT,
    }


def _recommendations_url(situation: ProfileRequest, anchor: str = "") -> str:
    url = f"{reverse('journey:recommendations')}?{situations.canonical_query(situation)}"
    return f"{url}#{anchor}" if anchor else url


@require_GET
def start(request):
    """The home page form: a commune or EPCI typed, and maybe a situation."""
    query = request.GET.get("q", "").strip()[:100]
    try:
        situation = read_situation(request.GET)
    except ProfileError as error:
        return _situation_error(request, ProfileRequest(), error)
    if situation.commune or situation.epci:
        # A suggestion was picked (finder.js): the territory is known, keep the situation.
        if not situations.is_empty(situation):
            return redirect(_recommendations_url(situation))
        if situation.commune:
            return redirect("territories:commune", situation.commune.upper())
        return redirect("territories:epci", situation.epci)
    results = search_territories(query, limit=30) if len(query) >= 2 else []
    if situations.is_empty(situation):
        # No situation: the diagnosis page first, as the finder does.
        if len(results) == 1:
            name = "territories:commune" if results[0].kind == "commune" else "territories:epci"
            return redirect(name, results[0].code)
        return redirect(f"{reverse('territories:search')}?{urlencode({'q': query})}")
    choices = []
    for entry in results:
        key = "commune" if entry.kind == "commune" else "epci"
        chosen = ProfileRequest(
            **{**situation.__dict__, "commune": "", "epci": "", key: entry.code}
        )
        choices.append((entry, _recommendations_url(chosen)))
    if len(choices) == 1:
        return redirect(choices[0][1])
    context = {"query": query, "choices": choices, "situation": situation, **_vocabularies()}
    return render(request, "journey/start.html", context)


@require_GET
def situation(request):
    """Step 2: the needs, who carries the project, its stage — all optional."""
    try:
        situation = read_situation(request.GET)
    except ProfileError as error:
        return _situation_error(request, None, error)
    try:
        territory = territory_of(situation)
    except ProfileError as error:
        return _situation_error(request, situation, error)
    context = {
        "situation": situation,
        "territory": territory,
        "is_commune": isinstance(territory, Commune),
        **_vocabularies(),
    }
    return render(request, "journey/situation.html", context)


# A criterion's or a verdict's mark: a symbol and a word (its class), never a colour alone.
REASON_MARKS = {True: ("met", "✓"), False: ("unmet", "✗"), None: ("unknown", "?")}
VERDICT_MARKS = {
    "eligible": "✓",
    "to_check": "?",
    "not_eligible": "✗",
    "closed": "⏹",
    "resource": "ℹ",
}
GROUP_TITLES = {**STATUS_LABELS, RESOURCE: "Réseaux, guides et outils (sans verdict d'éligibilité)"}


@dataclass(frozen=True, slots=True)
class ReasonRow:
    """One criterion of a verdict as _reasons.html, _results.html and the PDF show it."""

    text: str
    met: bool | None
    kind: str
    mark: str
    answered: bool
    details: list[ReasonRow]


def reason_rows(reasons, answered: dict[str, bool]) -> list[ReasonRow]:
    """The reasons of a verdict, each with its mark and whether an answer decided it."""
    rows = []
    for reason in reasons:
        kind, mark = REASON_MARKS[reason.met]
        rows.append(
            ReasonRow(
                text=reason.text,
                met=reason.met,
                kind=kind,
                mark=mark,
                answered=reason.question is not None and reason.question.id in answered,
                details=reason_rows(reason.details, answered),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class CardQuestion:
    """A question under a scheme: asked there (`first`) or pointed to above; `answer` is the
    answer given (None: not yet), which stays shown and can be changed there."""

    question: Question
    first: bool
    answer: bool | None = None


def calendar_words(item: SchemeItem) -> str:
    """The calendar in plain words: « Ouvert jusqu'au 28 novembre 2026 », « Clos »…"""
    calendar = item.calendar
    kind = calendar.get("kind", "permanent")
    if item.closed:
        words = "Clos"
    elif kind == "deadline" and calendar.get("deadline"):
        words = f"Ouvert jusqu'au {french_date(calendar['deadline'])}"
    else:
        words = vocabulary.CALENDAR_KINDS.get(kind, vocabulary.CALENDAR_KINDS["unknown"])
    text = str(calendar.get("text") or "").strip()
    return f"{words} : {text}" if text else f"{words}."


def verification_words(item: SchemeItem) -> str:
    """Whether someone checked the facts, in plain words (never a date nobody read on)."""
    note = item.verification_note.strip()
    if item.verification == "verifie":
        if item.verified_on:
            return f"Informations vérifiées le {french_date(item.verified_on)}."
        return "Informations vérifiées par l'équipe Leviers (date de vérification non renseignée)."
    if item.verification == "partiel":
        return f"Partiellement vérifié : {note}" if note else "Partiellement vérifié."
    return f"Non vérifié : {note}" if note else "Non vérifié."


@dataclass(frozen=True, slots=True)
class SchemeCard:
    """What a scheme's card shows (_results.html)."""

    item: SchemeItem
    kind: str
    status: str
    mark: str
    label: str
    reasons: list[ReasonRow]
    why: list[str]
    questions: list[CardQuestion]
    has_first_question: bool
    calendar: str = ""
    verification: str = ""
    family: str = ""
    replaced_by: tuple[str, str] = ()  # (slug, name)
    sources: tuple[CardSource, ...] = ()


@dataclass(frozen=True, slots=True)
class CardSource:
    """A source of a scheme, with the day someone read it (« non vérifiée » if nobody did)."""

    url: str
    title: str
    read: str


def card_sources(item: SchemeItem) -> tuple[CardSource, ...]:
    return tuple(
        CardSource(
            source.get("url", ""),
            source.get("title") or source.get("url", ""),
            f"lue le {french_date(source['checked_on'])}"
            if source.get("checked_on")
            else "non vérifiée",
        )
        for source in item.sources
    )


@dataclass(frozen=True, slots=True)
class VerdictGroup:
    status: str
    label: str
    cards: list[SchemeCard]


def _scheme_cards(result, answered: dict[str, bool], elsewhere: bool = False) -> list[VerdictGroup]:
    """The schemes by verdict, as cards (those of other territories only if `elsewhere`). A
    question shared by several schemes is asked under the first one only; an answered
    question stays under its schemes with its answer. (Objects rather than dicts: the template
    reads them ~2,000 times.)"""
    groups = result.schemes_by_verdict(elsewhere=elsewhere)
    asked: set[str] = set()
    verdict_groups = []
    for status in GROUP_ORDER:
        cards = []
        for ranked in groups[status]:
            questions = []
            verdict = ranked.verdict
            open_ids = {q.id for q in verdict.questions}
            for question in verdict.asked if status != RESOURCE else ():
                answer = answered.get(question.id)
                if answer is None and question.id not in open_ids:
                    continue  # out of reach: no answer would change the verdict
                questions.append(CardQuestion(question, question.id not in asked, answer))
                asked.add(question.id)
            item = ranked.item
            cards.append(
                SchemeCard(
                    item=item,
                    kind=vocabulary.label(vocabulary.SCHEME_KINDS, item.kind) if item.kind else "",
                    status=status,
                    mark=VERDICT_MARKS[status],
                    label=STATUS_LABELS[status],
                    reasons=reason_rows(verdict.reasons, answered) if status != RESOURCE else [],
                    why=ranked.reasons,
                    questions=questions,
                    has_first_question=any(q.first for q in questions),
                    calendar=calendar_words(item),
                    verification=verification_words(item),
                    family=vocabulary.SCHEME_FAMILIES.get(item.family, ""),
                    replaced_by=item.replaced_by,
                    sources=card_sources(item),
                )
            )
        verdict_groups.append(VerdictGroup(status, GROUP_TITLES[status], cards))
    return verdict_groups


def _results(situation: ProfileRequest, snapshot: Snapshot, elsewhere: bool = False) -> dict:
    """What a situation's page shows that is the same for every visitor: the territory, the
    answers given, and the results (levers, experiences, scheme cards) as HTML rendered
    without the request; the schemes of other territories only if `elsewhere`. Raises
    ProfileError."""
    result, summary = run_match(situation, snapshot)
    answered: dict[str, bool] = summary["answers"]
    elsewhere_url = _recommendations_url(situation) + "&ailleurs=1#dispositifs"
    results = render_to_string(
        "journey/_results.html",
        {
            "levers": result.levers,
            "experiences": result.experiences[:EXPERIENCES_SHOWN],
            "experiences_total": len(result.experiences),
            "groups": _scheme_cards(result, answered, elsewhere),
            "open_questions": len(result.questions),
            "situation_url": _situation_url(situation),
            "elsewhere": elsewhere,
            "elsewhere_count": result.elsewhere_count,
            "elsewhere_url": elsewhere_url,
            "here_url": _recommendations_url(situation, "dispositifs"),
            # Who to call about each card, for this territory (catalogue/contacts.py).
            "contacts_of": partial(snapshot.catalogue.contacts_for, territory=result.territory),
        },
        using="jinja2",
    )
    return {
        "territory": summary["commune"] or summary["epci"],
        "is_commune": summary["commune"] is not None,
        "answered": snapshot.answered(answered),
        "results": results,
    }


def _situation_url(situation: ProfileRequest) -> str:
    return f"{reverse('journey:situation')}?{situations.canonical_query(situation)}"


@require_GET
def recommendations(request):
    try:
        situation = read_situation(request.GET)
    except ProfileError as error:
        return _situation_error(request, None, error)
    if situations.has_question_answers(request.GET) or "ancre" in request.GET:
        # The questions' form: fold the radios into `reponse` and come back to the same place.
        try:
            situation = situations.with_question_answers(situation, request.GET)
        except ProfileError as error:
            return _situation_error(request, situation, error)
        anchor = request.GET.get("ancre", "")
        url = _recommendations_url(situation)
        if request.GET.get(ELSEWHERE) == "1":
            url += f"&{ELSEWHERE}=1"
        return redirect(f"{url}#{anchor}" if ANCHOR.match(anchor) else url)
    # The results are computed once per situation and data version, and shared by everyone in
    # this situation; the page around them is rendered for each visitor.
    snapshot = current_snapshot()
    elsewhere = request.GET.get(ELSEWHERE) == "1"
    canonical = situations.canonical_query(situation)
    stamp = f"{snapshot.version}|{canonical}|{elsewhere}"
    key = "journey:results:" + sha256(stamp.encode()).hexdigest()
    shared = cache.get(key)
    if shared is None:
        try:
            shared = _results(situation, snapshot, elsewhere)
        except ProfileError as error:
            return _situation_error(request, situation, error)
        cache.set(key, shared, RESULTS_CACHE_SECONDS)
    context = {
        **shared,
        "results": mark_safe(shared["results"]),  # noqa: S308 - rendered by _results.html
        "situation": situation,
        "situation_pairs": situations.query_pairs(situation),
        "situation_url": _situation_url(situation),
        "page_url": _recommendations_url(situation),
        "elsewhere": elsewhere,
        "max_items": MAX_ITEMS,
        "page_token": secrets.token_urlsafe(16),  # names this page's creation (actions.py)
        **_vocabularies(),
    }
    return render(request, "journey/recommendations.html", context)


def _situation_error(request, situation: ProfileRequest | None, error: Exception):
    """The situation form again, with the French error (400)."""
    situation = situation or ProfileRequest()
    context = {"situation": situation, "error": str(error), **_vocabularies()}
    try:
        context["territory"] = territory_of(situation)
        context["is_commune"] = isinstance(context["territory"], Commune)
    except ProfileError:
        pass
    return render(request, "journey/situation.html", context, status=400)


@require_POST
def roadmap_new(request):
    try:
        situation = read_situation(request.POST)
    except ProfileError as error:
        context = {"error": str(error), "back": "/"}
        return render(request, "journey/roadmap_error.html", context, status=400)
    back = _recommendations_url(situation)
    request_key = roadmap_request_key(request.POST)
    if done := roadmap_created_by(request_key):  # this very request, sent again
        messages.success(request, "Votre feuille de route est créée.")
        return redirect(done.get_edit_url())
    if ROADMAP_CREATIONS.exceeded(request):
        context = {
            "error": "Trop de feuilles de route créées depuis cette adresse en peu de temps : "
            "réessayez dans quelques minutes.",
            "back": back,
        }
        return render(request, "journey/roadmap_error.html", context, status=429)
    try:
        roadmap = roadmap_create(
            situation,
            request.POST.getlist("levier")[: MAX_ITEMS + 1],
            request.POST.getlist("dispositif")[: MAX_ITEMS + 1],
            request.POST.get("titre", ""),
            request_key,
        )
    except (ProfileError, RoadmapError) as error:
        context = {"error": str(error), "back": back}
        return render(request, "journey/roadmap_error.html", context, status=400)
    ROADMAP_CREATIONS.hit(request)
    messages.success(request, "Votre feuille de route est créée.")
    return redirect(roadmap.get_edit_url())


def _roadmap(**lookup) -> Roadmap:
    items = RoadmapItem.objects.select_related("lever", "scheme")
    queryset = Roadmap.objects.select_related("commune__department", "epci").prefetch_related(
        Prefetch("items", queryset=items)
    )
    return get_object_or_404(queryset, **lookup)


def _situation_of(roadmap: Roadmap) -> ProfileRequest:
    return ProfileRequest(
        commune=roadmap.commune_id or "",
        epci="" if roadmap.commune_id else roadmap.epci_id,
        beneficiary=roadmap.beneficiary,
        stage=roadmap.stage,
        needs=tuple(roadmap.needs),
        answers=roadmap.answers_list(),
    )


def roadmap_context(request, roadmap: Roadmap) -> dict:
    """What the roadmap page and its PDF show: each item with, for a scheme, its verdict for
    the roadmap's situation today (the catalogue may have changed since)."""
    situation = _situation_of(roadmap)
    snapshot = current_snapshot()
    items = list(roadmap.items.all())
    verdicts, problem = {}, ""
    wanted = {item.scheme.slug for item in items if item.scheme_id}
    if wanted:
        try:
            profile, _, _ = build_profile(situation)
        except ProfileError as error:
            problem = f"Les verdicts ne peuvent plus être calculés : {error}"
        else:
            chosen = [s for s in snapshot.catalogue.schemes if s.slug in wanted]
            verdicts = CompiledSchemes(
                {s.slug: s.criteria for s in chosen},
                closed=[s.slug for s in chosen if s.closed],
                resources=[s.slug for s in chosen if s.is_resource],
            ).evaluate(profile)
    rows = []
    for item in items:
        verdict = verdicts.get(item.scheme.slug) if item.scheme_id else None
        rows.append(
            {
                "item": item,
                "verdict": verdict,
                "label": STATUS_LABELS[verdict.status] if verdict else "",
                "reasons": reason_rows(verdict.reasons, roadmap.answers) if verdict else [],
            }
        )
    sources = []
    for item in items:
        entry = item.lever or item.scheme
        for source in getattr(entry, "sources", None) or []:
            if source.get("url") and source["url"] not in {s["url"] for s in sources}:
                sources.append({"url": source["url"], "title": source.get("title") or ""})
    return {
        "roadmap": roadmap,
        "rows": rows,
        "levers": [r for r in rows if r["item"].kind == "lever"],
        "schemes": [r for r in rows if r["item"].kind == "scheme"],
        "removed": [r for r in rows if r["item"].kind == "removed"],
        "steps": [r for r in rows if r["item"].next_step or r["item"].deadline],
        "sources": sources,
        "problem": problem,
        "share_url": request.build_absolute_uri(roadmap.get_absolute_url()),
        "answered": snapshot.answered(roadmap.answers),
        "recommendations_url": _recommendations_url(situation),
        **_vocabularies(),
    }


@require_GET
def roadmap_detail(request, token: str):
    roadmap = _roadmap(public_token=token)
    return render(request, "journey/roadmap.html", roadmap_context(request, roadmap))


@require_http_methods(["GET", "POST"])
def roadmap_edit(request, token: str):
    roadmap = _roadmap(edit_token=token)
    if request.method == "POST":
        title_form = RoadmapTitleForm(request.POST, instance=roadmap, prefix="feuille")
        formset = RoadmapItemFormSet(request.POST, queryset=roadmap.items.all(), prefix="element")
        if title_form.is_valid() and formset.is_valid():
            with transaction.atomic():  # the title and the items, or nothing
                title_form.save()
                formset.save()
            messages.success(request, "Vos modifications sont enregistrées.")
            return redirect(roadmap.get_edit_url())
        status = 400
    else:
        title_form = RoadmapTitleForm(instance=roadmap, prefix="feuille")
        formset = RoadmapItemFormSet(queryset=roadmap.items.all(), prefix="element")
        status = 200
    context = {
        **roadmap_context(request, roadmap),
        "title_form": title_form,
        "formset": formset,
        "edit_url": request.build_absolute_uri(roadmap.get_edit_url()),
    }
    return render(request, "journey/roadmap_edit.html", context, status=status)


@require_GET
def roadmap_pdf(request, token: str):
    from leviers.journey.pdf import roadmap_pdf as build_pdf

    roadmap = _roadmap(public_token=token)
    content = build_pdf(roadmap_context(request, roadmap))
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(f"feuille de route {roadmap.territory_name}") or "feuille-de-route"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
