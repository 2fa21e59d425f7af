"""The report for the municipal council: printable page and PDF."""

import pytest
from django.urls import reverse

from leviers.testing.factories import (
    ContributionFactory,
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
