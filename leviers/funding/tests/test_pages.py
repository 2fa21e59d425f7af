"""The funding plan's pages, as the team uses them: budget, applications, status history,
instalments, deadlines, documents, the CSV, and two people editing one application at once."""

import csv
import io
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from leviers.funding.models import Application, BudgetLine, StatusChange
from leviers.testing.factories import (
    ApplicationFactory,
    BudgetLineFactory,
    DeadlineFactory,
    InstalmentFactory,
    MembershipFactory,
    ProjectFactory,
)
from leviers.workspace.models import Activity

NBSP = "\xa0"


@pytest.fixture
def project():
    return ProjectFactory(title="Tiers-lieu d'Aubigné-Racan")


@pytest.fixture
def member(project):
    return MembershipFactory(organisation=project.organisation, role="membre").user


@pytest.fixture
def team_client(client, member):
    client.force_login(member)
    return client


def _url(name, project, *args):
    return reverse(f"funding:{name}", args=[project.public_id, *args])


def _page(response) -> str:
    return unescape(response.content.decode())


def _aubigne(project):
    """The seed's funding: the Lieux de convivialité fund granted over three years, Fondation
    de France and LEADER under review."""
    BudgetLineFactory(project=project, label="Travaux du local", amount=Decimal("80000"))
    BudgetLineFactory(project=project, kind="fonds-propres", label="Commune", amount=20000)
    BudgetLineFactory(project=project, kind="benevolat", label="Chantiers", amount=0, hours=200)
    granted = ApplicationFactory(
        project=project, status="accorde", amount_asked=30000, amount_granted=Decimal("30000")
    )
    for year in (2026, 2027, 2028):
        InstalmentFactory(application=granted, year=year, amount=10000)
    ApplicationFactory(
        project=project,
        title="Aménagement",
        scheme_slug="fondation-de-france-liens-proximite-ruralite",
        amount_asked=15000,
    )
    ApplicationFactory(
        project=project, title="Équipement", scheme_slug="leader", amount_asked=25000
    )
    return granted


@pytest.mark.django_db
def test_the_plan_shows_the_totals_by_year_in_french(
    team_client, project, django_assert_num_queries
):
    _aubigne(project)
    url = _url("plan", project)
    # session, user, project, its partners and the memberships (the door), lines,
    # applications, instalments, schemes, deadlines
    with django_assert_num_queries(10):
        response = team_client.get(url)
    page = _page(response)
    assert response.status_code == 200
    # 2026: budget 80 000; secured 20 000 + 10 000; pending 15 000 + 25 000 → missing 10 000.
    assert f"80{NBSP}000{NBSP}€" in page
    assert f"<strong>10{NBSP}000{NBSP}€</strong>" in page
    assert "Fondation de France" in page  # the scheme's name, beside the application
    assert "non valorisées" in page


@pytest.mark.django_db
def test_valued_volunteer_hours_count_at_the_rate_of_the_settings(team_client, project, settings):
    settings.VOLUNTEER_HOUR_RATE = Decimal("12.02")
    BudgetLineFactory(project=project, kind="benevolat", amount=0, hours=100, valued=True)
    page = _page(team_client.get(_url("plan", project)))
    assert f"1{NBSP}202{NBSP}€" in page
    assert f"12,02{NBSP}€" in page


@pytest.mark.django_db
def test_an_application_to_a_catalogue_scheme_is_written_with_its_history(team_client, project):
    response = team_client.post(
        _url("application_create", project),
        {
            "title": "Rénovation du local",
            "scheme_slug": "lieux-de-convivialite",
            "amount_asked": "30 000",
            "year": "2026",
        },
    )
    application = project.funding_applications.get()
    assert response["Location"] == application.get_absolute_url()
    assert (application.amount_asked, application.status) == (Decimal("30000"), "a-preparer")
    assert application.history.get().status == "a-preparer"
    activity = Activity.objects.get(project=project)
    assert (
        activity.text
        == "Demande de financement inscrite : Rénovation du local (30 000 €)."  # spaces folded
    )


@pytest.mark.django_db
def test_the_application_shows_its_schemes_catalogue_facts(
    team_client, project, django_assert_num_queries
):
    application = ApplicationFactory(project=project)
    DeadlineFactory(application=application)
    url = application.get_absolute_url()
    # session, user, project, its partners and the memberships (the door), application,
    # scheme, instalments, history, deadlines, documents
    with django_assert_num_queries(11):
        response = team_client.get(url)
    page = _page(response)
    assert "Ce que dit le catalogue" in page
    assert "Bourse d'émergence de 5 000 €" in page  # its amounts
    assert "appels organisés par chaque préfecture" in page  # its calendar
    assert "Vérification" in page


@pytest.mark.django_db
def test_a_wrong_amount_is_refused_in_french_and_nothing_is_written(team_client, project):
    response = team_client.post(
        _url("application_create", project),
        {"title": "Fonds", "funder": "Département", "amount_asked": "douze mille", "year": "2026"},
    )
    assert response.status_code == 400
    assert "« douze mille » n'est pas un montant en euros" in _page(response)
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_free_application_needs_its_funder(team_client, project):
    response = team_client.post(
        _url("application_create", project),
        {"title": "Fonds", "amount_asked": "100", "year": "2026"},
    )
    assert response.status_code == 400
    assert "Choisissez un dispositif du catalogue ou nommez le financeur." in _page(response)


