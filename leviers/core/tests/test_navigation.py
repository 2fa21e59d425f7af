"""The header's links added by higher apps (core/navigation.py): shown only to whom their
predicate allows, marked current on their app's pages."""

import re

import pytest
from django.test import RequestFactory

from leviers.core import navigation


@pytest.fixture
def registered():
    navigation.register("Catalogue bis", "catalogue:search", lambda user: user == "alice")
    yield
    navigation.unregister("catalogue:search")


def test_a_link_is_given_only_to_whom_its_predicate_allows(registered):
    assert {"label": "Catalogue bis", "url": "/catalogue/", "app_name": "catalogue"} in (
        navigation.links_for("alice")
    )
    assert all(link["label"] != "Catalogue bis" for link in navigation.links_for("bob"))


def test_the_context_processor_asks_only_when_the_page_reads_it(registered):
    asked = []
    navigation.register("Compté", "core:legal", lambda user: asked.append(user) or True)
    try:
        request = RequestFactory().get("/")
        request.user = "alice"
        links = navigation.navigation_links(request)["nav_links"]
        assert asked == []
        assert [link["label"] for link in links][-2:] == ["Catalogue bis", "Compté"]
        assert asked == ["alice"]
    finally:
        navigation.unregister("core:legal")


def test_a_page_without_a_user_has_no_links(registered):
    """An error page answered before the authentication middleware (an unserved host)."""
    request = RequestFactory().get("/")
    assert list(navigation.navigation_links(request)["nav_links"]) == []


def test_links_come_by_their_order_then_as_registered(registered):
    navigation.register("Plus tard", "core:data", lambda user: True, order=80)
    navigation.register("D'abord", "core:legal", order=5)
    try:
        labels = [link["label"] for link in navigation.links_for("alice")]
        assert labels.index("D'abord") < labels.index("Catalogue bis") < labels.index("Plus tard")
        assert labels[0] == "D'abord"
    finally:
        navigation.unregister("core:data")
        navigation.unregister("core:legal")


def test_a_link_without_predicate_is_for_everyone():
    navigation.register("Public", "core:legal")
    try:
        for user in ("alice", "bob", None):
            assert "Public" in [link["label"] for link in navigation.links_for(user)]
    finally:
        navigation.unregister("core:legal")


@pytest.mark.django_db
def test_the_header_shows_the_public_sections_and_about_last(client):
    """Anyone, signed in or not, finds the services, the clubs and the training from any page;
    « À propos et sources » closes the list."""
    html = client.get("/").content.decode()
    nav = html[html.index('aria-label="Navigation principale"') : html.index("</nav>")]
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert labels == [
        "Accueil",
        "Catalogue",
        "Services locaux",
        "Clubs et rencontres",
        "Formation des élus",
        "À propos et sources",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/services/", "Services locaux"),
        ("/clubs/", "Clubs et rencontres"),
        ("/formation/", "Formation des élus"),
        ("/a-propos/", "À propos et sources"),
    ],
)
def test_the_header_marks_the_current_section(client, path, current):
    html = client.get(path).content.decode()
    nav = html[html.index('aria-label="Navigation principale"') : html.index("</nav>")]
    marked = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', nav)
    assert marked == [current]
