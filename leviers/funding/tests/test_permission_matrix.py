"""The funding pages' permission matrix (leviers/testing/matrix.py): every URL of the namespace,
every role, on a public and on a private project; objects of another project → 404.
The team reads (facilitators too); the admins and members of a leading organisation write."""

import pytest
from django.test import Client

from leviers.testing.factories import (
    ApplicationFactory,
    BudgetLineFactory,
    DeadlineFactory,
    DocumentFactory,
    InstalmentFactory,
)
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

ROLES = ("anonymous", "inhabitant", "other", "member", "facilitator", "admin")


def expect(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


def _world(**options):
    world = build_world(**options)
    project, elsewhere = world.project, world.other_project
    application = ApplicationFactory(project=project)
    foreign = ApplicationFactory(project=elsewhere)
    world.extra.update(
        line=BudgetLineFactory(project=project),
        foreign_line=BudgetLineFactory(project=elsewhere),
        application=application,
        foreign_application=foreign,
        instalment=InstalmentFactory(application=application),
        deadline=DeadlineFactory(application=application),
        document=DocumentFactory(application=application),
        foreign_instalment=InstalmentFactory(application=foreign),
        foreign_deadline=DeadlineFactory(application=foreign),
        foreign_document=DocumentFactory(application=foreign),
    )
    return world


def rows(read, write, post):
    """`read`: the team's pages; `write`: forms; `post`: a valid write (302 when allowed).
    Each write row is requested by every role in turn: the data keep it valid each time."""
    p = lambda w: [w.project.public_id]  # noqa: E731
    a = lambda w: [w.project.public_id, w.application.public_id]  # noqa: E731
    foreign_a = lambda w: [w.project.public_id, w.foreign_application.public_id]  # noqa: E731

    def part(name):
        return (
            lambda w: [*a(w), w.extra[name].public_id],
            lambda w: [*a(w), w.extra[f"foreign_{name}"].public_id],
        )

    line = lambda w: [w.project.public_id, w.line.public_id]  # noqa: E731
    foreign_line = lambda w: [w.project.public_id, w.foreign_line.public_id]  # noqa: E731

    def line_data(world):
        return {"kind": "depense", "label": "Mobilier", "year": "2026", "amount": "3 000"}

    def application_data(world):
        return {
            "title": "Fonds de démarrage",
            "funder": "Fondation de France",
            "amount_asked": "15 000",
            "year": "2026",
        }

    rows = [
        Row("funding:plan", p, read),
        Row("funding:csv", p, read),
        Row("funding:line_create", p, write),
        Row("funding:line_create", p, post, method="post", data=line_data),
        Row("funding:line_edit", line, write, foreign_args=foreign_line),
        Row("funding:line_edit", line, post, method="post", data=line_data),
        Row("funding:application_create", p, write),
        Row("funding:application_create", p, post, method="post", data=application_data),
        Row("funding:application", a, read, foreign_args=foreign_a),
        Row("funding:application_edit", a, write, foreign_args=foreign_a),
        Row(
            "funding:application_edit",
            a,
            post,
            method="post",
            data=lambda w: application_data(w) | {"version": ""},
        ),
        Row(
            "funding:application_status",
            a,
            post,
            method="post",
            data=lambda w: (
                {"status": "accorde", "changed_on": "2026-05-12"} | {"amount_granted": "18 000"}
            ),
            foreign_args=foreign_a,
        ),
        Row(
            "funding:instalment_add",
            a,
            post,
            method="post",
            data=lambda w: {"year": "2027", "amount": "5 000"},
            foreign_args=foreign_a,
        ),
        Row(
            "funding:deadline_add",
            a,
            post,
            method="post",
            data=lambda w: {"label": "Dépôt", "due_on": "2026-09-30"},
            foreign_args=foreign_a,
        ),
        Row(
            "funding:document_add",
            a,
            post,
            method="post",
            data=lambda w: {"name": "Budget prévisionnel", "state": "pret"},
            foreign_args=foreign_a,
        ),
        Row(
            "funding:deadline_done",
            part("deadline")[0],
            post,
            method="post",
            foreign_args=part("deadline")[1],
        ),
        Row(
            "funding:document_state",
            part("document")[0],
            post,
            method="post",
            data=lambda w: {"state": "transmis"},
            foreign_args=part("document")[1],
        ),
    ]
    # Deletions last: the admin, last of the roles, removes the row the others could not.
    for name, url in (
        ("instalment", "funding:instalment_delete"),
        ("deadline", "funding:deadline_delete"),
        ("document", "funding:document_delete"),
    ):
        own, foreign = part(name)
        rows.append(Row(url, own, delete_expected(post), method="post", foreign_args=foreign))
    rows.append(
        Row(
            "funding:line_delete",
            line,
            delete_expected(post),
            method="post",
            foreign_args=foreign_line,
        )
    )
    return rows


def delete_expected(post):
    """A deletion by the member removes the row: the admin, after, finds nothing (404)."""
    return post | ({"admin": 404} if post["member"] == 302 else {})


PUBLIC = rows(
    read=expect("login", 403, 403, 200, 200, 200),
    write=expect("login", 403, 403, 200, 403, 200),
    post=expect("login", 403, 403, 302, 403, 302),
)
PRIVATE = rows(
    read=expect("login", 404, 404, 200, 200, 200),
    write=expect("login", 404, 404, 200, 403, 200),
    post=expect("login", 404, 404, 302, 403, 302),
)


def test_every_funding_url_has_its_row():
    assert missing_rows("funding", PUBLIC) == set()
    assert missing_rows("funding", PRIVATE) == set()


@pytest.mark.django_db
def test_public_project():
    assert_matrix(Client, _world(), PUBLIC)


@pytest.mark.django_db
def test_private_project():
    assert_matrix(Client, _world(is_public=False), PRIVATE)
