"""Meetings, sittings, the copil and the decision log of a project. Thin: every permission goes
through the door (workspace/access.py), every object is looked up within its project."""

from __future__ import annotations

from copy import copy
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from leviers.core.csv_export import csv_download
from leviers.core.locking import StaleVersion, retry_data, saved_values
from leviers.meetings import actions, export, feed
from leviers.meetings.balance import balance_of
from leviers.meetings.forms import (
    CommitteeMemberForm,
    DecisionForm,
    MeetingForm,
    SittingForm,
    parse_day,
)
from leviers.meetings.models import (
    College,
    CommitteeMember,
    Decision,
    FeedToken,
    Meeting,
    MeetingKind,
    Sitting,
)
from leviers.workspace.access import get_project, require
from leviers.workspace.models import Project

VIEW, CONTRIBUTE = "workspace.view_project", "workspace.contribute"
TEAM, EDIT = "workspace.view_workspace", "workspace.edit_workspace"


def _meeting(request, public_id, meeting_id, permission=VIEW):
    """The meeting of this project; a meeting not announced to inhabitants is the team's."""
    project = get_project(request, public_id, VIEW)
    meeting = get_object_or_404(project.meetings, public_id=meeting_id)
    if not meeting.is_public:
        require(request, TEAM, meeting)
    require(request, permission, meeting)
    return project, meeting


def _is_team(request, project) -> bool:
    return request.user.has_perm(TEAM, project)


# --- Meetings ---------------------------------------------------------------------------------


def meeting_list(request, public_id):
    project = get_project(request, public_id, VIEW)
    team = _is_team(request, project)
    now = timezone.now()
    meetings = project.meetings.all() if team else project.meetings.filter(is_public=True)
    meetings = list(meetings.annotate(sitting_count=Count("sittings")))
    # Only the meetings that may still take place: a project two years old has a hundred past
    # meetings whose dates there is no point computing.
    upcoming = sorted(
        (o for m in meetings if m.may_occur_after(now) for o in m.occurrences(now, 3)),
        key=lambda o: o.starts_at,
    )[:10]
    return render(
        request,
        "meetings/list.html",
        {
            "project": project,
            "meetings": meetings,
            "upcoming": upcoming,
            "team": team,
            "can_edit": team and request.user.has_perm(EDIT, project),
        },
    )


def _meeting_form(request, project, meeting):
    form = MeetingForm(request.POST or None, instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.meeting_save(form, actor=request.user)
        except StaleVersion as stale:  # someone saved in between: their text stays
            conflict = stale.current
            form = MeetingForm(retry_data(request.POST, conflict), instance=copy(conflict))
        else:
            messages.success(request, "Réunion enregistrée.")
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"project": project, "form": form, "meeting": meeting} | _conflict(form, conflict),
        status=409 if conflict else 400 if form.errors else 200,
    )


def _conflict(form, conflict) -> dict:
    return {"conflict": conflict, "saved": saved_values(form, conflict) if conflict else []}


def meeting_create(request, public_id):
    project = get_project(request, public_id, EDIT)
    return _meeting_form(request, project, Meeting(project=project))


def meeting_edit(request, public_id, meeting_id):
    project, meeting = _meeting(request, public_id, meeting_id, EDIT)
    return _meeting_form(request, project, meeting)


def meeting_detail(request, public_id, meeting_id):
    project, meeting = _meeting(request, public_id, meeting_id)
    today = timezone.localdate()
    occurrences = meeting.occurrences(timezone.now(), 6)
    mine = set()
    if meeting.registration and request.user.is_authenticated:
        mine = set(
            meeting.registrations.filter(user=request.user, occurs_on__gte=today).values_list(
                "occurs_on", flat=True
            )
        )
    taken = {}
    if meeting.registration:
        taken = dict(
            meeting.registrations.filter(occurs_on__gte=today)
            .values_list("occurs_on")
            .annotate(n=Count("id"))
        )
    sittings = list(meeting.sittings.all())
    team = _is_team(request, project)
    return render(
        request,
        "meetings/detail.html",
        {
            "project": project,
            "meeting": meeting,
            "occurrences": [
                {
                    "occurrence": o,
                    "registered": o.day in mine,
                    "taken": taken.get(o.day, 0),
                    "full": meeting.capacity is not None
                    and taken.get(o.day, 0) >= meeting.capacity,
                }
                for o in occurrences
            ],
            "sittings": sittings,
            "team": team,
            "can_edit": team and request.user.has_perm(EDIT, meeting),
            "can_register": meeting.registration and request.user.has_perm(CONTRIBUTE, meeting),
            "last_past": _last_past_day(meeting, sittings),
            "login_url": settings.LOGIN_URL,
        },
    )


