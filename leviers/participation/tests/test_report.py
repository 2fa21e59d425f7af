"""The report for the municipal council: printable page and PDF."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from leviers.journey import pdf
from leviers.participation.reports import report_blocks, report_context
from leviers.testing.factories import (
    ApplicationFactory,
    BudgetLineFactory,
    ContributionFactory,
    DeadlineFactory,
    DecisionFactory,
    MembershipFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


def test_report_sums_up_contributions_proposals_and_decisions(client):
    contribution = ContributionFactory(collected=True)
    project = contribution.project
    ContributionFactory(project=project, status="masquee")  # hidden: not counted
    decision = DecisionFactory(
        project=project,
        method="deliberation",
        deliberation_number="2026-041",
        body="conseil-municipal",
    )
    ProposalFactory(project=project, contributions=[contribution], decision=decision, answer="Oui.")
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    response = client.get(reverse("participation:report", args=[project.public_id]))
    assert response.context["total"] == 1
    page = response.content.decode()
    assert "Hameau de la Cour" in page
    assert "Délibération n° 2026-041" in page


def test_report_pdf_is_a_pdf(client):
    project = ContributionFactory().project
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    response = client.get(reverse("participation:report-pdf", args=[project.public_id]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.fixture
def layouts(monkeypatch) -> list:
    """The PDFs laid out by fpdf2 (the costly part), one entry per layout."""
    made = []
    lay_out = pdf.RoadmapPDF.lay_out

    def counting(self, blocks):
        made.append(blocks)
        return lay_out(self, blocks)

    monkeypatch.setattr(pdf.RoadmapPDF, "lay_out", counting)
    return made


def test_report_pdf_is_laid_out_again_only_when_what_it_shows_changed(client, layouts):
    contribution = ContributionFactory()
    project = contribution.project
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    url = reverse("participation:report-pdf", args=[project.public_id])
    first = client.get(url)
    second = client.get(url)
    assert second.content == first.content
    assert len(layouts) == 1
    DecisionFactory(project=project, title="Ouvrir le dimanche")
    third = client.get(url)
    assert third.content.startswith(b"%PDF")
    assert len(layouts) == 2
    assert any("Ouvrir le dimanche" in getattr(b, "text", "") for b in layouts[-1])
    other = ContributionFactory().project  # another project's report is its own
    client.force_login(MembershipFactory(organisation=other.organisation).user)
    client.get(reverse("participation:report-pdf", args=[other.public_id]))
    assert len(layouts) == 3


def test_report_and_its_pdf_carry_the_funding_plan(client):
    project = ContributionFactory().project
    BudgetLineFactory(project=project, amount=Decimal("50000"), year=2026)
    ApplicationFactory(project=project, amount_asked=Decimal("20000"), year=2026)
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    page = client.get(reverse("participation:report", args=[project.public_id])).content.decode()
    assert "Plan de financement" in page
    assert "50\xa0000\xa0€" in page
    texts = [getattr(b, "text", "") for b in report_blocks(report_context(project))]
    assert any(
        t.startswith("2026 : budget 50\xa0000\xa0€") and "reste à trouver 30\xa0000\xa0€" in t
        for t in texts
    )


def test_dashboard_shows_the_next_funding_deadlines(client):
    project = ContributionFactory().project
    DeadlineFactory(
        application__project=project,
        label="Dépôt du dossier LEADER",
        due_on=datetime.date.today() + datetime.timedelta(days=5),
    )
    client.force_login(MembershipFactory(organisation=project.organisation).user)
    page = client.get(reverse("participation:dashboard", args=[project.public_id])).content.decode()
    assert "Dépôt du dossier LEADER" in page
