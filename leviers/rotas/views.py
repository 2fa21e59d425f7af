"""The rotas of a project: series, slots, sign-ups, swaps, the week ahead, calendars, poster,
CSV. Thin: every permission goes through the door (workspace/access.py), every object is
looked up within its project, every write is an action (actions.py)."""

from __future__ import annotations

import contextlib
import copy
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.db.models import F, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from leviers.accounts.models import Organisation
from leviers.core.csv_export import csv_download
from leviers.core.http import SignInRequired
from leviers.rotas import actions, export, feed
from leviers.rotas.forms import GiveForm, SeriesEditForm, SeriesForm, VolunteerForm
from leviers.rotas.models import FeedToken, Series, SignUp, Slot, Swap, Volunteer
from leviers.rotas.recurrence import PARIS
from leviers.workspace.access import get_project, require

VIEW_PROJECT, VIEW, MANAGE = "workspace.view_project", "rotas.view_series", "rotas.manage"
WINDOW_DAYS = 28
OTHERS = 60  # the slots offered in exchange: the next two months of a daily rota


def _series(request, public_id, series_id, permission=VIEW):
    project = get_project(request, public_id, VIEW_PROJECT)
    series = get_object_or_404(project.rota_series, public_id=series_id)
    series.project = project
    require(request, VIEW, series)
    if permission != VIEW:
        require(request, permission, series)
    return project, series


def _slot(request, public_id, series_id, slot_id, permission=VIEW):
    project, series = _series(request, public_id, series_id)
    slot = get_object_or_404(series.slots.select_related("organisation"), public_id=slot_id)
    slot.series = series
    if permission != VIEW:
        require(request, permission, slot)
    return project, series, slot


def _done(request, slot, *, success="", warning=""):
    if success:
        messages.success(request, success)
    if warning:
        messages.warning(request, warning)
    return redirect(_back(request, slot))


def _back(request, slot) -> str:
    """The page the form came from (`retour`, a path of this site only), or the slot's."""
    back = request.POST.get("retour", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return slot.get_absolute_url()


def _volunteer(request, project):
    if not request.user.is_authenticated:
        return None
    return Volunteer.objects.filter(project=project, user=request.user).first()


def _my_organisations(request):
    if not request.user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=request.user, memberships__is_active=True
    ).distinct()


# --- Series ---------------------------------------------------------------------------------


def series_list(request, public_id):
    project = get_project(request, public_id, VIEW_PROJECT)
    team = request.user.has_perm(MANAGE, project)
    series = project.rota_series.all() if team else project.rota_series.filter(is_public=True)
    return render(
        request,
        "rotas/list.html",
        {"project": project, "series_list": list(series), "team": team},
    )


def series_create(request, public_id):
    project = get_project(request, public_id, MANAGE)
    organisations = Organisation.objects.order_by("name")
    form = SeriesForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        form.instance.project = project
        try:
            series = actions.series_create(
                form.instance, form.cleaned_data["invited"], actor=request.user
            )
        except actions.Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Série enregistrée : {series.slots.count()} créneaux.")
            return redirect(series)
    return render(
        request,
        "rotas/series_form.html",
        {"project": project, "form": form},
        status=400 if form.errors else 200,
    )


def series_edit(request, public_id, series_id):
    project, series = _series(request, public_id, series_id, MANAGE)
    # A copy: a refused form must not show its rejected title in the page's trail.
    form = SeriesEditForm(request.POST or None, instance=copy.copy(series))
    if request.method == "POST" and form.is_valid():
        actions.series_edit(form.instance, actor=request.user)
        messages.success(request, "Série modifiée ; ses créneaux restent les mêmes.")
        return redirect(series)
    return render(
        request,
        "rotas/series_edit.html",
        {"project": project, "series": series, "form": form},
        status=400 if form.errors else 200,
    )


def _window_start(request) -> date:
    try:
        return date.fromisoformat(request.GET.get("depuis", ""))
    except ValueError:
        return timezone.localdate()


