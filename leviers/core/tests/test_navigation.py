"""The header's links added by higher apps (core/navigation.py): shown only to whom their
predicate allows, marked current on their app's pages."""

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
