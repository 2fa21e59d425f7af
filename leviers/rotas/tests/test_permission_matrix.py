"""The rotas pages' permission matrix (leviers/testing/matrix.py): every URL of the namespace,
every role, on a public and on a private project; objects of another project → 404."""

import pytest
from django.test import Client

from leviers.rotas import actions
from leviers.rotas.models import FeedToken, Volunteer
from leviers.testing.factories import OrganisationFactory, make_rota, make_series
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

TEAM = ("member", "facilitator", "admin")


def expect(anonymous, inhabitant, other, team):
    return {"anonymous": anonymous, "inhabitant": inhabitant, "other": other} | dict.fromkeys(
        TEAM, team
    )


def _world(**options):
    world = build_world(**options)
    project, elsewhere = world.project, world.other_project
    other_organisation = world.users["other"].memberships.get().organisation
    series = make_series(project=project, invited=[other_organisation])
    team_series = make_series(project=project, is_public=False, title="Réunion de préparation")
    rota = make_rota(project=project)
    foreign_series = make_series(project=elsewhere)
    free, held, asked = series.slots.all()[:3]
    actions.slot_give(held, organisation=project.organisation)
    actions.slot_give(asked, organisation=OrganisationFactory())
    swap = actions.swap_propose(held, asked)
    swap.to_organisation = project.organisation  # asked to the leading organisation's members
    swap.save()
    proposed = OrganisationFactory()
    actions.slot_give(series.slots.all()[3], organisation=proposed)
    # Proposed by the leading organisation (it holds `held`): its members may withdraw it.
    withdrawable = actions.swap_propose(held, series.slots.all()[3])
    foreign_a, foreign_b = foreign_series.slots.all()[:2]
    actions.slot_give(foreign_a, organisation=OrganisationFactory())
    actions.slot_give(foreign_b, organisation=OrganisationFactory())
    rota_slot = rota.slots.first()
    lea = Volunteer.objects.create(project=project, name="Léa, sans compte")
    signup = actions.sign_up(rota_slot, lea)
    actions.replacement_ask(signup)
    leaving = actions.sign_up(rota_slot, Volunteer.objects.create(project=project, name="Jo"))
    revocable = actions.feed_create(project, world.users["admin"], "personne")
    token = actions.feed_create(project, world.users["admin"], "projet")
    foreign_token = actions.feed_create(elsewhere, world.users["admin"], "personne")
    world.extra.update(
        series=series,
        team_series=team_series,
        rota=rota,
        free=free,
        held=held,
        rota_slot=rota_slot,
        signup=signup,
        leaving=leaving,
        revocable=FeedToken.objects.get(token_hash=FeedToken.hash(revocable)),
        swap=swap,
        withdrawable=withdrawable,
        token=token,
        foreign_token=foreign_token,
        foreign_revocable=FeedToken.objects.get(token_hash=FeedToken.hash(foreign_token)),
        feed=FeedToken.objects.get(token_hash=FeedToken.hash(token)),
        foreign_series=foreign_series,
        foreign_slot=foreign_a,
        foreign_swap=actions.swap_propose(foreign_a, foreign_b),
    )
    return world


