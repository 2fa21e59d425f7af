"""The pages of the project's team: the workspace dashboard, contributions typed for
inhabitants, moderation, the campaign, proposals and their answer, the CSV export."""

from __future__ import annotations

import logging
import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from leviers.core.csv_export import csv_download
from leviers.core.http import PAGE_TOKEN
from leviers.core.locking import StaleVersion, retry_data
from leviers.funding.models import Deadline
from leviers.meetings.models import Decision, Meeting
from leviers.participation import actions
from leviers.participation.campaign import campaign_rows, coverage
from leviers.participation.export import CSV_COLUMNS, contribution_rows
from leviers.participation.forms import (
    PERSONAL_FIELDS,
    ModerationForm,
    ProposalAnswerForm,
    ProposalForm,
    RecordedContributionForm,
)
from leviers.participation.models import Channel, Contribution, Proposal
from leviers.workspace.access import get_project

# Who read inhabitants' contact details (never the details themselves).
access_log = logging.getLogger("leviers.participation.access")
PAGE_SIZE = 50


def dashboard(request, public_id):
    """The private workspace: what came in, what waits, where the campaign stands."""
    project = get_project(request, public_id, "workspace.view_workspace")
    contributions = project.contributions.all()
    figures = contributions.aggregate(
        total=Count("id"),
        pending=Count("id", filter=Q(status=Contribution.Status.PENDING)),
        published=Count("id", filter=Q(status=Contribution.Status.PUBLISHED)),
        door=Count("id", filter=Q(channel=Channel.DOOR)),
        places=Count("place", distinct=True, filter=Q(channel=Channel.DOOR) & ~Q(place="")),
        last_door=Max("collected_on", filter=Q(channel=Channel.DOOR)),
        consent=Count("id", filter=Q(wants_contact=True)),
    )
    by_channel = dict(
        contributions.order_by()
        .values_list("channel")
        .annotate(n=Count("id"))
        .values_list("channel", "n")
    )
    meetings = Meeting.objects.upcoming(project, public_only=False, limit=3)
    decisions = list(Decision.objects.of_project(project)[:3])
    for item in [o.meeting for o in meetings] + decisions:
        item.project = project  # their URLs name the project: no second read
    context = {
        "project": project,
        "figures": figures,
        "channels": [(label, by_channel.get(value, 0)) for value, label in Channel.choices],
        "pending": list(contributions.filter(status=Contribution.Status.PENDING).for_display()[:5]),
        "proposals": list(
            project.proposals.with_support_counts().order_by("-online_supports", "-created_at")[:5]
        ),
        "meetings": meetings,
        "decisions": decisions,
        "deadlines": Deadline.objects.upcoming(project, timezone.localdate(), limit=5),
        "may_moderate": request.user.has_perm("workspace.moderate", project),
    }
    return render(request, "participation/dashboard.html", context)


@sensitive_post_parameters(*PERSONAL_FIELDS)  # never in an error report
def record(request, public_id):
    """Type a contribution collected at the door, on paper, at a meeting or by phone."""
    project = get_project(request, public_id, "workspace.edit_workspace")
    collector = request.user.get_full_name() or request.user.get_username()
    form = RecordedContributionForm(request.POST or None, collector=collector)
    if request.method == "POST" and form.is_valid():
        key = actions.contribution_request_key(project, request.user, request.POST)
        contribution = actions.contribution_record(project, form, request.user, request_key=key)
        messages.success(
            request,
            f"Contribution enregistrée : {contribution.signature}, {contribution.provenance()}.",
        )
        return redirect("participation:record", project.public_id)
    status = 400 if form.is_bound else 200
    # The page's token (kept when the form comes back with its errors): see actions.
    page_token = request.POST.get(PAGE_TOKEN) or secrets.token_urlsafe(16)
    context = {"project": project, "form": form, "page_token": page_token}
    return render(request, "participation/record.html", context, status=status)


def moderation(request, public_id):
    """Every contribution of the project, by state, to publish, hide, tag and group."""
    project = get_project(request, public_id, "workspace.view_workspace")
    state = request.GET.get("etat", "")
    selected = project.contributions.for_display()
    if state in Contribution.Status.values:
        selected = selected.filter(status=state)
    page = Paginator(selected, PAGE_SIZE).get_page(request.GET.get("page"))
    may_moderate = request.user.has_perm("workspace.moderate", project)
    if may_moderate and any(c.contact for c in page.object_list):
        access_log.info("contacts read: project=%s user=%s", project.public_id, request.user.pk)
    context = {
        "project": project,
        "page": page,
        "states": Contribution.Status.choices,
        "state": state,
        "may_moderate": may_moderate,
        "query": f"etat={state}" if state else "",
    }
    return render(request, "participation/moderation.html", context)


