"""The daily digest (`leviers envoyer-resumes`): at most one e-mail per person and period,
of what they chose, of the projects whose team they are in."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from leviers.testing.factories import MembershipFactory, OrganisationFactory, ProjectFactory
from leviers.workspace import activity, digest
from leviers.workspace.models import Activity, NotificationPreference, Partner

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def project():
    return ProjectFactory(title="Guinguette")


@pytest.fixture
def member(project):
    return MembershipFactory(organisation=project.organisation).user


def _record(project, text, *, kind="contribution", actor=None, at=None):
    item = activity.record(project, kind, text, f"/projets/{project.public_id}/", actor=actor)
    if at is not None:
        Activity.objects.filter(pk=item.pk).update(created_at=at)
    return item


def test_a_team_member_gets_one_digest_of_the_day_by_default(project, member):
    _record(project, "Nouvelle idée : des bancs au lavoir")
    _record(project, "Réunion samedi", kind="meeting")
    assert digest.send(timezone.now()) == (1, 0)
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "Leviers : du nouveau dans « Guinguette »"
    assert "Nouvelle idée : des bancs au lavoir" in message.body
    assert f"/projets/{project.public_id}/" in message.body
    assert "/projets/mes-notifications/" in message.body


def test_running_twice_sends_nothing_more(project, member):
    _record(project, "Nouvelle idée")
    now = timezone.now()
    digest.send(now)
    _record(project, "Encore une idée")
    assert digest.send(now + datetime.timedelta(hours=2)) == (0, 0)
    assert len(mail.outbox) == 1


def test_the_next_day_brings_only_what_is_new(project, member):
    now = timezone.now()
    _record(project, "Idée d'hier", at=now - datetime.timedelta(hours=3))
    digest.send(now)
    _record(project, "Idée du jour", at=now + datetime.timedelta(hours=5))
    assert digest.send(now + DAY) == (1, 0)
    assert "Idée du jour" in mail.outbox[1].body
    assert "Idée d'hier" not in mail.outbox[1].body


def test_nothing_new_no_email(project, member):
    assert digest.send(timezone.now()) == (0, 0)
    assert mail.outbox == []


def test_one_s_own_actions_are_not_in_one_s_digest(project, member):
    _record(project, "Ma propre idée", actor=member)
    assert digest.send(timezone.now()) == (0, 0)


def test_only_the_kinds_chosen_arrive(project, member):
    NotificationPreference.objects.create(user=member, kinds=["meeting"])
    _record(project, "Nouvelle idée")
    _record(project, "Réunion samedi", kind="meeting")
    digest.send(timezone.now())
    assert "Réunion samedi" in mail.outbox[0].body
    assert "Nouvelle idée" not in mail.outbox[0].body


def test_never_means_never(project, member):
    NotificationPreference.objects.create(user=member, frequency="jamais")
    _record(project, "Nouvelle idée")
    assert digest.send(timezone.now()) == (0, 0)


def test_weekly_waits_a_week_then_sends_the_week(project, member):
    now = timezone.now()
    NotificationPreference.objects.create(user=member, frequency="hebdomadaire", last_sent_at=now)
    _record(project, "Lundi", at=now + DAY)
    assert digest.send(now + 2 * DAY) == (0, 0)
    _record(project, "Jeudi", at=now + 4 * DAY)
    assert digest.send(now + 7 * DAY) == (1, 0)
    assert "Lundi" in mail.outbox[0].body and "Jeudi" in mail.outbox[0].body


def test_people_outside_the_team_get_nothing(project):
    MembershipFactory()  # another organisation
    MembershipFactory(organisation=project.organisation, is_active=False)
    _record(project, "Nouvelle idée")
    assert digest.send(timezone.now()) == (0, 0)


def test_co_leading_organisations_people_get_it_too_in_one_email_for_all_projects(member):
    ceas = OrganisationFactory(name="CEAS 72")
    facilitator = MembershipFactory(organisation=ceas, role="animateur").user
    first, second = ProjectFactory(title="Tiers-lieu"), ProjectFactory(title="Épicerie")
    for project in (first, second):
        Partner.objects.create(project=project, organisation=ceas)
        _record(project, f"Nouvelle idée pour {project.title}")
    digest.send(timezone.now())
    [message] = [m for m in mail.outbox if m.to == [facilitator.email]]
    assert message.subject == "Leviers : du nouveau dans 2 projets"
    assert "Tiers-lieu" in message.body and "Épicerie" in message.body


def test_a_long_day_is_cut_per_project_with_a_link_to_the_rest(project, member):
    for n in range(digest.ITEMS_PER_PROJECT + 5):
        _record(project, f"Idée n° {n}")
    digest.send(timezone.now())
    assert "… et 5 de plus" in mail.outbox[0].body
    assert f"/projets/{project.public_id}/activite/" in mail.outbox[0].body


def test_a_second_run_that_read_before_the_first_sent_does_not_send_again(project, member):
    _record(project, "Nouvelle idée")
    now = timezone.now()
    stale = digest.gather(now)  # a second run reads...
    digest.send(now)  # ...while the first sends
    assert digest._claim(stale[0], now) is False
    assert len(mail.outbox) == 1


def test_gathering_reads_a_fixed_number_of_queries(django_assert_num_queries):
    for _ in range(10):
        project = ProjectFactory()
        Partner.objects.create(project=project, organisation=OrganisationFactory())
        for role in ("membre", "admin", "animateur"):
            MembershipFactory(organisation=project.organisation, role=role)
        _record(project, "Nouvelle idée")
    with django_assert_num_queries(4):
        assert len(digest.gather(timezone.now())) == 30


def test_the_command_sends_and_says_how_many(project, member, capsys):
    _record(project, "Nouvelle idée")
    call_command("envoyer-resumes")
    assert "résumés envoyés=1" in capsys.readouterr().out
    assert len(mail.outbox) == 1
