"""The project report for the municipal council: a printable page and its PDF (fpdf2, with the
roadmap's layout: journey/pdf.py). What inhabitants said (by kind, provenance, place, tag),
the proposals with their supports and answers, and the decision log."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format

from leviers.funding.report import pdf_blocks as funding_blocks
from leviers.funding.report import plan_context
from leviers.meetings.models import Decision
from leviers.participation.campaign import campaign_rows, coverage
from leviers.participation.models import Channel, Contribution, Kind, Tag
from leviers.workspace.access import get_project

TOP_PLACES = 15
TOP_TAGS = 10


def report_context(project) -> dict:
    kept = project.contributions.exclude(status=Contribution.Status.HIDDEN)
    by_kind = dict(kept.order_by().values_list("kind").annotate(n=Count("id")))
    by_channel = dict(kept.order_by().values_list("channel").annotate(n=Count("id")))
    places = sorted(coverage(campaign_rows(kept)).rows, key=lambda row: -row.total)[:TOP_PLACES]
    tags = (
        Tag.objects.filter(project=project)
        .annotate(n=Count("contributions", filter=~Q(contributions__status="masquee")))
        .filter(n__gt=0)
        .order_by("-n", "name")[:TOP_TAGS]
    )
    proposals = list(
        project.proposals.with_support_counts()
        .select_related("decision")
        .order_by("-online_supports", "-created_at")
    )
    decisions = list(Decision.objects.of_project(project))
    return {
        "project": project,
        "today": timezone.localdate(),
        "total": sum(by_kind.values()),
        "kinds": [(label, by_kind.get(value, 0)) for value, label in Kind.choices],
        "channels": [(label, by_channel.get(value, 0)) for value, label in Channel.choices],
        "places": places,
        "tags": list(tags),
        "proposals": proposals,
        "decisions": decisions,
        "funding": plan_context(project),
    }


def report(request, public_id):
    project = get_project(request, public_id, "workspace.view_workspace")
    return render(request, "participation/report.html", report_context(project))


def report_blocks(context: dict) -> list:
    # Imported with the PDF, not with the pages: fpdf2 (numpy, fontTools) is a third of a
    # second at every process start.
    from leviers.journey.pdf import Heading, Paragraph, Space

    project = context["project"]
    blocks: list = [
        Heading(f"Rapport au conseil municipal : {project.title}", 16),
        Paragraph(
            f"{project.organisation.name} · étape : {project.get_stage_display()} · "
            f"état au {date_format(context['today'], 'j F Y')}",
            9,
        ),
        Space(2),
        Heading("Ce que disent les habitants"),
        Paragraph(f"{context['total']} contribution(s) retenue(s) (les masquées exclues)."),
        Paragraph(" · ".join(f"{label} : {n}" for label, n in context["kinds"])),
        Paragraph(
            "Provenance : " + " · ".join(f"{label} : {n}" for label, n in context["channels"])
        ),
    ]
    if context["places"]:
        blocks.append(
            Paragraph(
                "Rues et hameaux : "
                + " · ".join(f"{row.place} ({row.total})" for row in context["places"])
            )
        )
    if context["tags"]:
        blocks.append(
            Paragraph("Thèmes : " + " · ".join(f"{t.name} ({t.n})" for t in context["tags"]))
        )
    blocks.append(Heading("Propositions"))
    if not context["proposals"]:
        blocks.append(Paragraph("Aucune proposition."))
    for p in context["proposals"]:
        supports = p.online_supports + p.paper_supports
        blocks.append(
            Paragraph(f"{p.title} — {p.get_status_display()}, {supports} soutien(s)", bold=True)
        )
        if p.answer:
            blocks.append(Paragraph(f"Réponse : {p.answer}", 9, indent=4))
        if p.decision:
            blocks.append(
                Paragraph(f"Décision : {p.decision.title} ({p.decision.how()})", 9, indent=4)
            )
    blocks.append(Heading("Journal des décisions"))
    if not context["decisions"]:
        blocks.append(Paragraph("Aucune décision inscrite."))
    for d in context["decisions"]:
        blocks.append(Paragraph(f"{date_format(d.decided_on, 'j F Y')} : {d.title} — {d.how()}"))
    blocks.extend(funding_blocks(context["funding"]))
    return blocks


def report_pdf(request, public_id):
    from leviers.journey.pdf import cached_pdf

    project = get_project(request, public_id, "workspace.view_workspace")
    context = report_context(project)
    address = request.build_absolute_uri(project.get_absolute_url())
    # The blocks cost a few queries, their layout most of the time (fpdf2's line breaking,
    # several hundred ms for a busy project): laid out again only when what it shows changed.
    content = cached_pdf(
        f"leviers-report-pdf:{project.pk}",
        address,
        report_blocks(context),
        "Rapport au conseil municipal",
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-{project.public_id}.pdf"'
    return response
