"""« Aller-vers » in the header: for the teams' workers, when the module is on; nobody else."""

from html import unescape

import pytest
from django.urls import reverse

LINK = '<a href="/aller-vers/"'


def _header(client, user, url="/"):
    client.force_login(user)
    page = unescape(client.get(url).content.decode())
    return page.split("</header>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["intervenant", "coordinateur"])
def test_the_teams_workers_see_the_link(client, world, role):
    assert LINK in _header(client, world.users[role])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["inhabitant", "admin", "facilitator", "superuser", "other"])
def test_nobody_else_sees_it(client, world, role):
    assert LINK not in _header(client, world.users[role])


@pytest.mark.django_db
def test_not_even_a_worker_when_the_module_is_off(client, world, settings):
    settings.OUTREACH_ENABLED = False
    assert LINK not in _header(client, world.users["intervenant"])


@pytest.mark.django_db
def test_it_is_current_on_the_journal(client, world):
    url = reverse("outreach:journal", args=[world.team.public_id])
    header = _header(client, world.users["intervenant"], url)
    assert LINK + ' aria-current="page">Aller-vers</a>' in header