def series_detail(request, public_id, series_id):
    project, series = _series(request, public_id, series_id)
    team = request.user.has_perm(MANAGE, series)
    first = _window_start(request)
    start = datetime.combine(first, time.min, PARIS)
    slots = series.slots.filter(starts_at__gte=start).select_related("organisation")
    if not series.is_associations:
        slots = slots.filter(starts_at__lt=start + timedelta(days=WINDOW_DAYS))
    slots = list(slots)
    mine = set()
    if not series.is_associations and request.user.is_authenticated:
        mine = set(
            SignUp.objects.filter(
                slot__in=[s.pk for s in slots], volunteer__user=request.user
            ).values_list("slot_id", flat=True)
        )
    if team and not series.is_associations:
        signups: dict[int, list] = {}
        for signup in SignUp.objects.filter(slot__in=[s.pk for s in slots]).select_related(
            "volunteer"
        ):
            signups.setdefault(signup.slot_id, []).append(signup)
    for slot in slots:
        slot.series = series
        slot.is_mine = slot.pk in mine
        slot.people = signups.get(slot.pk, []) if team and not series.is_associations else []
    return render(
        request,
        "rotas/series.html",
        {
            "project": project,
            "series": series,
            "slots": slots,
            "team": team,
            "first": first,
            "previous": first - timedelta(days=WINDOW_DAYS),
            "next": first + timedelta(days=WINDOW_DAYS),
            "may_sign_up": request.user.has_perm("rotas.sign_up", series),
        },
    )


def slot_detail(request, public_id, series_id, slot_id):
    project, series, slot = _slot(request, public_id, series_id, slot_id)
    team = request.user.has_perm(MANAGE, slot)
    user = request.user
    signups = list(slot.signups.select_related("volunteer"))
    volunteer = _volunteer(request, project)
    my_signup = next((s for s in signups if volunteer and s.volunteer_id == volunteer.pk), None)
    swaps = list(
        Swap.objects.filter(Q(offered=slot) | Q(wanted=slot), status=Swap.Status.PROPOSED)
        .select_related("offered", "wanted", "from_organisation", "to_organisation")
        .select_related("from_volunteer", "to_volunteer")
    )
    for swap in swaps:
        swap.offered.series = swap.wanted.series = series
        swap.may_answer = user.has_perm("rotas.answer_swap", swap)
        swap.may_withdraw = user.has_perm("rotas.withdraw_swap", swap)
    may_hold = not slot.is_free and user.has_perm("rotas.hold_slot", slot)
    others = []
    if (series.is_associations and slot.organisation_id and may_hold) or my_signup:
        others = list(
            series.slots.live()
            .filter(starts_at__gte=timezone.now())
            .exclude(pk=slot.pk)
            .exclude(organisation__isnull=series.is_associations)
            .select_related("organisation")[:OTHERS]
        )
    organisations = []
    if series.is_associations and slot.is_free and user.is_authenticated:
        organisations = [
            o for o in _my_organisations(request) if o.pk in series.invited_ids() or team
        ]
    return render(
        request,
        "rotas/slot.html",
        {
            "project": project,
            "series": series,
            "slot": slot,
            "team": team,
            "signups": signups if team else [],
            "my_signup": my_signup,
            "replaceable": [s for s in signups if s.seeks_replacement and s != my_signup],
            "swaps": swaps,
            "others": others,
            "may_hold": may_hold,
            "may_take": series.is_associations and user.has_perm("rotas.take_slot", slot),
            "take_organisations": organisations,
            "may_sign_up": not series.is_associations and user.has_perm("rotas.sign_up", slot),
            "give_form": GiveForm(organisations=_give_choices(series)) if team else None,
            "volunteer_form": VolunteerForm(prefix="benevole") if team else None,
            "volunteers": list(project.volunteers.all()) if team else [],
        },
    )


def _give_choices(series):
    invited = series.invited.all()
    return invited if series.invited_ids() else Organisation.objects.order_by("name")


# --- Associations' slots --------------------------------------------------------------------


@require_POST
def slot_take(request, public_id, series_id, slot_id):
    _, series, slot = _slot(request, public_id, series_id, slot_id, "rotas.take_slot")
    organisation = _my_organisations(request).filter(pk=request.POST.get("organisation")).first()
    team = request.user.has_perm(MANAGE, slot)
    if organisation is None or not (team or organisation.pk in series.invited_ids()):
        messages.error(request, "Prendre le créneau : choisissez une de vos associations invitées.")
        return redirect(slot)
    try:
        warning = actions.slot_take(slot, organisation, actor=request.user)
    except actions.Refused as refused:
        messages.error(request, f"Prendre le créneau : {refused}")
        return redirect(slot)
    return _done(request, slot, success=f"{organisation.name} tient ce créneau.", warning=warning)


@require_POST
def slot_give(request, public_id, series_id, slot_id):
    _, series, slot = _slot(request, public_id, series_id, slot_id, MANAGE)
    form = GiveForm(request.POST, organisations=_give_choices(series))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(slot)
    try:
        warning = actions.slot_give(
            slot,
            organisation=form.cleaned_data["organisation"],
            name=form.cleaned_data["name"],
            actor=request.user,
        )
    except actions.Refused as refused:
        messages.error(request, f"Attribuer le créneau : {refused}")
        return redirect(slot)
    return _done(request, slot, success=f"Créneau attribué à {slot.holder}.", warning=warning)


