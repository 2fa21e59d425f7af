"""The journal's search by initials or pseudonym: sent by POST and answered with the results
page itself, its pages too, so that what is typed about a person is in no address — not in
nginx's or gunicorn's access log, a Referer or the browser's history (issue 14)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from leviers.outreach.models import Person
from leviers.territories.models import Commune

TYPED = "Zoé Q"


def _addresses(page: str) -> list[str]:
    """Every address a page holds: its links, its forms' targets, its sources."""
    return re.findall(r'(?:href|action|src|formaction)="([^"]*)"', page)


def _carrying_the_query(page: str) -> list[str]:
    """The page's addresses that carry what was typed, as written or encoded. (Not any « zo »:
    a public id may hold those two letters by chance.)"""
    forms = {"q=", "zoé", "zo%c3%a9", "zo%e9", "zo%20q", "zo+q"}
    return [a for a in _addresses(page) if any(form in a.lower() for form in forms)]


@pytest.fixture
def journal(client, world):
    """55 people whose label holds what the worker will type, and the record of world."""
    commune = Commune.objects.get(code="53180")
    Person.objects.bulk_create(
        Person(organisation=world.team, commune=commune, label=f"{TYPED}{index:02}")
        for index in range(55)
    )
    client.force_login(world.users["intervenant"])
    return reverse("outreach:journal", args=[world.team.public_id])


@pytest.mark.django_db
def test_the_search_form_is_sent_by_post(client, journal):
    page = unescape(client.get(journal).content.decode())
    form = re.search(r'<form method="(\w+)"[^>]*role="search"', page)
    assert form and form.group(1) == "post"
    assert "csrfmiddlewaretoken" in page.split('role="search"')[1].split("</form>")[0]


@pytest.mark.django_db
def test_the_results_and_their_pages_come_back_without_the_query_in_any_address(client, journal):
    response = client.post(journal, {"q": TYPED.lower()})
    assert response.status_code == 200  # answered here: no redirection carrying the query
    page = unescape(response.content.decode())
    first = re.findall(rf">({TYPED}\d\d)</strong>", page)
    assert len(first) == 50 and "M. D." not in page
    assert "Page 1 sur 2" in page
    assert not _carrying_the_query(page)
    # The next page: a button of a POST form carrying the query, not a link.
    assert '<button class="button button-secondary" name="page" value="2">' in page
    assert 'name="q" value="zoé q"' in page

    page = unescape(client.post(journal, {"q": TYPED.lower(), "page": "2"}).content.decode())
    second = re.findall(rf">({TYPED}\d\d)</strong>", page)
    assert len(second) == 5 and not set(first) & set(second)
    assert "Page 2 sur 2" in page
    assert not _carrying_the_query(page)


@pytest.mark.django_db
def test_a_query_in_the_address_is_not_read(client, journal):
    """An old bookmark `?q=`: the journal as it is, the query neither used nor shown back."""
    page = unescape(client.get(journal, {"q": "M. D."}).content.decode())
    assert "Page 1 sur 2" in page and TYPED in page
    assert 'value="M. D."' not in page


@pytest.mark.django_db
def test_nobody_matches(client, journal):
    page = unescape(client.post(journal, {"q": "XY"}).content.decode())
    assert "Personne ne correspond à « XY »." in page
    assert "Voir toutes les personnes" in page
