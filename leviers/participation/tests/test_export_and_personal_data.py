"""The contributions CSV (inert formulas, contacts for moderators only) and the personal data
of an inhabitant (export, and deletion keeping contributions as « Un habitant »)."""

import csv
import io

import pytest
from django.urls import reverse

from leviers.accounts.signals import collect_personal_data, forget_user
from leviers.participation.models import Contribution
from leviers.testing.factories import (
    ContributionFactory,
    MembershipFactory,
    ProposalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_writes_formulas_inert_and_provenance(client):
    contribution = ContributionFactory(
        collected=True, text='=HYPERLINK("http://x")', wants_contact=True, contact="+33 2 43"
    )
    project = contribution.project
    client.force_login(MembershipFactory(organisation=project.organisation, role="admin").user)
    response = client.get(reverse("participation:csv", args=[project.public_id]))
    assert response["Content-Type"].startswith("text/csv")
    [row] = read_csv(response)
    assert row["contribution"] == '\'=HYPERLINK("http://x")'
    assert row["provenance"] == "Porte-à-porte"
    assert row["recueillie_par"] == "Jeanne Martin"
    assert row["rue_ou_hameau"] == "Hameau de la Cour"
    assert row["contact"] == "'+33 2 43"


def test_csv_leaves_contacts_out_for_a_plain_member(client):
    contribution = ContributionFactory(collected=True, wants_contact=True, contact="a@b.fr")
    project = contribution.project
    client.force_login(MembershipFactory(organisation=project.organisation, role="membre").user)
    [row] = read_csv(client.get(reverse("participation:csv", args=[project.public_id])))
    assert row["accepte_recontact"] == "oui" and row["contact"] == ""


def test_personal_data_lists_the_inhabitants_contributions_and_supports():
    inhabitant = UserFactory()
    contribution = ContributionFactory(author=inhabitant, author_name="Paul")
    proposal = ProposalFactory(project=contribution.project)
    proposal.supports.create(user=inhabitant)
    answers = dict(collect_personal_data.send(sender=type(inhabitant), user=inhabitant))
    from leviers.participation.personal_data import _collect

    data = answers[_collect]
    assert [c["contribution"] for c in data["contributions"]] == [contribution.text]
    assert data["soutiens"] == [{"projet": proposal.project.title, "proposition": proposal.title}]


def test_forgetting_an_account_keeps_its_contributions_as_un_habitant():
    inhabitant = UserFactory()
    contribution = ContributionFactory(
        author=inhabitant, author_name="Paul", wants_contact=True, contact="paul@example.org"
    )
    ProposalFactory(project=contribution.project).supports.create(user=inhabitant)
    forget_user.send(sender=type(inhabitant), user=inhabitant)
    inhabitant.delete()
    contribution.refresh_from_db()
    assert contribution.author is None
    assert contribution.signature == "Un habitant"
    assert contribution.contact == "" and not contribution.wants_contact
    assert Contribution.objects.count() == 1