def moderate(request, public_id, contribution_id):
    project = get_project(request, public_id, "workspace.moderate")
    contribution = get_object_or_404(project.contributions.for_display(), public_id=contribution_id)
    initial = {
        "status": contribution.status,
        "tags": ", ".join(tag.name for tag in contribution.tags.all()),
        "group": contribution.group,
        "version": contribution.version,
    }
    form = ModerationForm(request.POST or None, project=project, initial=initial)
    saved = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.contribution_moderate(
                contribution,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                tag_names=form.cleaned_data["tags"],
                group=form.cleaned_data["group"],
                new_group=form.cleaned_data["new_group"],
            )
        except StaleVersion as stale:  # another moderator saved in between: keep this one's
            current = stale.current
            form = ModerationForm(retry_data(request.POST, current), project=project)
            saved = [
                ("État", current.get_status_display()),
                ("Étiquettes", ", ".join(t.name for t in current.tags.all()) or "(aucune)"),
                ("Regroupement", str(current.group or "(aucun)")),
            ]
        else:
            messages.success(request, "Contribution mise à jour.")
            return redirect("participation:moderation", project.public_id)
    status = 409 if saved else 400 if form.is_bound else 200
    context = {
        "project": project,
        "contribution": contribution,
        "form": form,
        "conflict": bool(saved),
        "saved": saved,
    }
    return render(request, "participation/moderate.html", context, status=status)


def campaign(request, public_id):
    """Coverage of the door-to-door campaign: streets and hamlets, month by month."""
    project = get_project(request, public_id, "workspace.view_workspace")
    every_channel = request.GET.get("provenance") == "toutes"
    contributions = project.contributions.exclude(status=Contribution.Status.HIDDEN)
    if not every_channel:
        contributions = contributions.filter(channel=Channel.DOOR)
    table = coverage(campaign_rows(contributions))
    context = {"project": project, "coverage": table, "every_channel": every_channel}
    return render(request, "participation/campaign.html", context)


def contributions_csv(request, public_id):
    project = get_project(request, public_id, "workspace.view_workspace")
    with_contact = request.user.has_perm("workspace.moderate", project)
    if with_contact:
        access_log.info("contacts exported: project=%s user=%s", project.public_id, request.user.pk)
    selected = project.contributions.order_by("collected_on", "created_at")
    return csv_download(
        f"contributions-{project.public_id}.csv",
        CSV_COLUMNS,
        contribution_rows(selected, with_contact=with_contact),
    )


def proposal_new(request, public_id):
    """A proposal drawn from contributions (chosen on the moderation page, or a group's)."""
    project = get_project(request, public_id, "workspace.edit_workspace")
    source = request.POST if request.method == "POST" else request.GET
    chosen = project.contributions.exclude(status=Contribution.Status.HIDDEN)
    group_id = source.get("groupe", "")
    if group_id:
        chosen = chosen.filter(group__public_id=group_id)
    else:
        chosen = chosen.filter(public_id__in=source.getlist("c"))
    chosen = list(chosen.for_display()[:200])
    form = ProposalForm(request.POST or None, contributions=chosen)
    if request.method == "POST" and form.is_valid():
        proposal = actions.proposal_create(
            project,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            contributions=form.cleaned_data["c"],
            user=request.user,
        )
        messages.success(request, "Proposition publiée.")
        return redirect(proposal)
    status = 400 if form.is_bound else 200
    context = {"project": project, "form": form, "group_id": group_id}
    return render(request, "participation/proposal_new.html", context, status=status)


def proposal_answer(request, public_id, proposal_id):
    """Publish the answer to a proposal; the contributors concerned are written to."""
    project = get_project(request, public_id, "workspace.edit_workspace")
    proposal = get_object_or_404(Proposal.objects.filter(project=project), public_id=proposal_id)
    form = ProposalAnswerForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        told = actions.proposal_answer(
            proposal,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["answer"],
            decision=form.cleaned_data["decision"],
            user=request.user,
            url=request.build_absolute_uri(proposal.get_absolute_url()),
        )
        messages.success(
            request, f"Réponse publiée ; {told} contributeur(s) prévenu(s) par courriel."
        )
        return redirect(proposal)
    status = 400 if form.is_bound else 200
    context = {"project": project, "proposal": proposal, "form": form}
    return render(request, "participation/proposal_answer.html", context, status=status)


@require_POST
def paper_supports(request, public_id, proposal_id):
    """Count the supports collected on paper or at a meeting."""
    project = get_project(request, public_id, "workspace.edit_workspace")
    proposal = get_object_or_404(Proposal.objects.filter(project=project), public_id=proposal_id)
    try:
        count = int(request.POST.get("soutiens", ""))
        if not 0 <= count <= 100_000:
            raise ValueError
    except ValueError:
        messages.error(
            request, "Soutiens hors ligne : indiquez un nombre entier entre 0 et 100 000."
        )
    else:
        proposal.paper_supports = count
        proposal.save(update_fields=["paper_supports"])
        messages.success(request, "Soutiens hors ligne enregistrés.")
    return redirect(proposal)
