"""The journal's pages. Thin: the door is accounts/permissions.py (outreach.*), asked through
`_team`; a person is always looked up within the team of the URL (another team's person: 404);
every write is in actions.py. Off (404) unless OUTREACH_ENABLED."""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from leviers.accounts.access import signed_in
from leviers.accounts.models import Organisation
from leviers.accounts.permissions import outreach_allows, outreach_teams_of
from leviers.core.csv_export import csv_download
from leviers.core.http import PAGE_TOKEN
from leviers.outreach import actions, reports
from leviers.outreach.forms import (
    ConsentForm,
    OrientationForm,
    OrientationStatusForm,
    PersonForm,
    RightForm,
    RightStatusForm,
    StatisticsForm,
    VisitForm,
)
from leviers.outreach.models import Consent, Orientation, Person, Right, Visit
from leviers.screening.engine import screen
from leviers.screening.forms import ScreeningForm

VIEW, COORDINATE = "outreach.view_people", "outreach.coordinate"
PAGE_SIZE = 50


def _enabled() -> None:
    if not settings.OUTREACH_ENABLED:
        raise Http404


def _team(request, team_id: str, permission: str = VIEW) -> Organisation:
    """The team of the URL, if this person works in it (else 404: nobody learns which teams
    follow people); a worker asking for a coordinator's page: 403."""
    _enabled()
    signed_in(request)
    team = get_object_or_404(Organisation, public_id=team_id)
    if outreach_allows(request.user, permission, team):
        return team
    if permission != VIEW and outreach_allows(request.user, VIEW, team):
        raise PermissionDenied
    raise Http404


def _person(request, team_id: str, person_id: str, permission: str = VIEW):
    team = _team(request, team_id, permission)
    person = get_object_or_404(
        Person.objects.select_related("commune"), organisation=team, public_id=person_id
    )
    person.organisation = team
    return team, person


def _closed(request, person):
    messages.error(
        request,
        "Cette fiche est fermée (accord retiré ou fiche anonymisée) : rien ne peut y être ajouté.",
    )
    return redirect(person)


def _context(request, team, **more):
    return {
        "team": team,
        "is_coordinator": outreach_allows(request.user, COORDINATE, team),
        "query": "",  # the journal's search, kept by its pages' buttons (_pages.html)
        # The create forms' token, kept when a form comes back with its errors
        # (actions.request_key: one sending, one record).
        "page_token": request.POST.get(PAGE_TOKEN) or secrets.token_urlsafe(16),
        **more,
    }


# --- The team's journal ------------------------------------------------------------------------


def home(request):
    _enabled()
    signed_in(request)
    teams = list(outreach_teams_of(request.user))
    if len(teams) == 1:
        return redirect("outreach:journal", teams[0].public_id)
    if not teams:
        raise Http404
    return render(request, "outreach/home.html", {"teams": teams})


def journal(request, team_id):
    """The team's people; the search by initials is POSTed and answered here, its pages too
    (_pages.html): what is typed about a person never goes into an address, so never into
    the server's logs, a Referer or the browser's history. A `?q=` is not read."""
    team = _team(request, team_id)
    people = Person.objects.of_team(team).select_related("commune")
    sent = request.POST if request.method == "POST" else request.GET
    query = request.POST.get("q", "").strip()[:40]
    if query:
        people = people.filter(label__icontains=query)
    page = Paginator(people.order_by("-last_activity_at", "id"), PAGE_SIZE).get_page(
        sent.get("page")
    )
    return render(
        request,
        "outreach/journal.html",
        _context(request, team, page=page, query=query, due=reports.due_count(team)),
    )


def person_create(request, team_id):
    team = _team(request, team_id)
    form = PersonForm(request.POST or None, instance=Person(organisation=team))
    consent = ConsentForm(request.POST or None, prefix="accord")
    if request.method == "POST" and form.is_valid() and consent.is_valid():
        key = actions.request_key(team.public_id, request.user, request.POST)
        try:
            person = actions.person_create(
                form.instance, consent.cleaned_data["scopes"], by=request.user, key=key
            )
        except actions.ScopeRefused:
            form.add_error(
                "referent_name",
                "Proche : la personne n'a pas accepté qu'on garde les coordonnées de son proche "
                "(case « Contacter le proche qu'elle a désigné »). Cochez-la si elle l'accepte, "
                "sinon laissez vides le proche, son téléphone, et « par un proche ».",
            )
        else:
            messages.success(request, "Fiche créée.")
            return redirect(person)
    return render(
        request,
        "outreach/person_form.html",
        _context(
            request,
            team,
            form=form,
            consent=consent,
            person=None,
            communes=reports.team_communes(team),
        ),
        status=400 if form.errors or consent.errors else 200,
    )


def person(request, team_id, person_id):
    team, person = _person(request, team_id, person_id)
    actions.log_access(person, request.user)
    return render(
        request,
        "outreach/person.html",
        _context(request, team, person=person, **reports.person_context(person)),
    )


