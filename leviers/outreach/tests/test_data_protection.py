"""What stays out of reach by design: the admin lists no person, the change history keeps no
copy, a superuser and a network facilitator are refused by the door itself, a worker's own
data (« Mes données ») says how much they did, never whom they met."""

import pytest
from django.contrib import admin
from django.urls import reverse

from leviers.accounts.permissions import outreach_allows
from leviers.outreach import models
from leviers.outreach.personal_data import forget, personal_data

PERSONAL_MODELS = [
    models.Person,
    models.Consent,
    models.Visit,
    models.Orientation,
    models.OrientationChange,
    models.Right,
    models.AccessLog,
]


def test_the_admin_lists_no_outreach_model():
    assert not [model for model in PERSONAL_MODELS if admin.site.is_registered(model)]


def test_no_change_history_keeps_a_copy():
    assert not [model for model in PERSONAL_MODELS if hasattr(model, "history")]


@pytest.mark.django_db
def test_the_door_refuses_superusers_and_facilitators(world):
    for role in ("superuser", "facilitator", "admin", "other_intervenant"):
        assert not outreach_allows(world.users[role], "outreach.view_people", world.team), role
    assert outreach_allows(world.users["intervenant"], "outreach.view_people", world.team)
    assert not outreach_allows(world.users["intervenant"], "outreach.coordinate", world.team)
    assert outreach_allows(world.users["coordinateur"], "outreach.coordinate", world.team)
    # Django itself would let the superuser through: the door does not ask it.
    assert world.users["superuser"].has_perm("outreach.view_people", world.team)


@pytest.mark.django_db
def test_a_workers_export_counts_visits_without_the_people(world):
    data = personal_data(world.users["intervenant"])
    assert data["visites_notees"] == [{"equipe": "Locaux moteurs", "nombre": 1}]
    assert "M. D." not in str(data)


@pytest.mark.django_db
def test_forgetting_a_worker_keeps_the_journal_without_their_name(world):
    worker = world.users["intervenant"]
    forget(worker)
    visit = world.person.visits.get()
    assert visit.worker is None and visit.needs
    assert not models.Orientation.objects.filter(created_by=worker).exists()


def test_the_module_is_off_unless_the_operator_switches_it_on(tmp_path, monkeypatch):
    """A server started without LEVIERS_OUTREACH has no journal; small cells are « < 5 » and
    records idle for 24 months anonymised unless the operator says otherwise."""
    from leviers.core.tests.environment import start

    for name in (
        "LEVIERS_OUTREACH",
        "LEVIERS_OUTREACH_MIN_CELL",
        "LEVIERS_OUTREACH_ANONYMISE_AFTER_MONTHS",
    ):
        monkeypatch.delenv(name, raising=False)
    code = (
        "from django.conf import settings as s; "
        "print(s.OUTREACH_ENABLED, s.OUTREACH_MIN_CELL, s.OUTREACH_ANONYMISE_AFTER_MONTHS)"
    )
    off = start(tmp_path, code, DJANGO_SETTINGS_MODULE="leviers.settings")
    assert off.returncode == 0, off.stderr
    assert off.stdout.split() == ["False", "5", "24"]
    on = start(tmp_path, code, DJANGO_SETTINGS_MODULE="leviers.settings", LEVIERS_OUTREACH="1")
    assert on.stdout.split()[0] == "True"


@pytest.mark.django_db
def test_a_superuser_in_the_admin_neither_sees_nor_gives_an_outreach_role(client, world):
    """The Django admin lists no intervenant or coordinator membership or invitation, and
    offers neither role: a superuser could otherwise make themselves a worker and read."""
    import re
    from html import unescape

    from leviers.accounts.models import Membership

    client.force_login(world.users["superuser"])
    listing = unescape(client.get(reverse("admin:accounts_membership_changelist")).content.decode())
    shown = set(re.findall(r"field-user[^>]*>(?:<a [^>]*>)?([^<]+)<", listing))
    assert str(world.users["admin"]) in shown
    assert not {str(world.users["intervenant"]), str(world.users["coordinateur"])} & shown
    for name in ("admin:accounts_membership_add", "admin:accounts_invitation_add"):
        form = unescape(client.get(reverse(name)).content.decode())
        assert 'value="membre"' in form
        assert 'value="intervenant"' not in form and 'value="coordinateur"' not in form
    worker = Membership.objects.get(user=world.users["intervenant"])
    url = reverse("admin:accounts_membership_change", args=[worker.pk])
    assert client.get(url).status_code == 302  # « does not exist »: back to the list


@pytest.mark.django_db
def test_no_answer_of_the_journal_is_kept_by_a_cache(client, world):
    """Every page, file (export.json, statistics.csv) and redirection of the module, read or
    sent, as each of its users: `private` and `no-store` (urls.page)."""
    from leviers.testing.pins import read, url_paths

    person = world.person
    paths = url_paths(
        "outreach",
        {
            "team_id": world.team.public_id,
            "person_id": person.public_id,
            "orientation_id": person.orientations.get().public_id,
            "right_id": person.rights.get().public_id,
        },
    )
    answers = {}
    for role in ("intervenant", "coordinateur"):
        client.force_login(world.users[role])
        for name, path in paths.items():
            answers[role, name, "GET"] = read(client, path)
    for name in ("consent_withdraw", "orientation_status", "right_status", "person_delete"):
        answers["coordinateur", name, "POST"] = client.post(paths[name])
    assert {a.status_code for a in answers.values()} >= {200, 302, 403, 405}
    kept = {
        key: answer.get("Cache-Control")
        for key, answer in answers.items()
        if not {"no-store", "private"} <= set((answer.get("Cache-Control") or "").split(", "))
        and answer.status_code in (200, 302)
    }
    assert not kept
    export = answers["coordinateur", "person_export", "GET"]
    assert export.status_code == 200 and "no-store" in export["Cache-Control"]


@pytest.mark.django_db
def test_no_message_of_the_journal_names_the_person(client, world):
    """A message waits for the next page in a cookie, signed but readable by whoever holds the
    browser or its traffic: none carries the person's label nor the name of one of their
    rights. Every URL of the module, read and sent, as a coordinator, with the labels the rows
    give."""
    from django.contrib.messages import get_messages

    from leviers.outreach.models import Right
    from leviers.outreach.tests.test_permission_matrix import ROWS, person_data

    # A right of kind « autre » is named in free text, which may name someone; and a right's
    # kind itself may say something of the person's health.
    rights = [str(right) for right in Right.objects.filter(person__in=[world.person])]
    labels = {world.person.label, person_data(world)["label"], *rights}
    client.force_login(world.users["coordinateur"])
    said = []
    for row in ROWS:
        url = reverse(row.url_name, args=row.args(world))
        response = getattr(client, row.method)(url, row.data(world) if row.data else None)
        said += [str(message) for message in get_messages(response.wsgi_request)]
    assert "Fiche enregistrée." in said and len(said) >= 8
    assert not [text for text in said if any(label in text for label in labels)]
