"""Creating a roadmap twice from one page gives one roadmap: a double click, or nginx sending
the request again to another app server when the first one died before answering (it may have
created the roadmap already). The page's form carries a token drawn when it is drawn (`jeton`);
the same token with the same choices finds the roadmap already made."""

import re

import pytest

from leviers.journey.actions import roadmap_create, roadmap_request_key
from leviers.journey.models import Roadmap

pytestmark = pytest.mark.django_db

NEW = "/projets/feuilles-de-route/"
PAGE = (
    "/projets/recommandations/?commune=53180&besoin=commerce&besoin=lien-social"
    "&porteur=commune&etape=emergence&reponse=deux-agents-24h%3Doui"
)
SITUATION = {
    "commune": "53180",
    "besoin": ["commerce", "lien-social"],
    "porteur": "commune",
    "etape": "emergence",
    "reponse": "deux-agents-24h=oui",
}
TOKEN = re.compile(r'<input type="hidden" name="jeton" value="([\w-]+)">')


def _form(client) -> dict:
    """What the recommendations page's form sends, with a lever and a scheme ticked."""
    (token,) = TOKEN.findall(client.get(PAGE).content.decode())
    return {
        **SITUATION,
        "jeton": token,
        "levier": ["cafe-associatif"],
        "dispositif": ["rural-consult"],
    }


def test_each_drawing_of_the_page_gives_its_form_another_token(client, shipped_catalogue):
    assert _form(client)["jeton"] != _form(client)["jeton"]


def test_the_same_form_sent_twice_gives_one_roadmap(client, shipped_catalogue):
    form = _form(client)
    first, again = client.post(NEW, form), client.post(NEW, form)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Roadmap.objects.count() == 1


def test_the_same_page_sent_with_other_choices_gives_another_roadmap(client, shipped_catalogue):
    form = _form(client)
    first = client.post(NEW, form)
    other = client.post(NEW, {**form, "dispositif": ["france-services"]})
    assert other["Location"] != first["Location"]
    assert Roadmap.objects.count() == 2


def test_two_pages_with_the_same_choices_give_two_roadmaps(client, shipped_catalogue):
    client.post(NEW, _form(client))
    client.post(NEW, _form(client))
    assert Roadmap.objects.count() == 2


def test_a_form_without_a_token_still_creates_each_time(client, shipped_catalogue):
    form = {key: value for key, value in _form(client).items() if key != "jeton"}
    client.post(NEW, form)
    client.post(NEW, form)
    assert Roadmap.objects.count() == 2


def test_a_repeated_creation_is_answered_even_past_the_rate_limit(client, shipped_catalogue):
    from leviers.journey.views import CREATIONS_PER_WINDOW

    form = _form(client)
    other = {key: value for key, value in form.items() if key != "jeton"}  # (no page to draw)
    first = client.post(NEW, form)
    for _ in range(CREATIONS_PER_WINDOW - 1):
        client.post(NEW, other)
    assert client.post(NEW, other).status_code == 429
    again = client.post(NEW, form)
    assert (again.status_code, again["Location"]) == (302, first["Location"])


def test_two_servers_creating_at_once_end_with_one_roadmap(shipped_catalogue):
    """The request sent again reaches the second server while the first one is still writing:
    the second insert meets the first one's tokens (unique) and answers with its roadmap."""
    from django.utils.datastructures import MultiValueDict

    from leviers.catalogue.profiles import read_situation

    form = MultiValueDict({key: v if isinstance(v, list) else [v] for key, v in SITUATION.items()})
    key = roadmap_request_key(
        MultiValueDict({**form, "jeton": ["abc"], "levier": ["cafe-associatif"]})
    )
    situation = read_situation(form)
    first = roadmap_create(situation, ["cafe-associatif"], [], "", request_key=key)
    second = roadmap_create(situation, ["cafe-associatif"], [], "", request_key=key)
    assert second.pk == first.pk
    assert Roadmap.objects.count() == 1
    assert first.items.count() == 1


def test_the_links_of_a_roadmap_cannot_be_read_from_its_page_token(client, shipped_catalogue):
    form = _form(client)
    client.post(NEW, form)
    roadmap = Roadmap.objects.get()
    for token in (roadmap.public_token, roadmap.edit_token):
        assert form["jeton"] not in token and len(token) >= 32
    assert roadmap.public_token != roadmap.edit_token
