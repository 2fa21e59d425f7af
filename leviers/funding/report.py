"""The funding plan as pages, the CSV and the council report read it: a few queries, then the
pure core (plan.py). `plan_context(project)` is what `participation` includes in the council
report; `pdf_blocks(context)` its part of the PDF (journey/pdf.py's blocks)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from django.utils.formats import date_format

from leviers.catalogue.models import Scheme
from leviers.funding import plan
from leviers.funding.models import Application, BudgetLine, Instalment


def schemes_by_slug(slugs, *, names_only=False) -> dict[str, Scheme]:
    """The catalogue's schemes of these slugs; `names_only` for a list (their long texts and
    JSON fields are not read)."""
    slugs = {slug for slug in slugs if slug}
    if not slugs:
        return {}
    schemes = Scheme.objects.filter(slug__in=slugs)
    if names_only:
        schemes = schemes.only("slug", "name", "operator")
    return {s.slug: s for s in schemes}


def plan_context(project) -> dict:
    """Budget lines, applications (with instalments and their scheme) and the totals by year.
    Three or four queries, however many applications."""
    lines = list(BudgetLine.objects.filter(project=project))
    applications = list(
        Application.objects.filter(project=project).prefetch_related(
            Prefetch("instalments", queryset=Instalment.objects.order_by("year", "id"))
        )
    )
    schemes = schemes_by_slug((a.scheme_slug for a in applications), names_only=True)
    for application in applications:
        application.project = project
        application.scheme = schemes.get(application.scheme_slug)
    rate = settings.VOLUNTEER_HOUR_RATE
    for line in lines:
        line.value = plan.money(line.hours * rate) if line.valued else None
    totals = plan.plan_by_year(
        [line.as_line() for line in lines],
        [a.as_aid(list(a.instalments.all())) for a in applications],
        volunteer_rate=rate,
    )
    return {
        "lines": lines,
        "expenses": [line for line in lines if line.kind == BudgetLine.Kind.EXPENSE],
        "own_funds": [line for line in lines if line.kind == BudgetLine.Kind.OWN_FUNDS],
        "volunteering": [line for line in lines if line.kind == BudgetLine.Kind.VOLUNTEERING],
        "applications": applications,
        "totals": totals,
        "volunteer_rate": rate,
    }


def funder_of(application) -> str:
    scheme = getattr(application, "scheme", None)
    if scheme is not None:
        return scheme.operator or scheme.name
    return application.funder


def pdf_blocks(context: dict) -> list:
    """The funding plan's section of the council report PDF."""
    # Imported with the PDF, not with the pages: fpdf2 (numpy, fontTools) is a third of a
    # second at every process start.
    from leviers.journey.pdf import Heading, Paragraph

    totals = context["totals"]
    e = plan.euros
    blocks: list = [Heading("Plan de financement")]
    if not totals.years:
        return [*blocks, Paragraph("Aucun budget ni demande de financement inscrits.")]
    for year in totals.years:
        blocks.append(
            Paragraph(
                f"{year.year} : budget {e(year.budget)} · acquis {e(year.secured)} · en attente "
                f"{e(year.pending)} · en préparation {e(year.planned)} · reste à trouver "
                f"{e(year.missing)}" + (f" · excédent {e(year.surplus)}" if year.surplus else ""),
            )
        )
    total = totals.total
    blocks.append(
        Paragraph(
            f"Total : budget {e(total.budget)}, acquis {e(total.secured)}, en attente "
            f"{e(total.pending)}, reste à trouver {e(total.missing)}.",
            bold=True,
        )
    )
    for application in context["applications"]:
        granted = (
            f", accordé {e(application.amount_granted)}"
            if application.amount_granted is not None
            else ""
        )
        status = application.get_status_display().lower()
        blocks.append(
            Paragraph(
                f"{application.title} — {funder_of(application)} : demandé "
                f"{e(application.amount_asked)}{granted} ; {status}"
                f" depuis le {date_format(application.status_on, 'j F Y')}",
                9,
                indent=4,
            )
        )
    for warning in totals.warnings:
        blocks.append(Paragraph(warning, 9))
    return blocks
