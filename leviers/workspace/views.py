"""The workspace's own pages: « Mes projets », a project from a roadmap, the project's
settings, stage, partners, team and activity, and one's notification preferences. Every
page asks the door (access.py); none checks a membership itself. The private dashboard
that composes meetings and contributions is participation's."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leviers.accounts.permissions import organisations_led_by, team_of
from leviers.core.http import SignInRequired
from leviers.core.locking import StaleVersion
from leviers.journey.models import Roadmap
from leviers.workspace import actions
from leviers.workspace.access import get_project, require
from leviers.workspace.forms import (
    NewProjectForm,
    PartnerForm,
    PreferenceForm,
    SettingsForm,
    StageForm,
    TeamRoleForm,
)
from leviers.workspace.models import NotificationPreference, Partner, Project, TeamRole

ACTIVITIES_SHOWN = 100
PARTNER_RESULTS = 20


def _signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise SignInRequired


@require_GET
def mine(request):
    """« Mes projets »: the projects whose workspace the person sees."""
    _signed_in(request)
    projects = (
        Project.objects.with_workspace_for(request.user)
        .select_related("organisation", "commune", "epci")
        .order_by("-updated_at")
    )
    context = {
        "projects": projects,
        "may_create": organisations_led_by(request.user).exists(),
    }
    return render(request, "workspace/mine.html", context)


@require_http_methods(["GET", "POST"])
def new(request):
    """A project in one step, from a roadmap (`?feuille=<share token>`) or from scratch on the
    organisation's own territory."""
    _signed_in(request)
    token = request.GET.get("feuille", "")
    roadmap = None
    if token:
        roadmap = get_object_or_404(
            Roadmap.objects.select_related("commune", "epci"), public_token=token[:64]
        )
    organisations = organisations_led_by(request.user).select_related("commune", "epci")
    if request.method == "POST":
        form = NewProjectForm(request.POST, organisations=organisations)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            require(request, "workspace.lead_project", organisation)
            territory = organisation.commune or organisation.epci
            if roadmap is None and territory is None:
                form.add_error(
                    "organisation",
                    f"{organisation.name} n'est liée à aucune commune ni intercommunalité : "
                    "partez d'une feuille de route, qui dit sur quel territoire porte le projet.",
                )
            else:
                project = actions.project_create(
                    organisation=organisation,
                    title=form.cleaned_data["title"],
                    by=request.user,
                    roadmap=roadmap,
                    territory=territory,
                )
                messages.success(request, "Le projet est créé.")
                # Its team's dashboard (participation, above: by URL name, not imported).
                return redirect("participation:dashboard", project.public_id)
        status = 400
    else:
        form = NewProjectForm(
            initial={"title": roadmap.title if roadmap else ""}, organisations=organisations
        )
        status = 200
    context = {"form": form, "roadmap": roadmap, "has_organisation": organisations.exists()}
    return render(request, "workspace/new.html", context, status=status)


@require_http_methods(["GET", "POST"])
def project_settings(request, public_id):
    """Title, description, visibility. Two people editing at once: the second one to save is
    told, sees what the first one saved, and loses nothing of what they typed."""
    project = get_project(request, public_id, "workspace.manage_project")
    conflict = None
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=project)
        if form.is_valid():
            try:
                actions.project_update_settings(
                    project, form.cleaned_data["version"], form.cleaned_data, by=request.user
                )
            except StaleVersion as stale:
                conflict = stale.current
                # Their text stays in the form; the next save goes on top of the current one.
                # (A copy: validating a model form writes into its instance.)
                form = SettingsForm(
                    {**request.POST.dict(), "version": conflict.version},
                    instance=copy.copy(conflict),
                )
                form.is_valid()
            else:
                messages.success(request, "Les réglages sont enregistrés.")
                return redirect("workspace:settings", project.public_id)
        status = 409 if conflict else 400
    else:
        form = SettingsForm(instance=project, initial={"version": project.version})
        status = 200
    context = {"project": project, "form": form, "conflict": conflict}
    return render(request, "workspace/settings.html", context, status=status)