@require_POST
def slot_release(request, public_id, series_id, slot_id):
    _, _, slot = _slot(request, public_id, series_id, slot_id, "rotas.hold_slot")
    try:
        actions.slot_release(slot, actor=request.user)
    except actions.Refused as refused:
        messages.error(request, str(refused))
        return redirect(slot)
    return _done(request, slot, success="Le créneau est de nouveau libre.")


@require_POST
def slot_cancel(request, public_id, series_id, slot_id):
    _, _, slot = _slot(request, public_id, series_id, slot_id, MANAGE)
    actions.slot_cancel(slot, actor=request.user)
    return _done(request, slot, success="Créneau annulé.")


@require_POST
def swap_propose(request, public_id, series_id, slot_id):
    project, series, slot = _slot(request, public_id, series_id, slot_id)
    wanted = series.slots.filter(public_id=request.POST.get("creneau", "")).first()
    if wanted is None:
        messages.error(request, "Échange : choisissez le créneau que vous voulez en retour.")
        return redirect(slot)
    wanted.series = series
    volunteer = None
    if series.is_associations:
        require(request, "rotas.hold_slot", slot)
    else:
        require(request, "rotas.sign_up", slot)
        volunteer = _volunteer(request, project)
    try:
        swap = actions.swap_propose(slot, wanted, volunteer=volunteer, actor=request.user)
    except actions.Refused as refused:
        messages.error(request, f"Échange : {refused}")
        return redirect(slot)
    return _done(request, slot, success=f"Échange proposé à {swap.to_name}, qui doit l'accepter.")


def _swap(request, public_id, swap_id, permission):
    project = get_project(request, public_id, VIEW_PROJECT)
    swap = get_object_or_404(
        Swap.objects.select_related("offered__series", "wanted", "from_volunteer", "to_volunteer"),
        public_id=swap_id,
        offered__series__project=project,
    )
    swap.offered.series.project = project
    require(request, permission, swap)
    return swap


@require_POST
def swap_answer(request, public_id, swap_id):
    swap = _swap(request, public_id, swap_id, "rotas.answer_swap")
    accept = request.POST.get("reponse") == "accepter"
    try:
        warning = actions.swap_answer(swap, accept=accept, actor=request.user)
    except actions.Refused as refused:
        messages.error(request, f"Échange : {refused}")
        return redirect(swap.offered.get_absolute_url())
    swap.wanted.series = swap.offered.series
    return _done(
        request,
        swap.wanted,
        success="Échange accepté : les créneaux ont changé de main."
        if accept
        else "Échange refusé.",
        warning=warning,
    )


@require_POST
def swap_withdraw(request, public_id, swap_id):
    swap = _swap(request, public_id, swap_id, "rotas.withdraw_swap")
    try:
        actions.swap_withdraw(swap, actor=request.user)
    except actions.Refused as refused:
        messages.error(request, f"Échange : {refused}")
        return redirect(swap.offered.get_absolute_url())
    return _done(request, swap.offered, success="Échange retiré.")


# --- Volunteers -----------------------------------------------------------------------------


@require_POST
def sign_up(request, public_id, series_id, slot_id):
    """A person puts themselves on the slot; a coordinator may put a volunteer (`benevole`)."""
    project, _, slot = _slot(request, public_id, series_id, slot_id)
    if request.POST.get("benevole"):
        require(request, MANAGE, slot)
        volunteer = get_object_or_404(project.volunteers, public_id=request.POST["benevole"])
    else:
        require(request, "rotas.sign_up", slot)
        volunteer = actions.volunteer_for(project, request.user)
    try:
        actions.sign_up(slot, volunteer, actor=request.user)
    except actions.Refused as refused:
        messages.error(request, f"Inscription impossible : {refused}")
        return redirect(_back(request, slot))
    return _done(request, slot, success=f"{volunteer.name} est inscrit(e) sur ce créneau.")