def person_edit(request, team_id, person_id):
    team, person = _person(request, team_id, person_id)
    if not person.is_open:
        return _closed(request, person)
    if request.method == "GET":
        # The form shows the whole record (phones, the relative): a read, logged as one.
        actions.log_access(person, request.user)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            actions.person_update(form.instance, by=request.user)
        except actions.ScopeRefused:
            form.add_error(
                "referent_name",
                "Proche : l'accord de la personne ne couvre pas le contact de son proche. "
                "Laissez vides le proche, son téléphone, et « par un proche », ou notez d'abord "
                "son nouvel accord (« Modifier son accord »).",
            )
        else:
            messages.success(request, "Fiche enregistrée.")
            return redirect(person)
    return render(
        request,
        "outreach/person_form.html",
        _context(
            request,
            team,
            form=form,
            consent=None,
            person=person,
            communes=reports.team_communes(team),
        ),
        status=400 if form.errors else 200,
    )


def _refused(request, person, scope):
    messages.error(request, actions.scope_refusal(scope))
    return redirect(person)


def _person_write(request, team_id, person_id, form_class, build, template, action, done, scope):
    """The short forms of a person's record: a visit, an orientation, a right; each needs its
    scope of the person's consent (Consent.Scope), asked before the form is even shown."""
    team, person = _person(request, team_id, person_id)
    if not person.is_open:
        return _closed(request, person)
    if scope not in person.consented_scopes():
        return _refused(request, person, scope)
    form = form_class(request.POST or None, instance=build(person))
    if request.method == "POST" and form.is_valid():
        key = actions.request_key(person.public_id, request.user, request.POST)
        action(form.instance, by=request.user, key=key)
        messages.success(request, done)
        return redirect(person)
    return render(
        request,
        template,
        _context(request, team, person=person, form=form),
        status=400 if form.errors else 200,
    )


def visit_add(request, team_id, person_id):
    return _person_write(
        request,
        team_id,
        person_id,
        VisitForm,
        lambda p: Visit(person=p),
        "outreach/visit_form.html",
        actions.visit_add,
        "Visite notée.",
        Consent.Scope.JOURNAL,
    )


def orientation_add(request, team_id, person_id):
    return _person_write(
        request,
        team_id,
        person_id,
        OrientationForm,
        lambda p: Orientation(person=p),
        "outreach/orientation_form.html",
        actions.orientation_add,
        "Orientation notée.",
        Consent.Scope.ORIENTATION,
    )


def right_add(request, team_id, person_id):
    return _person_write(
        request,
        team_id,
        person_id,
        RightForm,
        lambda p: Right(person=p),
        "outreach/right_form.html",
        actions.right_add,
        "Droit ajouté au suivi.",
        Consent.Scope.RIGHTS,
    )


def screening(request, team_id, person_id):
    """« Estimer ses droits »: the screening form, its estimates, and a button per likely right
    that adds it to the record's rights (« identifié », with the estimated amount). The answers
    are not stored: only the rights the worker decides to follow."""
    team, person = _person(request, team_id, person_id)
    if not person.is_open:
        return _closed(request, person)
    if Consent.Scope.RIGHTS not in person.consented_scopes():
        return _refused(request, person, Consent.Scope.RIGHTS)
    initial = {"commune": person.commune_id}
    if person.birth_year:
        initial["age"] = timezone.localdate().year - person.birth_year
    form = ScreeningForm(request.POST if request.method == "POST" else None, initial=initial)
    estimates = None
    if request.method == "POST" and form.is_valid():
        estimates = screen(form.answers())
    elif request.method == "GET":
        actions.log_access(person, request.user)
    return render(
        request,
        "outreach/screening.html",
        _context(
            request,
            team,
            person=person,
            form=form,
            estimates=estimates,
            followable=reports.followable(estimates or [], person),
            today=timezone.localdate(),
        ),
        status=400 if form.errors else 200,
    )


@require_POST
def orientation_status(request, team_id, person_id, orientation_id):
    team, person = _person(request, team_id, person_id)
    orientation = get_object_or_404(person.orientations, public_id=orientation_id)
    if not person.is_open:
        return _closed(request, person)
    if Consent.Scope.ORIENTATION not in person.consented_scopes():
        return _refused(request, person, Consent.Scope.ORIENTATION)
    form = OrientationStatusForm(request.POST)
    if form.is_valid():
        orientation.person = person
        actions.orientation_set_status(
            orientation,
            form.cleaned_data["status"],
            form.cleaned_data["follow_up_on"],
            by=request.user,
        )
        messages.success(request, f"Orientation : {orientation.get_status_display()}.")
    else:
        messages.error(request, "État de l'orientation : choisissez un état dans la liste.")
    return redirect(person)