def _last_past_day(meeting, sittings):
    """The latest past date of the meeting without its sitting (« saisir la séance »)."""
    now = timezone.now()
    recorded = {s.held_on for s in sittings}
    start = now - timedelta(days=62)
    past = [o for o in meeting.recurrence.between(start, now) if o.date() not in recorded]
    return past[-1].date() if past else None


@require_POST
def register(request, public_id, meeting_id):
    project, meeting = _meeting(request, public_id, meeting_id, CONTRIBUTE)
    day = parse_day(request.POST.get("date", ""))
    if day is None:
        messages.error(request, "Inscription : la date envoyée n'est pas une date.")
        return redirect(meeting)
    try:
        now_registered = actions.registration_toggle(
            meeting, request.user, day, today=timezone.localdate()
        )
    except actions.RegistrationRefused as refused:
        messages.error(request, f"Inscription impossible : {refused}")
    else:
        messages.success(
            request,
            f"Vous êtes inscrit pour le {day:%d/%m/%Y}."
            if now_registered
            else f"Votre inscription du {day:%d/%m/%Y} est annulée.",
        )
    return redirect(meeting)


def feed_ics(request, public_id):
    project = get_project(request, public_id, VIEW)
    meetings = project.meetings.filter(is_public=True)
    return _calendar(request, project, meetings)


