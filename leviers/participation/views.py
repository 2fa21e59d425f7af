"""The pages inhabitants see: the project's public page, its contributions, the contribution
form, the proposals and their supports. Every view goes through the permission door."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from leviers.core.ratelimit import RateLimit
from leviers.meetings.models import Meeting
from leviers.participation import actions
from leviers.participation.forms import PERSONAL_FIELDS, PublicContributionForm
from leviers.participation.models import Kind, Proposal
from leviers.rotas.models import Series
from leviers.workspace.access import require
from leviers.workspace.models import Project

PAGE_SIZE = 30
LATEST = 5
# The public contribution form: a flood gets a French 429 (only successes count).
CONTRIBUTIONS = RateLimit("project-contributions", limit=5, window=600)


def _public_project(request, public_id: str, permission: str = "workspace.view_project"):
    project = get_object_or_404(
        Project.objects.select_related("organisation", "commune", "epci"), public_id=public_id
    )
    require(request, permission, project)
    return project


def project(request, public_id):
    """The public page of a project: what, where, next meeting, how to take part."""
    project = _public_project(request, public_id)
    published = project.contributions.published()
    next_meeting = Meeting.objects.next_for(project)
    if next_meeting:
        next_meeting.meeting.project = project  # its URL names the project: no second read
    context = {
        "project": project,
        "partners": list(project.partners.select_related("organisation")),
        "latest": list(published.for_display()[:LATEST]),
        "contribution_count": published.count(),
        "proposals": list(project.proposals.with_support_counts().order_by("-created_at")[:LATEST]),
        "next_meeting": next_meeting,
        "rota_series": Series.objects.announced(project),
        "may_contribute": request.user.has_perm("participation.contribute", project),
        "may_see_workspace": request.user.has_perm("workspace.view_workspace", project),
    }
    return render(request, "participation/project.html", context)


def contributions(request, public_id):
    """The published contributions, newest first, by kind or tag."""
    project = _public_project(request, public_id)
    selected = project.contributions.published().for_display()
    kind = request.GET.get("nature", "")
    if kind in Kind.values:
        selected = selected.filter(kind=kind)
    tag = request.GET.get("etiquette", "")
    if tag:
        selected = selected.filter(tags__name=tag)
    page = Paginator(selected, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project,
        "page": page,
        "kinds": Kind.choices,
        "kind": kind,
        "tag": tag,
        "query": query.urlencode(),
    }
    return render(request, "participation/contributions.html", context)


@sensitive_post_parameters(*PERSONAL_FIELDS)  # never in an error report
def contribute(request, public_id):
    """Give an idea, a need, a remark: with an account, or without one where the project
    allows it (then moderated before publication)."""
    project = _public_project(request, public_id, "participation.contribute")
    form = PublicContributionForm(request.POST or None)
    status = 200
    subject = f"user-{request.user.pk}" if request.user.is_authenticated else None
    if request.method == "POST":
        if form.is_robot:  # answered as a success, recorded as nothing
            return redirect("participation:thanks", project.public_id)
        if CONTRIBUTIONS.exceeded(request, subject=subject):
            form.add_error(
                None, "Trop de contributions envoyées en peu de temps : réessayez dans 10 minutes."
            )
            status = 429
        elif form.is_valid():
            actions.contribution_submit(project, form, request.user)
            CONTRIBUTIONS.hit(request, subject=subject)
            return redirect("participation:thanks", project.public_id)
        else:
            status = 400
    return render(
        request, "participation/contribute.html", {"project": project, "form": form}, status=status
    )


def thanks(request, public_id):
    project = _public_project(request, public_id)
    return render(request, "participation/thanks.html", {"project": project})


def proposals(request, public_id):
    project = _public_project(request, public_id)
    page = Paginator(
        project.proposals.with_support_counts().order_by("-created_at"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "participation/proposals.html", {"project": project, "page": page})


def _proposal(project, public_id: str) -> Proposal:
    return get_object_or_404(
        project.proposals.with_support_counts().select_related("project", "decision"),
        public_id=public_id,
    )


def proposal(request, public_id, proposal_id):
    project = _public_project(request, public_id)
    proposal = _proposal(project, proposal_id)
    if proposal.decision:
        proposal.decision.project = project  # its URL names the project: no second read
    origins = (
        proposal.contributions.published().for_display().order_by("-collected_on", "-created_at")
    )
    supported = (
        request.user.is_authenticated and proposal.supports.filter(user=request.user).exists()
    )
    context = {
        "project": project,
        "proposal": proposal,
        "origins": list(origins),
        "supported": supported,
        "may_answer": request.user.has_perm("workspace.edit_workspace", project),
    }
    return render(request, "participation/proposal.html", context)


@require_POST
def support(request, public_id, proposal_id):
    """Support a proposal, or withdraw one's support (`retirer`)."""
    project = _public_project(request, public_id, "participation.support")
    proposal = _proposal(project, proposal_id)
    if request.POST.get("retirer"):
        actions.proposal_withdraw_support(proposal, request.user)
        messages.success(request, "Votre soutien est retiré.")
    elif proposal.status != Proposal.Status.OPEN:
        messages.error(request, "Cette proposition n'est plus ouverte aux soutiens.")
    elif actions.proposal_support(proposal, request.user):
        messages.success(request, "Merci, votre soutien est compté.")
    return redirect(proposal)