@require_POST
def right_status(request, team_id, person_id, right_id):
    team, person = _person(request, team_id, person_id)
    right = get_object_or_404(person.rights, public_id=right_id)
    if not person.is_open:
        return _closed(request, person)
    if Consent.Scope.RIGHTS not in person.consented_scopes():
        return _refused(request, person, Consent.Scope.RIGHTS)
    form = RightStatusForm(request.POST)
    if form.is_valid():
        right.person = person
        actions.right_set_status(
            right,
            form.cleaned_data["status"],
            form.cleaned_data["monthly_amount"],
            form.cleaned_data["on"],
            by=request.user,
        )
        messages.success(request, f"Droit : {right.get_status_display()}.")
    else:
        errors = "; ".join(
            f"{form.fields[f].label} : {' '.join(e)}" for f, e in form.errors.items()
        )
        messages.error(request, f"Droit non modifié. {errors}")
    return redirect(person)


def consent(request, team_id, person_id):
    team, person = _person(request, team_id, person_id)
    if person.anonymised_at:
        return _closed(request, person)
    # The consent in force (none once withdrawn): shown, and its boxes are where the form starts.
    current = (
        None
        if person.withdrawn_at
        else person.consents.filter(withdrawn_at=None).select_related("recorded_by").first()
    )
    if request.method == "GET":
        # Whom the person is and what she accepted, noted by whom: a read, logged as one.
        actions.log_access(person, request.user)
    initial = {"scopes": current.scopes} if current else None
    form = ConsentForm(request.POST or None, prefix="accord", initial=initial)
    if request.method == "POST" and form.is_valid():
        _consent, created = actions.consent_record(
            person, form.cleaned_data["scopes"], by=request.user
        )
        if created:
            messages.success(request, "Accord noté.")
        else:
            messages.info(request, "Son accord était déjà noté ainsi : rien n'a changé.")
        return redirect(person)
    return render(
        request,
        "outreach/consent_form.html",
        _context(request, team, person=person, form=form, current=current),
        status=400 if form.errors else 200,
    )


@require_POST
def consent_withdraw(request, team_id, person_id):
    team, person = _person(request, team_id, person_id)
    if not person.is_open:
        return _closed(request, person)
    actions.consent_withdraw(person, by=request.user)
    messages.success(
        request,
        "Retrait de l'accord noté : la fiche est fermée, ses coordonnées et textes effacés.",
    )
    return redirect(person)


# --- Follow-ups ---------------------------------------------------------------------------------


def follow_ups(request, team_id):
    team = _team(request, team_id)
    orientations = reports.due_orientations(team, timezone.localdate())
    page = Paginator(orientations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "outreach/follow_ups.html", _context(request, team, page=page))


# --- The coordinator's pages ---------------------------------------------------------------------


def person_export(request, team_id, person_id):
    team, person = _person(request, team_id, person_id, COORDINATE)
    data = actions.person_export(person, by=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="personne-{person.public_id}.json"'
    return response


def person_delete(request, team_id, person_id):
    team, person = _person(request, team_id, person_id, COORDINATE)
    if request.method == "POST":
        actions.person_delete(person, by=request.user)
        messages.success(request, "Les données de la personne sont supprimées.")
        return redirect("outreach:journal", team.public_id)
    actions.log_access(person, request.user)  # the confirmation names the person: a read
    return render(request, "outreach/person_delete.html", _context(request, team, person=person))


def access_log(request, team_id):
    """Newest first, page after page by bounds (« avant », « apres »: reports.access_log_page)."""
    team = _team(request, team_id, COORDINATE)
    before, after = request.GET.get("avant", "")[:40], request.GET.get("apres", "")[:40]
    try:
        page = reports.access_log_page(team, before=before, after=after, size=PAGE_SIZE)
    except reports.BadBound:
        messages.error(request, "Cette adresse de page est incomplète : voici les accès récents.")
        before = after = ""
        page = reports.access_log_page(team, size=PAGE_SIZE)
    return render(
        request,
        "outreach/access_log.html",
        _context(request, team, page=page, paged=bool(before or after)),
    )


def _statistics(request, team):
    form = StatisticsForm(request.GET or None)
    year = by = None
    if form.is_valid():
        year, by = form.cleaned_data["year"], form.cleaned_data["by"]
    year = year or timezone.localdate().year
    by = by or "annee"  # the gerontology plan's rhythm; by quarter on demand
    return form, year, by, reports.statistics(team, year, by, settings.OUTREACH_MIN_CELL)


def statistics(request, team_id):
    team = _team(request, team_id, COORDINATE)
    form, year, by, table = _statistics(request, team)
    return render(
        request,
        "outreach/statistics.html",
        _context(
            request,
            team,
            form=form,
            year=year,
            by=by,
            table=table,
            # Jinja2 for the table's cells (leviers/core/jinja.py): escaped there.
            table_html=mark_safe(
                render_to_string("outreach/_stats_table.html", {"table": table}, using="jinja2")
            ),
            min_cell=settings.OUTREACH_MIN_CELL,
        ),
    )


def statistics_csv(request, team_id):
    team = _team(request, team_id, COORDINATE)
    _form, year, by, table = _statistics(request, team)
    return csv_download(f"aller-vers-{year}-{by}.csv", table.header, table.rows)
