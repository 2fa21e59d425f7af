"""The participation pages: permission matrix (leviers/testing/matrix.py), every URL, every role,
for a public and a private project, and objects of another project (404)."""

import pytest
from django.test import Client

from leviers.testing.factories import ContributionFactory, ProposalFactory
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

ROLES = ("anonymous", "inhabitant", "other", "member", "facilitator", "admin")


def expect(anonymous, outsiders, member, facilitator=None, admin=None):
    """Statuses by role: `outsiders` for the inhabitant and the other organisation's member."""
    facilitator = member if facilitator is None else facilitator
    admin = facilitator if admin is None else admin
    return dict(
        zip(ROLES, (anonymous, outsiders, outsiders, member, facilitator, admin), strict=True)
    )


def _project(w):
    return [w.project.public_id]


def _proposal(w):
    return [w.project.public_id, w.proposal.public_id]


def _foreign_proposal(w):
    return [w.project.public_id, w.foreign_proposal.public_id]


def _contribution(w):
    return [w.project.public_id, w.contribution.public_id]


def _foreign_contribution(w):
    return [w.project.public_id, w.foreign_contribution.public_id]


def rows(public: bool) -> list[Row]:
    # What anyone may read on a public project, only the team on a private one.
    read = expect(200, 200, 200) if public else expect("login", 404, 200)
    signed_in = expect("login", 200, 200) if public else expect("login", 404, 200)
    support = expect("login", 302, 302) if public else expect("login", 404, 302)
    team = expect("login", 403, 200) if public else expect("login", 404, 200)
    team_post = expect("login", 403, 302) if public else expect("login", 404, 302)
    moderators = expect("login", 403, 403, 200) if public else expect("login", 404, 403, 200)
    return [
        Row("participation:project", _project, read),
        Row("participation:contributions", _project, read),
        Row("participation:contribute", _project, signed_in),
        Row("participation:thanks", _project, read),
        Row("participation:proposals", _project, read),
        Row("participation:proposal", _proposal, read, foreign_args=_foreign_proposal),
        Row(
            "participation:support",
            _proposal,
            support,
            method="post",
            foreign_args=_foreign_proposal,
        ),
        Row("participation:dashboard", _project, team),
        Row("participation:record", _project, team),
        Row("participation:moderation", _project, team),
        Row(
            "participation:moderate",
            _contribution,
            moderators,
            foreign_args=_foreign_contribution,
        ),
        Row("participation:csv", _project, team),
        Row("participation:campaign", _project, team),
        Row("participation:report", _project, team),
        Row("participation:report-pdf", _project, team),
        Row("participation:proposal-new", _project, team),
        Row(
            "participation:proposal-answer",
            _proposal,
            team,
            foreign_args=_foreign_proposal,
        ),
        Row(
            "participation:paper-supports",
            _proposal,
            team_post,
            method="post",
            data=lambda w: {"soutiens": "3"},
            foreign_args=_foreign_proposal,
        ),
    ]


def world(**options):
    w = build_world(**options)
    w.extra["contribution"] = ContributionFactory(project=w.project)
    w.extra["proposal"] = ProposalFactory(project=w.project, contributions=[w.contribution])
    w.extra["foreign_contribution"] = ContributionFactory(project=w.other_project)
    w.extra["foreign_proposal"] = ProposalFactory(project=w.other_project)
    return w


def test_every_participation_url_has_its_row():
    assert missing_rows("participation", rows(public=True)) == set()


@pytest.mark.django_db
def test_public_project():
    assert_matrix(Client, world(), rows(public=True))


@pytest.mark.django_db
def test_private_project():
    assert_matrix(Client, world(is_public=False), rows(public=False))