@pytest.mark.django_db
def test_a_granted_status_asks_the_amount_then_counts_it_as_secured(team_client, project):
    application = ApplicationFactory(project=project, amount_asked=20000)
    url = _url("application_status", project, application.public_id)
    refused = team_client.post(url, {"status": "accorde", "changed_on": "2026-05-12"})
    assert refused.status_code == 400
    assert "Indiquez le montant accordé" in _page(refused)
    response = team_client.post(
        url,
        {"status": "accorde", "changed_on": "2026-05-12", "amount_granted": "18 500", "note": "CP"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.amount_granted) == ("accorde", Decimal("18500"))
    assert application.version == 2
    change = StatusChange.objects.get(application=application)
    assert (change.status, change.changed_on, change.note) == ("accorde", date(2026, 5, 12), "CP")
    text = Activity.objects.get(project=project).text
    assert text == "Demande « Rénovation du local du tiers-lieu » : accordé (18 500 €)."


@pytest.mark.django_db
def test_two_people_editing_one_application_lose_nothing(project, member):
    application = ApplicationFactory(project=project, notes="")
    other = MembershipFactory(organisation=project.organisation, role="admin").user
    first, second = Client(), Client()
    first.force_login(member)
    second.force_login(other)
    url = _url("application_edit", project, application.public_id)
    assert first.get(url).status_code == second.get(url).status_code == 200
    common = {"title": application.title, "scheme_slug": application.scheme_slug, "year": "2026"}
    common |= {"version": "1", "amount_asked": "20 000"}
    assert first.post(url, common | {"notes": "Déposé au GAL"}).status_code == 302
    conflict = second.post(url, common | {"amount_asked": "22 000"})
    assert conflict.status_code == 409
    page = _page(conflict)
    assert "Quelqu'un d'autre a modifié cette demande" in page
    assert 'value="22000"' in page or 'value="22 000"' in page  # the second person's typing
    assert "Déposé au GAL" in page  # the first person's, shown beside
    application.refresh_from_db()
    assert (application.notes, application.amount_asked) == ("Déposé au GAL", Decimal("20000"))
    # Sent again, on top of the current version: both changes are kept.
    again = second.post(
        url, common | {"version": "2", "amount_asked": "22 000"} | {"notes": "Déposé au GAL"}
    )
    assert again.status_code == 302
    application.refresh_from_db()
    assert (application.notes, application.amount_asked, application.version) == (
        "Déposé au GAL",
        Decimal("22000"),
        3,
    )


@pytest.mark.django_db
def test_instalments_deadlines_and_documents_are_added_one_by_one(team_client, project):
    application = ApplicationFactory(project=project)
    args = (project, application.public_id)
    assert (
        team_client.post(
            _url("instalment_add", *args), {"year": "2027", "amount": "5 000"}
        ).status_code
        == 302
    )
    assert (
        team_client.post(
            _url("deadline_add", *args), {"label": "Solde", "due_on": "2027-03-31"}
        ).status_code
        == 302
    )
    assert (
        team_client.post(_url("document_add", *args), {"name": "RIB", "state": "pret"}).status_code
        == 302
    )
    bad = team_client.post(_url("deadline_add", *args), {"label": "Dépôt", "due_on": "31 mars"})
    assert bad.status_code == 400
    assert "Écrivez une date valide" in _page(bad)
    assert [(i.year, i.amount) for i in application.instalments.all()] == [(2027, Decimal("5000"))]
    deadline = application.deadlines.get()
    team_client.post(_url("deadline_done", *args, deadline.public_id))
    deadline.refresh_from_db()
    assert deadline.done_on is not None
    document = application.documents.get()
    team_client.post(_url("document_state", *args, document.public_id), {"state": "transmis"})
    document.refresh_from_db()
    assert document.state == "transmis"


@pytest.mark.django_db
def test_a_volunteering_line_needs_its_hours(team_client, project):
    response = team_client.post(
        _url("line_create", project), {"kind": "benevolat", "label": "Chantier", "year": "2026"}
    )
    assert response.status_code == 400
    assert "Indiquez le nombre d'heures de bénévolat." in _page(response)
    assert not BudgetLine.objects.exists()


@pytest.mark.django_db
def test_the_csv_is_the_plan_and_keeps_formulas_inert(team_client, project):
    _aubigne(project)
    ApplicationFactory(
        project=project,
        title='=HYPERLINK("http://x")',
        funder="@SUM(1)",
        scheme_slug="",
        status="refuse",
    )
    response = team_client.get(_url("csv", project))
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="financement-{project.public_id}.csv"'
    )
    text = response.content.decode()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:3] == ["partie", "intitule", "nature_ou_financeur"]
    assert ["budget", "Travaux du local", "Dépense", "", "", "2026", "80000", ""] in rows
    injected = next(r for r in rows if "HYPERLINK" in r[1])
    assert injected[1].startswith("'=") and injected[2] == "'@SUM(1)"
    instalments = [
        r for r in rows if r[0] == "demande" and r[1] == "Rénovation du local du tiers-lieu"
    ]
    assert [(r[5], r[6]) for r in instalments] == [
        ("2026", "10000"),
        ("2027", "10000"),
        ("2028", "10000"),
    ]
    assert ["total", "reste à trouver", "", "", "", "2026", "10000"] in rows