def rows(read, team_read, signed_in, take, team_post, own_feed, asked, proposer):
    p = lambda w: [w.project.public_id]  # noqa: E731
    s = lambda w: [w.project.public_id, w.series.public_id]  # noqa: E731
    foreign_s = lambda w: [w.project.public_id, w.foreign_series.public_id]  # noqa: E731

    def slot(name):
        return lambda w: [w.project.public_id, w.series.public_id, getattr(w, name).public_id]

    def rota_slot(w):
        return [w.project.public_id, w.rota.public_id, w.rota_slot.public_id]

    def foreign_slot(w):
        return [w.project.public_id, w.series.public_id, w.foreign_slot.public_id]

    signup = lambda w: {"inscription": w.signup.pk}  # noqa: E731
    return [
        Row("rotas:list", p, read),
        Row("rotas:create", p, team_read),
        Row("rotas:thin", p, team_read),
        Row("rotas:feeds", p, signed_in),
        Row(
            "rotas:feed_create",
            p,
            team_post | _login_or(signed_in, 302),
            method="post",
            data=lambda w: {"portee": "personne"},
        ),
        Row(
            "rotas:feed_revoke",
            lambda w: [w.project.public_id, w.revocable.public_id],
            own_feed,
            method="post",
            foreign_args=lambda w: [w.project.public_id, w.foreign_revocable.public_id],
        ),
        Row(
            "rotas:feed",
            lambda w: [w.project.public_id, w.token],
            dict.fromkeys(read, 200),
            foreign_args=lambda w: [w.project.public_id, w.foreign_token],
        ),
        Row(
            "rotas:swap_answer",
            lambda w: [w.project.public_id, w.swap.public_id],
            asked,
            method="post",
            data=lambda w: {"reponse": "refuser"},
            foreign_args=lambda w: [w.project.public_id, w.foreign_swap.public_id],
        ),
        Row(
            "rotas:swap_withdraw",
            lambda w: [w.project.public_id, w.withdrawable.public_id],
            proposer,
            method="post",
            foreign_args=lambda w: [w.project.public_id, w.foreign_swap.public_id],
        ),
        Row("rotas:series", s, read, foreign_args=foreign_s),
        Row("rotas:edit", s, team_read, foreign_args=foreign_s),
        Row(
            "rotas:edit",
            s,
            team_post,
            method="post",
            data=lambda w: {"title": "Guinguette", "is_public": "on"},
            foreign_args=foreign_s,
        ),
        Row("rotas:series", lambda w: [w.project.public_id, w.team_series.public_id], team_read),
        Row("rotas:poster", s, read, foreign_args=foreign_s),
        Row("rotas:csv", s, team_read, foreign_args=foreign_s),
        Row("rotas:slot", slot("free"), read, foreign_args=foreign_slot),
        Row(
            "rotas:take",
            slot("free"),
            take,
            method="post",
            data=lambda w: {"organisation": 0},
            foreign_args=foreign_slot,
        ),
        Row(
            "rotas:give",
            slot("free"),
            team_post,
            method="post",
            data=lambda w: {"name": "Les Amis du Lavoir"},
            foreign_args=foreign_slot,
        ),
        Row("rotas:release", slot("held"), team_post, method="post", foreign_args=foreign_slot),
        Row("rotas:cancel", slot("free"), team_post, method="post", foreign_args=foreign_slot),
        Row(
            "rotas:swap_propose",
            slot("held"),
            team_post,
            method="post",
            data=lambda w: {"creneau": w.free.public_id},
            foreign_args=foreign_slot,
        ),
        Row(
            "rotas:sign_up",
            rota_slot,
            _login_or(signed_in, 302),
            method="post",
            foreign_args=foreign_slot,
        ),
        Row(
            "rotas:volunteer_create",
            rota_slot,
            team_post,
            method="post",
            data=lambda w: {"benevole-name": "Marcel"},
            foreign_args=foreign_slot,
        ),
        Row(
            "rotas:replacement_ask",
            rota_slot,
            team_post,
            method="post",
            data=signup,
            foreign_args=foreign_slot,
        ),
        Row(
            "rotas:replacement_take",
            rota_slot,
            _login_or(signed_in, 302),
            method="post",
            data=signup,
            foreign_args=foreign_slot,
        ),
        Row(
            "rotas:no_show",
            rota_slot,
            team_post,
            method="post",
            data=lambda w: signup(w) | {"absent": "oui"},
            foreign_args=foreign_slot,
        ),
        # Last: the first team member's withdrawal deletes it, the next ones find it gone.
        Row(
            "rotas:withdraw",
            rota_slot,
            team_post,
            method="post",
            data=lambda w: {"inscription": w.leaving.pk},
            foreign_args=foreign_slot,
        ),
    ]


def _login_or(expected, status):
    """`expected` with every signed-in 200 turned into `status` (a POST redirects)."""
    return {role: status if value == 200 else value for role, value in expected.items()}


@pytest.mark.django_db
def test_every_rotas_url_has_a_row():
    assert not missing_rows("rotas", rows(*[expect(0, 0, 0, 0)] * 8))


@pytest.mark.django_db
def test_public_project_matrix():
    world = _world()
    assert_matrix(
        Client,
        world,
        rows(
            read=expect(200, 200, 200, 200),
            team_read=expect("login", 403, 403, 200),
            signed_in=expect("login", 200, 200, 200),
            take=expect("login", 403, 302, 302),
            team_post=expect("login", 403, 403, 302),
            own_feed={
                "anonymous": "login",
                "inhabitant": 404,
                "other": 404,
                "member": 404,
                "facilitator": 404,
                "admin": 302,
            },
            asked=expect("login", 403, 403, 302),
            proposer=expect("login", 403, 403, 302),
        ),
    )


@pytest.mark.django_db
def test_private_project_matrix():
    world = _world(is_public=False)
    assert_matrix(
        Client,
        world,
        rows(
            read=expect("login", 404, 404, 200),
            team_read=expect("login", 404, 404, 200),
            signed_in=expect("login", 404, 404, 200),
            take=expect("login", 404, 404, 302),
            team_post=expect("login", 404, 404, 302),
            own_feed={
                "anonymous": "login",
                "inhabitant": 404,
                "other": 404,
                "member": 404,
                "facilitator": 404,
                "admin": 302,
            },
            asked=expect("login", 404, 404, 302),
            proposer=expect("login", 404, 404, 302),
        ),
    )