@require_POST
def volunteer_create(request, public_id, series_id, slot_id):
    """A coordinator adds a person without an account and puts them on the slot."""
    project, _, slot = _slot(request, public_id, series_id, slot_id, MANAGE)
    form = VolunteerForm(request.POST, prefix="benevole", instance=Volunteer(project=project))
    if not form.is_valid():
        messages.error(
            request, "Ajouter un bénévole : le nom est demandé (200 caractères au plus)."
        )
        return redirect(slot)
    form.instance.added_by = request.user
    volunteer = form.save()
    try:
        actions.sign_up(slot, volunteer, actor=request.user)
    except actions.Refused as refused:
        messages.error(request, f"{volunteer.name} est ajouté(e) à la liste, mais : {refused}")
        return redirect(slot)
    return _done(request, slot, success=f"{volunteer.name} est inscrit(e) sur ce créneau.")


def _signup(request, project, slot, *, own=True):
    """The sign-up named in the form: one's own, or any of the slot for a coordinator."""
    signup = get_object_or_404(
        slot.signups.select_related("volunteer"), pk=_int(request, "inscription")
    )
    signup.slot = slot
    if signup.volunteer.user_id != request.user.pk or not own:
        require(request, MANAGE, slot)
    return signup


def _int(request, name):
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise Http404 from None


@require_POST
def withdraw(request, public_id, series_id, slot_id):
    project, _, slot = _slot(request, public_id, series_id, slot_id, "workspace.contribute")
    if not slot.signups.filter(pk=_int(request, "inscription")).exists():
        messages.info(request, "Cette inscription est déjà annulée.")
        return redirect(slot)
    actions.withdraw(_signup(request, project, slot), actor=request.user)
    return _done(request, slot, success="Inscription annulée.")


@require_POST
def replacement_ask(request, public_id, series_id, slot_id):
    project, _, slot = _slot(request, public_id, series_id, slot_id, "workspace.contribute")
    actions.replacement_ask(_signup(request, project, slot), actor=request.user)
    return _done(
        request, slot, success="Votre demande de remplacement est affichée sur le créneau."
    )


@require_POST
def replacement_take(request, public_id, series_id, slot_id):
    project, _, slot = _slot(request, public_id, series_id, slot_id, "rotas.sign_up")
    signup = get_object_or_404(slot.signups, pk=_int(request, "inscription"))
    try:
        actions.replacement_take(
            signup, actions.volunteer_for(project, request.user), actor=request.user
        )
    except actions.Refused as refused:
        messages.error(request, f"Remplacement : {refused}")
        return redirect(slot)
    return _done(request, slot, success="Merci : vous remplacez cette personne.")


@require_POST
def no_show(request, public_id, series_id, slot_id):
    project, _, slot = _slot(request, public_id, series_id, slot_id, MANAGE)
    signup = _signup(request, project, slot, own=False)
    absent = request.POST.get("absent") == "oui"
    actions.no_show_mark(signup, absent, actor=request.user)
    return _done(
        request,
        slot,
        success=f"{signup.volunteer.name} : {'absent(e)' if absent else 'présent(e)'}.",
    )


# --- The week ahead ---------------------------------------------------------------------------


def thin(request, public_id):
    """« Qui manque la semaine prochaine » : the slots of next week (Monday to Sunday) with free
    places, and the associations' slots nobody holds."""
    project = get_project(request, public_id, MANAGE)
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    with contextlib.suppress(KeyError, ValueError):
        monday = date.fromisoformat(request.GET["semaine"])
    start = datetime.combine(monday, time.min, PARIS)
    slots = list(
        Slot.objects.live()
        .filter(series__project=project, starts_at__gte=start, starts_at__lt=start + timedelta(7))
        .filter(
            Q(series__kind=Series.Kind.VOLUNTEERS, taken__lt=F("capacity"))
            | Q(series__kind=Series.Kind.ASSOCIATIONS, organisation__isnull=True, holder_name="")
        )
        .select_related("series")
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=SignUp.objects.filter(seeks_replacement=True).select_related("volunteer"),
                to_attr="seeking",
            )
        )
    )
    for slot in slots:
        slot.series.project = project
    return render(
        request,
        "rotas/thin.html",
        {
            "project": project,
            "slots": slots,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "missing": sum(s.missing for s in slots if not s.series.is_associations),
        },
    )


# --- Exports --------------------------------------------------------------------------------


def series_poster(request, public_id, series_id):
    # fpdf2 (numpy, fontTools) is imported by the poster alone, not by every process start.
    from leviers.rotas import poster

    _, series = _series(request, public_id, series_id)
    paper = request.GET.get("format", "A4").upper()
    if paper not in poster.FORMATS:
        paper = "A4"
    slots = list(series.slots.live().select_related("organisation"))
    for slot in slots:
        slot.series = series
    body = poster.poster(series, slots, paper=paper)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="affiche-{series.public_id}.pdf"'
    return response


