"""The meetings pages' permission matrix (leviers/testing/matrix.py): every URL of the
namespace, every role, on a public and on a private project; objects of another project → 404."""

import pytest
from django.test import Client
from django.utils import timezone

from leviers.meetings.actions import feed_token_renew
from leviers.testing.factories import (
    CommitteeMemberFactory,
    DecisionFactory,
    MeetingFactory,
    SittingFactory,
)
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

TEAM = ("member", "facilitator", "admin")


def expect(anonymous, inhabitant, other, team):
    return {"anonymous": anonymous, "inhabitant": inhabitant, "other": other} | dict.fromkeys(
        TEAM, team
    )


def _world(**options):
    world = build_world(**options)
    project, elsewhere = world.project, world.other_project
    meeting = MeetingFactory(project=project, registration=True)
    foreign_meeting = MeetingFactory(project=elsewhere)
    world.extra.update(
        meeting=meeting,
        team_meeting=MeetingFactory(project=project, is_public=False, kind="copil"),
        sitting=SittingFactory(meeting=meeting),
        member=CommitteeMemberFactory(project=project),
        decision=DecisionFactory(project=project),
        foreign_meeting=foreign_meeting,
        foreign_sitting=SittingFactory(meeting=foreign_meeting),
        foreign_member=CommitteeMemberFactory(project=elsewhere),
        foreign_decision=DecisionFactory(project=elsewhere),
        feed_token=feed_token_renew(project, world.users["member"]),
    )
    return world


def _next_day(world):
    return {"date": world.meeting.next_occurrence(timezone.now()).date().isoformat()}


def _decision_data(world):
    return {"title": "Acheter des guirlandes", "decided_on": "2026-06-13", "body": "equipe"} | {
        "method": "consensus"
    }


def rows(read, team_read, write, register, write_post, team_post, secret):
    """`read`: what everyone may see; `team_read`: the team's pages; `write`: forms;
    `register`: the registration POST; `write_post`: a valid form sent."""
    p = lambda w: [w.project.public_id]  # noqa: E731
    m = lambda w: [w.project.public_id, w.meeting.public_id]  # noqa: E731
    foreign_m = lambda w: [w.project.public_id, w.foreign_meeting.public_id]  # noqa: E731
    s = lambda w: [w.project.public_id, w.meeting.public_id, w.sitting.public_id]  # noqa: E731
    foreign_s = lambda w: [  # noqa: E731
        w.project.public_id,
        w.meeting.public_id,
        w.foreign_sitting.public_id,
    ]
    d = lambda w: [w.project.public_id, w.decision.public_id]  # noqa: E731
    foreign_d = lambda w: [w.project.public_id, w.foreign_decision.public_id]  # noqa: E731
    return [
        Row("meetings:list", p, read),
        Row("meetings:feed", p, read),
        # A calendar application does not sign in: the secret address is the only key, for
        # everyone alike; a made-up one, or one of another project, is a 404.
        Row("meetings:team_feed_ics", lambda w: [w.project.public_id, w.feed_token], secret),
        Row(
            "meetings:team_feed_ics",
            lambda w: [w.project.public_id, "jeton-invente-" + "x" * 18],
            expect(404, 404, 404, 404),
            foreign_args=lambda w: [w.other_project.public_id, w.feed_token],
        ),
        Row("meetings:team_feed", p, team_read),
        # (after the secret address: a new one revokes it)
        Row("meetings:team_feed", p, team_post, method="post", data=lambda w: {"action": "creer"}),
        Row("meetings:create", p, write),
        Row("meetings:attendance_csv", p, team_read),
        Row("meetings:detail", m, read, foreign_args=foreign_m),
        Row(
            "meetings:detail",
            lambda w: [w.project.public_id, w.team_meeting.public_id],
            team_read,
        ),
        Row("meetings:edit", m, write, foreign_args=foreign_m),
        Row(
            "meetings:register",
            m,
            register,
            method="post",
            data=_next_day,
            foreign_args=foreign_m,
        ),
        Row("meetings:sitting_create", m, write, foreign_args=foreign_m),
        Row("meetings:sitting", s, read, foreign_args=foreign_s),
        Row("meetings:sitting_edit", s, write, foreign_args=foreign_s),
        Row("meetings:committee", p, team_read),
        Row("meetings:member_create", p, write),
        Row(
            "meetings:member_edit",
            lambda w: [w.project.public_id, w.member.public_id],
            write,
            foreign_args=lambda w: [w.project.public_id, w.foreign_member.public_id],
        ),
        Row("meetings:decisions", p, read),
        Row("meetings:decision", d, read, foreign_args=foreign_d),
        Row("meetings:decision_create", p, write),
        Row(
            "meetings:decision_create",
            p,
            write_post,
            method="post",
            data=_decision_data,
        ),
        Row("meetings:decision_edit", d, write, foreign_args=foreign_d),
    ]


PUBLIC = rows(
    read=expect(200, 200, 200, 200),
    team_read=expect("login", 403, 403, 200),
    write=expect("login", 403, 403, 200),
    register=expect("login", 302, 302, 302),
    write_post=expect("login", 403, 403, 302),
    team_post=expect("login", 403, 403, 200),
    secret=expect(200, 200, 200, 200),
)
PRIVATE = rows(
    read=expect("login", 404, 404, 200),
    team_read=expect("login", 404, 404, 200),
    write=expect("login", 404, 404, 200),
    register=expect("login", 404, 404, 302),
    write_post=expect("login", 404, 404, 302),
    team_post=expect("login", 404, 404, 200),
    secret=expect(200, 200, 200, 200),
)


def test_every_meetings_url_has_its_row():
    assert missing_rows("meetings", PUBLIC) == set()
    assert missing_rows("meetings", PRIVATE) == set()


@pytest.mark.django_db
def test_public_project():
    assert_matrix(Client, _world(), PUBLIC)


@pytest.mark.django_db
def test_private_project():
    assert_matrix(Client, _world(is_public=False), PRIVATE)
