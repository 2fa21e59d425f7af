"""The site header (core/base.html): a signed-in person reaches their projects and their
notifications from any page."""

import pytest
from django.urls import reverse

from leviers.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _account_menu(response) -> str:
    page = response.content.decode()
    start = page.index('<nav aria-label="Compte"')
    return page[start : page.index("</nav>", start)]


@pytest.mark.parametrize("url", ["/", "/catalogue/", "/projets/mes-projets/"])
def test_the_account_menu_links_my_projects_and_my_notifications(client, url):
    client.force_login(UserFactory())
    menu = _account_menu(client.get(url))
    assert f'<a href="{reverse("workspace:mine")}"' in menu and ">Mes projets</a>" in menu
    assert f'<a href="{reverse("workspace:notifications")}"' in menu
    assert ">Mes notifications</a>" in menu


def test_the_current_page_is_marked_in_the_menu(client):
    client.force_login(UserFactory())
    menu = _account_menu(client.get(reverse("workspace:notifications")))
    assert 'aria-current="page">Mes notifications</a>' in menu
    assert 'aria-current="page">Mes projets' not in menu


def test_anonymous_people_see_only_the_sign_in_link(client):
    menu = _account_menu(client.get("/"))
    assert "Se connecter" in menu
    assert "Mes projets" not in menu and "Mes notifications" not in menu