def series_csv(request, public_id, series_id):
    _, series = _series(request, public_id, series_id, MANAGE)
    rows = series.slots.with_people().iterator(chunk_size=2000)
    return csv_download(
        f"creneaux-{series.public_id}.csv", export.COLUMNS, export.lines(series, rows)
    )


# --- Calendars ------------------------------------------------------------------------------


def feeds(request, public_id):
    project = get_project(request, public_id, "workspace.contribute")
    if not request.user.is_authenticated:
        raise SignInRequired
    mine = list(
        FeedToken.objects.filter(
            project=project, user=request.user, revoked_at__isnull=True
        ).select_related("organisation")
    )
    return render(
        request,
        "rotas/feeds.html",
        {
            "project": project,
            "feeds": mine,
            "may_project": request.user.has_perm(MANAGE, project),
            "organisations": list(_my_organisations(request).order_by("name")),
        },
    )


@require_POST
def feed_create(request, public_id):
    project = get_project(request, public_id, "workspace.contribute")
    scope = request.POST.get("portee", "")
    organisation = None
    if scope == FeedToken.Scope.PROJECT:
        require(request, MANAGE, project)
    elif scope == FeedToken.Scope.ASSOCIATION:
        organisation = _my_organisations(request).filter(pk=_int(request, "association")).first()
        if organisation is None:
            messages.error(request, "Agenda : choisissez une de vos associations.")
            return redirect("rotas:feeds", project.public_id)
    elif scope != FeedToken.Scope.PERSON:
        messages.error(request, "Agenda : choisissez ce qu'il doit montrer.")
        return redirect("rotas:feeds", project.public_id)
    token = actions.feed_create(project, request.user, scope, organisation)
    url = request.build_absolute_uri(reverse("rotas:feed", args=[project.public_id, token]))
    messages.success(
        request,
        f"Votre adresse d'agenda, à copier maintenant dans votre application (elle ne sera plus "
        f"affichée) : {url}",
    )
    return redirect("rotas:feeds", project.public_id)


@require_POST
def feed_revoke(request, public_id, feed_id):
    project = get_project(request, public_id, "workspace.contribute")
    token = get_object_or_404(project.rota_feeds, public_id=feed_id, user=request.user)
    actions.feed_revoke(token)
    messages.success(request, "Adresse d'agenda révoquée : elle ne montre plus rien.")
    return redirect("rotas:feeds", project.public_id)


def feed_ics(request, public_id, token):
    """The calendar behind a secret address: what its holder may see today, or 404."""
    found = (
        FeedToken.objects.filter(
            token_hash=FeedToken.hash(token),
            revoked_at__isnull=True,
            project__public_id=public_id,
        )
        .select_related("project", "user", "organisation")
        .first()
    )
    if found is None:
        raise Http404
    project, user = found.project, found.user
    if not user.is_active or not user.has_perm("workspace.view_project", project):
        raise Http404
    slots = Slot.objects.filter(series__project=project).select_related("series", "organisation")
    series = []
    if found.scope == FeedToken.Scope.PROJECT:
        if not user.has_perm(MANAGE, project):
            raise Http404
        name = f"Créneaux : {project.title}"
        all_series = list(project.rota_series.all())
        rota = [s for s in all_series if not s.is_associations]
        cancelled = {s.pk: [] for s in rota}
        for slot in slots.filter(series__in=rota, is_cancelled=True):
            cancelled[slot.series_id].append(slot)
        series = [(s, cancelled[s.pk]) for s in rota]
        slots = slots.filter(series__kind=Series.Kind.ASSOCIATIONS)
    elif found.scope == FeedToken.Scope.PERSON:
        name = f"Mes créneaux : {project.title}"
        slots = slots.filter(signups__volunteer__user=user)
    else:
        if not user.has_perm("rotas.follow_organisation", found.organisation):
            raise Http404
        name = f"{found.organisation.name} : {project.title}"
        slots = slots.filter(organisation=found.organisation)
    if found.scope != FeedToken.Scope.PROJECT:
        slots = slots.filter(Q(series__is_public=True) | Q(pk__in=_team_slots(user, project)))
    slots = list(slots)
    for slot in slots:
        slot.series.project = project
    for one, _ in series:
        one.project = project
    body = feed.calendar(
        name, series=series, slots=slots, host=request.get_host(), now=timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="creneaux-{project.public_id}.ics"'
    return response


def _team_slots(user, project):
    """Slots of the series not announced: only a team member's feed shows them."""
    if user.has_perm(MANAGE, project):
        return Slot.objects.filter(series__project=project).values("pk")
    return Slot.objects.none().values("pk")