def _calendar(request, project, meetings):
    now = timezone.now()
    meetings = meetings.running_or_recent(now, feed.FEED_PAST_DAYS).order_by("starts_at")
    body = feed.calendar_of(project, meetings, host=request.get_host(), now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="reunions-{project.public_id}.ics"'
    return response


def team_feed_ics(request, public_id, token):
    """Every meeting, the team's too, for a calendar application (which cannot sign in): the
    secret address stands for its holder, and serves while the door lets them see the
    workspace. Anything else is a 404, the same for a wrong token and a former member."""
    project = get_object_or_404(Project, public_id=public_id)
    found = FeedToken.objects.find(project, token)
    if found is None or not found.user.is_active or not found.user.has_perm(TEAM, project):
        raise Http404
    FeedToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    response = _calendar(request, project, project.meetings.all())
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def team_feed(request, public_id):
    """The page where a team member makes, replaces or revokes their secret feed address."""
    project = get_project(request, public_id, TEAM)
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoquer":
            if actions.feed_token_revoke(project, request.user):
                messages.success(request, "Lien révoqué : l'ancienne adresse ne marche plus.")
            return redirect("meetings:team_feed", project.public_id)
        token = actions.feed_token_renew(project, request.user)  # shown once, never kept
    current = FeedToken.objects.filter(project=project, user=request.user).first()
    url = (
        request.build_absolute_uri(reverse("meetings:team_feed_ics", args=[public_id, token]))
        if token
        else None
    )
    response = render(
        request,
        "meetings/team_feed.html",
        {"project": project, "current": current, "url": url},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def attendance_csv(request, public_id):
    project = get_project(request, public_id, TEAM)
    return csv_download(
        f"presences-{project.public_id}.csv", export.COLUMNS, export.attendance_rows(project)
    )


# --- Sittings ---------------------------------------------------------------------------------


def _sitting_form(request, project, meeting, sitting, initial=None):
    form = SittingForm(request.POST or None, instance=sitting, meeting=meeting, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            sitting = actions.sitting_save(form, actor=request.user)
        except StaleVersion as stale:
            conflict = stale.current
            form = SittingForm(
                retry_data(request.POST, conflict), instance=copy(conflict), meeting=meeting
            )
        else:
            messages.success(request, "Séance enregistrée.")
            return redirect(sitting)
    return render(
        request,
        "meetings/sitting_form.html",
        {"project": project, "meeting": meeting, "sitting": sitting, "form": form}
        | _conflict(form, conflict),
        status=409 if conflict else 400 if form.errors else 200,
    )


def sitting_create(request, public_id, meeting_id):
    project, meeting = _meeting(request, public_id, meeting_id, EDIT)
    day = parse_day(request.GET.get("date", ""))
    return _sitting_form(request, project, meeting, Sitting(meeting=meeting), {"held_on": day})


def _sitting(request, public_id, meeting_id, sitting_id, permission=VIEW):
    project, meeting = _meeting(request, public_id, meeting_id, permission)
    sitting = get_object_or_404(meeting.sittings, public_id=sitting_id)
    return project, meeting, sitting


def sitting_edit(request, public_id, meeting_id, sitting_id):
    project, meeting, sitting = _sitting(request, public_id, meeting_id, sitting_id, EDIT)
    return _sitting_form(request, project, meeting, sitting)


def sitting_detail(request, public_id, meeting_id, sitting_id):
    project, meeting, sitting = _sitting(request, public_id, meeting_id, sitting_id)
    team = _is_team(request, project)
    attendees = list(sitting.attendees.all())
    return render(
        request,
        "meetings/sitting.html",
        {
            "project": project,
            "meeting": meeting,
            "sitting": sitting,
            "team": team,
            "can_edit": team and request.user.has_perm(EDIT, sitting),
            # Names are the team's; everyone sees the count.
            "attendees": attendees if team else [],
            "attendance": sitting.attendance(len(attendees)),
            "decisions": list(sitting.decisions.all()),
        },
    )


# --- The copil --------------------------------------------------------------------------------


def committee(request, public_id):
    project = get_project(request, public_id, TEAM)
    members = list(project.committee.select_related("organisation"))
    active = [m for m in members if m.is_active]
    seats: dict[str, int] = {}
    for member in active:
        seats[member.college] = seats.get(member.college, 0) + 1
    by_college = [
        (label, [m for m in active if m.college == code]) for code, label in College.choices
    ]
    meetings = list(project.meetings.filter(kind=MeetingKind.COMMITTEE))
    return render(
        request,
        "meetings/committee.html",
        {
            "project": project,
            "balance": balance_of(College.choices, seats),
            "by_college": by_college,
            "former": [m for m in members if not m.is_active],
            "meetings": meetings,
            "decisions": list(project.decisions.filter(body="copil")[:20]),
            "can_edit": request.user.has_perm(EDIT, project),
        },
    )


def _member_form(request, project, member):
    form = CommitteeMemberForm(request.POST or None, instance=member, project=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{form.instance.name} : enregistré.")
        return redirect("meetings:committee", project.public_id)
    return render(
        request,
        "meetings/member_form.html",
        {"project": project, "form": form, "member": member},
        status=400 if form.errors else 200,
    )


def member_create(request, public_id):
    project = get_project(request, public_id, EDIT)
    return _member_form(request, project, CommitteeMember(project=project))


def member_edit(request, public_id, member_id):
    project = get_project(request, public_id, EDIT)
    member = get_object_or_404(project.committee, public_id=member_id)
    return _member_form(request, project, member)


# --- The decision log -------------------------------------------------------------------------


def decision_list(request, public_id):
    project = get_project(request, public_id, VIEW)
    decisions = project.decisions.select_related("sitting__meeting")
    return render(
        request,
        "meetings/decisions.html",
        {
            "project": project,
            "decisions": list(decisions),
            "can_edit": request.user.has_perm(EDIT, project),
        },
    )


def decision_detail(request, public_id, decision_id):
    project = get_project(request, public_id, VIEW)
    decision = get_object_or_404(
        project.decisions.select_related("sitting__meeting"), public_id=decision_id
    )
    return render(
        request,
        "meetings/decision.html",
        {
            "project": project,
            "decision": decision,
            "can_edit": request.user.has_perm(EDIT, decision),
        },
    )


def _decision_form(request, project, decision):
    if decision.pk is None and (sitting_id := request.GET.get("seance")):
        decision.sitting = Sitting.objects.filter(
            meeting__project=project, public_id=sitting_id
        ).first()
    form = DecisionForm(request.POST or None, instance=decision, project=project)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            decision = actions.decision_save(form, actor=request.user)
        except StaleVersion as stale:
            conflict = stale.current
            form = DecisionForm(
                retry_data(request.POST, conflict), instance=copy(conflict), project=project
            )
        else:
            messages.success(request, "Décision enregistrée.")
            return redirect(decision)
    return render(
        request,
        "meetings/decision_form.html",
        {"project": project, "form": form, "decision": decision} | _conflict(form, conflict),
        status=409 if conflict else 400 if form.errors else 200,
    )


def decision_create(request, public_id):
    project = get_project(request, public_id, EDIT)
    return _decision_form(request, project, Decision(project=project))


def decision_edit(request, public_id, decision_id):
    project = get_project(request, public_id, EDIT)
    decision = get_object_or_404(project.decisions, public_id=decision_id)
    return _decision_form(request, project, decision)