@require_http_methods(["GET", "POST"])
def stage(request, public_id):
    """The project's stage and its history; the project's admins move it on."""
    project = get_project(request, public_id, "workspace.view_workspace")
    may_manage = request.user.has_perm("workspace.manage_project", project)
    status = 200
    form = StageForm(initial={"stage": project.stage})
    if request.method == "POST":
        require(request, "workspace.manage_project", project)
        form = StageForm(request.POST)
        if form.is_valid():
            try:
                actions.project_change_stage(
                    project, form.cleaned_data["stage"], form.cleaned_data["note"], by=request.user
                )
            except ValueError as error:
                form.add_error("stage", str(error))
            else:
                messages.success(request, "L'étape du projet est enregistrée.")
                return redirect("workspace:stage", project.public_id)
        status = 400
    history = project.stage_changes.select_related("changed_by")
    context = {"project": project, "form": form, "may_manage": may_manage, "history": history}
    return render(request, "workspace/stage.html", context, status=status)


@require_http_methods(["GET", "POST"])
def partners(request, public_id):
    """Co-leading and partner organisations; the admins find one by name and add it."""
    from leviers.accounts.models import Organisation

    project = get_project(request, public_id, "workspace.view_workspace")
    may_manage = request.user.has_perm("workspace.manage_project", project)
    status, form = 200, None
    if request.method == "POST":
        require(request, "workspace.manage_project", project)
        form = PartnerForm(request.POST)
        if form.is_valid():
            try:
                actions.partner_add(
                    project,
                    form.cleaned_data["organisation"],
                    form.cleaned_data["role"],
                    by=request.user,
                )
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "L'organisation est ajoutée au projet.")
                return redirect("workspace:partners", project.public_id)
        status = 400
    query = " ".join(request.GET.get("q", "").split())[:100] if may_manage else ""
    results = []
    if len(query) >= 2:
        results = list(
            Organisation.objects.filter(name__icontains=query)
            .exclude(pk__in=project.organisation_ids())
            .order_by("name")[:PARTNER_RESULTS]
        )
    context = {
        "project": project,
        "partners": project.partners.select_related("organisation").order_by("organisation__name"),
        "may_manage": may_manage,
        "query": query,
        "results": results,
        "form": form,
        "roles": Partner.Role.choices,
    }
    return render(request, "workspace/partners.html", context, status=status)


@require_POST
def partner_remove(request, public_id, organisation_id):
    project = get_project(request, public_id, "workspace.manage_project")
    partner = get_object_or_404(
        project.partners.select_related("organisation", "project"),
        organisation__public_id=organisation_id,
    )
    require(request, "workspace.manage_project", partner)
    actions.partner_remove(partner, by=request.user)
    messages.success(request, f"{partner.organisation.name} ne fait plus partie du projet.")
    return redirect("workspace:partners", project.public_id)


@require_http_methods(["GET", "POST"])
def team(request, public_id):
    """The people of the leading organisations, and who does what in this project."""
    project = get_project(request, public_id, "workspace.view_workspace")
    may_manage = request.user.has_perm("workspace.manage_project", project)
    members = list(team_of(project).order_by("organisation__name", "user__last_name"))
    status, form = 200, None
    if request.method == "POST":
        require(request, "workspace.manage_project", project)
        form = TeamRoleForm(request.POST, team=members)
        if form.is_valid():
            person = next(m.user for m in members if m.user_id == form.cleaned_data["person"])
            actions.team_role_set(project, person, form.cleaned_data["function"], by=request.user)
            messages.success(request, "Le rôle est enregistré.")
            return redirect("workspace:team", project.public_id)
        status = 400
    functions = dict(TeamRole.objects.filter(project=project).values_list("user_id", "function"))
    rows = [(m, functions.get(m.user_id, "")) for m in members]
    context = {
        "project": project,
        "rows": rows,
        "may_manage": may_manage,
        "form": form or TeamRoleForm(team=members),
    }
    return render(request, "workspace/team.html", context, status=status)


@require_GET
def activity(request, public_id):
    project = get_project(request, public_id, "workspace.view_workspace")
    activities = project.activities.select_related("actor")[:ACTIVITIES_SHOWN]
    context = {"project": project, "activities": activities}
    return render(request, "workspace/activity.html", context)


@require_http_methods(["GET", "POST"])
def notifications(request):
    """What the person receives by e-mail, and how often."""
    _signed_in(request)
    preference, _ = NotificationPreference.objects.get_or_create(user=request.user)
    if request.method == "POST":
        form = PreferenceForm(request.POST, instance=preference)
        if form.is_valid():
            form.save()
            messages.success(request, "Vos préférences sont enregistrées.")
            return redirect("workspace:notifications")
        status = 400
    else:
        form = PreferenceForm(instance=preference)
        status = 200
    return render(request, "workspace/notifications.html", {"form": form}, status=status)
