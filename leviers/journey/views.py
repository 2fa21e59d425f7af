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
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect
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
from leviers.catalogue.models import Lever, Scheme
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
    roadmap_add,
    roadmap_create,
    roadmap_created_by,
    roadmap_request_key,
)
from leviers.journey.forms import LinksMailForm, RoadmapItemFormSet, RoadmapTitleForm
from leviers.journey.models import MAX_ITEMS, Roadmap, RoadmapItem
from leviers.journey.shortlist import NEAR_KM, place_all, starting_points
from leviers.territories.models import Commune, CommuneOutline
from leviers.territories.search import search_territories

# A situation's results are cached this long (and until the catalogue or a dataset changes).
RESULTS_CACHE_SECONDS = 3600
# Roadmaps one client may create per window of WINDOW_SECONDS.
CREATIONS_PER_WINDOW, WINDOW_SECONDS = 10, 600
ROADMAP_CREATIONS = RateLimit(
    "roadmap-creations", limit=CREATIONS_PER_WINDOW, window=WINDOW_SECONDS
)
# « M'envoyer ces liens »: mails one client may ask for, and one roadmap may send, per hour.
LINK_MAILS = RateLimit("roadmap-link-mails", limit=5, window=3600)
LINK_MAILS_PER_ROADMAP = RateLimit("roadmap-link-mails-roadmap", limit=3, window=3600)
ANCHOR = re.compile(r"^[a-z0-9-]{1,140}$")
# The parameter that shows the schemes of other territories too (hidden by default).
ELSEWHERE = "ailleurs"
# The parameter of the full view: every scheme's card (the default view is the short answer).
VIEW, DETAIL = "vue", "detail"
# What was ticked, kept in the page's address so that answering, going to the full view and
# back never loses it: `levier` and `dispositif` (repeated), `titre`.
CHOICE_KINDS = ("levier", "dispositif")
SLUG = re.compile(r"^[a-z0-9-]{1,140}$")


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
    choices = chosen(request.GET)
    context = {
        "situation": situation,
        "territory": territory,
        "is_commune": isinstance(territory, Commune),
        # What was ticked on the recommendations, passed on to them.
        "kept": [(kind, slug) for kind, slugs in choices.items() for slug in slugs],
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


def _origins(summary: dict) -> tuple[list[tuple[float, float]], set[str]]:
    """The points distances are measured from (a commune's centroid, or those of an
    intercommunality's members) and the territory's commune codes."""
    commune, epci = summary["commune"], summary["epci"]
    if commune is not None:
        outlines = CommuneOutline.objects.filter(commune=commune["code"])
        own = {commune["code"]}
    else:
        outlines = CommuneOutline.objects.filter(commune__epci=epci["siren"])
        own = set(Commune.objects.filter(epci=epci["siren"]).values_list("code", flat=True))
    points = [tuple(p) for p in outlines.values_list("centroid_longitude", "centroid_latitude")]
    return points, own


def _results(
    situation: ProfileRequest, snapshot: Snapshot, elsewhere: bool = False, view: str = ""
) -> dict:
    """What a situation's page shows that is the same for every visitor: the territory, the
    answers given, and the results as HTML rendered without the request — by default the short
    answer (« Par où commencer », then every lever, experience and scheme in compact lists);
    with `view` DETAIL, every scheme's card. The schemes of other territories only if
    `elsewhere`. Raises ProfileError."""
    result, summary = run_match(situation, snapshot)
    answered: dict[str, bool] = summary["answers"]
    context = {
        "situation_url": _situation_url(situation),
        "elsewhere": elsewhere,
        "elsewhere_count": result.elsewhere_count,
        "open_questions": len(result.questions),
        "is_commune": summary["commune"] is not None,
        # Who to call about each card, for this territory (catalogue/contacts.py).
        "contacts_of": partial(snapshot.catalogue.contacts_for, territory=result.territory),
    }
    if view == DETAIL:
        context["groups"] = _scheme_cards(result, answered, elsewhere)
        template = "journey/_results.html"
    else:
        origins, own = _origins(summary)
        starts = starting_points(result, snapshot.catalogue.experiences, origins, own, answered)
        featured = {line.ranked.item.slug for s in starts for line in (*s.money, *s.support)}
        groups = result.schemes_by_verdict(elsewhere=elsewhere)
        context.update(
            starts=starts,
            featured=featured,
            other_levers=result.levers[len(starts) :],
            levers_total=len(result.levers),
            experiences=place_all(result.experiences, origins, own, snapshot.catalogue.experiences),
            near_km=NEAR_KM,
            groups=[(status, GROUP_TITLES[status], groups[status]) for status in GROUP_ORDER],
            schemes_total=sum(len(g) for g in groups.values()),
            marks=VERDICT_MARKS,
            labels=STATUS_LABELS,
        )
        template = "journey/_start.html"
    return {
        "territory": summary["commune"] or summary["epci"],
        "is_commune": summary["commune"] is not None,
        "answered": snapshot.answered(answered),
        "results": render_to_string(template, context, using="jinja2"),
    }


def chosen(params) -> dict[str, list[str]]:
    """What was ticked, from the page's address or its form: {"levier": [...], "dispositif":
    [...]}, slugs only, each once, at most MAX_ITEMS + 1 of each (more is refused later)."""
    return {
        kind: list(dict.fromkeys(v for v in params.getlist(kind) if SLUG.match(v)))[: MAX_ITEMS + 1]
        for kind in CHOICE_KINDS
    }


def with_ticks(html: str, choices: dict[str, list[str]]) -> tuple[str, list[tuple[str, str]]]:
    """The results' HTML with the chosen boxes ticked, and the choices it has no box for
    (kept as hidden fields: a lever ticked in the short answer, when the full view shows the
    schemes only)."""
    missing = []
    for kind, slugs in choices.items():
        for slug in slugs:
            box = f'id="choisir-{kind}-{slug}"'
            if box in html:
                html = html.replace(box, f"{box} checked", 1)
            else:
                missing.append((kind, slug))
    return html, missing


def choices_query(choices: dict[str, list[str]], title: str = "", view: str = "") -> str:
    pairs = [(kind, slug) for kind, slugs in choices.items() for slug in slugs]
    if title:
        pairs.append(("titre", title))
    if view == DETAIL:
        pairs.append((VIEW, DETAIL))
    return urlencode(pairs)


def _situation_url(situation: ProfileRequest, choices: dict | None = None) -> str:
    """The situation form's address (with what was ticked, which it passes on)."""
    url = f"{reverse('journey:situation')}?{situations.canonical_query(situation)}"
    extra = choices_query(choices) if choices else ""
    return f"{url}&{extra}" if extra else url


def _default_title(territory) -> str:
    return f"Feuille de route — {territory['name']}"


@require_http_methods(["GET", "POST"])
def recommendations(request):
    """The recommendations of a situation. Its one form posts here to answer a question or to
    switch views: the answers are folded into the situation and the ticks, title and view into
    the address, then back to the page (303): nothing chosen is lost, with or without
    JavaScript, and the address keeps it for « retour »."""
    params = request.POST if request.method == "POST" else request.GET
    try:
        situation = read_situation(params)
    except ProfileError as error:
        return _situation_error(request, None, error)
    if request.method == "POST" or situations.has_question_answers(params) or "ancre" in params:
        try:
            situation = situations.with_question_answers(situation, params)
        except ProfileError as error:
            return _situation_error(request, situation, error)
        anchor = params.get("ancre", "")
        if ELSEWHERE in params and not anchor:
            anchor = "dispositifs"
        url = _recommendations_url(situation)
        if params.get(ELSEWHERE) == "1":
            url += f"&{ELSEWHERE}=1"
        title = params.get("titre", "").strip()[:200]
        if title == params.get("titre-initial", "").strip():
            title = ""  # the default: not worth carrying
        extra = choices_query(chosen(params), title, params.get(VIEW, ""))
        url += f"&{extra}" if extra else ""
        target = f"{url}#{anchor}" if ANCHOR.match(anchor) else url
        return redirect(target) if request.method == "GET" else HttpResponseSeeOther(target)
    # The results are computed once per situation, view and data version, and shared by
    # everyone in this situation; the page around them (ticks included) for each visitor.
    snapshot = current_snapshot()
    elsewhere = params.get(ELSEWHERE) == "1"
    view = DETAIL if params.get(VIEW) == DETAIL else ""
    canonical = situations.canonical_query(situation)
    stamp = f"{snapshot.version}|{canonical}|{elsewhere}|{view}"
    key = "journey:results:" + sha256(stamp.encode()).hexdigest()
    shared = cache.get(key)
    if shared is None:
        try:
            shared = _results(situation, snapshot, elsewhere, view)
        except ProfileError as error:
            return _situation_error(request, situation, error)
        cache.set(key, shared, RESULTS_CACHE_SECONDS)
    choices = chosen(params)
    results, kept = with_ticks(shared["results"], choices)
    context = {
        **shared,
        "results": mark_safe(results),  # noqa: S308 - rendered by _start.html or _results.html
        "kept": kept,
        "situation": situation,
        "situation_pairs": situations.query_pairs(situation),
        "situation_url": _situation_url(situation, choices),
        "page_url": _recommendations_url(situation),
        "elsewhere": elsewhere,
        "view": view,
        "title": params.get("titre", "").strip()[:200] or _default_title(shared["territory"]),
        "default_title": _default_title(shared["territory"]),
        "max_items": MAX_ITEMS,
        "page_token": secrets.token_urlsafe(16),  # names this page's creation (actions.py)
        **_vocabularies(),
    }
    return render(request, "journey/recommendations.html", context)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


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
    # Back to the recommendations with everything ticked, to fix what was refused.
    extra = choices_query(chosen(request.POST), request.POST.get("titre", "").strip()[:200])
    back = _recommendations_url(situation) + (f"&{extra}" if extra else "")
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
        ticked = sum(len(set(request.POST.getlist(kind))) for kind in CHOICE_KINDS)
        if ticked > MAX_ITEMS:  # said with the real count, before anything is read
            raise RoadmapError(
                f"Une feuille de route compte au plus {MAX_ITEMS} leviers et dispositifs "
                f"({ticked} cochés) : gardez les plus utiles."
            )
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
        text=roadmap.text,
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
        title_form, formset, status = None, None, 200
    return _edit_page(request, roadmap, title_form, formset, status)


def _edit_page(request, roadmap, title_form=None, formset=None, status=200, **extra):
    title_form = title_form or RoadmapTitleForm(instance=roadmap, prefix="feuille")
    formset = formset or RoadmapItemFormSet(queryset=roadmap.items.all(), prefix="element")
    context = {
        **roadmap_context(request, roadmap),
        "title_form": title_form,
        "formset": formset,
        "edit_url": request.build_absolute_uri(roadmap.get_edit_url()),
        "mail_form": extra.pop("mail_form", None) or LinksMailForm(),
        **_addable(roadmap),
        **extra,
    }
    return render(request, "journey/roadmap_edit.html", context, status=status)


def _addable(roadmap: Roadmap) -> dict:
    """The levers and schemes of the catalogue not yet in `roadmap`, to add forgotten ones."""
    items = list(roadmap.items.all())
    levers = {item.lever_id for item in items if item.lever_id}
    schemes = {item.scheme_id for item in items if item.scheme_id}
    return {
        "addable_levers": Lever.objects.exclude(pk__in=levers)
        .order_by("name")
        .values_list("slug", "name"),
        "addable_schemes": Scheme.objects.exclude(pk__in=schemes)
        .order_by("name")
        .values_list("slug", "name"),
    }


@require_POST
def roadmap_add_items(request, token: str):
    """Add the lever and scheme chosen on the edit page (forgotten at creation)."""
    roadmap = _roadmap(edit_token=token)
    wanted = chosen(request.POST)
    try:
        added = roadmap_add(roadmap, wanted["levier"], wanted["dispositif"])
    except RoadmapError as error:
        return _edit_page(request, roadmap, status=400, add_error=str(error))
    messages.success(
        request,
        "Élément ajouté à la feuille de route." if added == 1 else f"{added} éléments ajoutés.",
    )
    return redirect(roadmap.get_edit_url() + "#ajouter")


@require_POST
def roadmap_mail_links(request, token: str):
    """« M'envoyer ces liens par courriel »: the share and edit links, to the address given,
    which is not kept. Rate-limited per client and per roadmap."""
    roadmap = _roadmap(edit_token=token)
    form = LinksMailForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, roadmap, status=400, mail_form=form)
    if LINK_MAILS.exceeded(request) or LINK_MAILS_PER_ROADMAP.exceeded(
        request, subject=roadmap.edit_token
    ):
        form.add_error(
            "email", "Trop de courriels envoyés en peu de temps : réessayez dans une heure."
        )
        return _edit_page(request, roadmap, status=429, mail_form=form)
    send_links(roadmap, form.cleaned_data["email"], request)
    LINK_MAILS.hit(request)
    LINK_MAILS_PER_ROADMAP.hit(request, subject=roadmap.edit_token)
    messages.success(request, "Les deux liens vous ont été envoyés par courriel.")
    return redirect(roadmap.get_edit_url())


def send_links(roadmap: Roadmap, address: str, request) -> None:
    share = request.build_absolute_uri(roadmap.get_absolute_url())
    edit = request.build_absolute_uri(roadmap.get_edit_url())
    body = render_to_string(
        "journey/links_mail.txt", {"roadmap": roadmap, "share_url": share, "edit_url": edit}
    )
    send_mail(f"Votre feuille de route : {roadmap.title}"[:150], body, None, [address])


@require_GET
def roadmap_pdf(request, token: str):
    from leviers.journey.pdf import roadmap_pdf as build_pdf

    roadmap = _roadmap(public_token=token)
    content = build_pdf(roadmap_context(request, roadmap))
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(f"feuille de route {roadmap.territory_name}") or "feuille-de-route"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
