"""Nothing lost, easy to continue (issue 11, point 7): the roadmap keeps the description, its
edit page leads back to the recommendations, adds what was forgotten, and mails its links."""

import pytest
from django.core import mail

from leviers.journey.models import MAX_ITEMS, Roadmap

pytestmark = pytest.mark.django_db

SITUATION = {
    "commune": "53180",
    "besoin": ["commerce"],
    "porteur": "commune",
    "texte": "rouvrir le bar dans l'ancien foyer",
}


@pytest.fixture
def roadmap(client, shipped_catalogue) -> Roadmap:
    data = {**SITUATION, "levier": ["cafe-associatif"], "dispositif": ["rural-consult"]}
    assert client.post("/projets/feuilles-de-route/", data).status_code == 302
    return Roadmap.objects.get()


def test_the_roadmap_keeps_the_description_and_links_back_with_it(client, roadmap):
    shared = client.get(roadmap.get_absolute_url()).content.decode()
    assert "<dt>En quelques mots</dt><dd>rouvrir le bar dans l&#x27;ancien foyer</dd>" in shared
    edit = client.get(roadmap.get_edit_url()).content.decode()
    assert "Revoir les recommandations" in edit
    assert "texte=rouvrir+le+bar" in edit


def test_the_pdf_keeps_the_description(client, roadmap):
    from leviers.journey.pdf import roadmap_blocks
    from leviers.journey.views import roadmap_context

    request = client.get(roadmap.get_absolute_url()).wsgi_request
    blocks = roadmap_blocks(roadmap_context(request, roadmap), unicode_font=True)
    assert any("En quelques mots : rouvrir le bar" in getattr(b, "text", "") for b in blocks)


def test_a_forgotten_lever_and_scheme_can_be_added_after_the_others(client, roadmap):
    url = f"{roadmap.get_edit_url()}ajouter/"
    response = client.post(
        url, {"levier": "epicerie-solidaire-cooperative", "dispositif": "1000-cafes"}
    )
    assert response.status_code == 302
    items = list(roadmap.items.order_by("position").values_list("name", "position"))
    assert [position for _, position in items] == [1, 2, 3, 4]
    assert items[2][0].startswith("Épicerie") and items[3][0] == "1000 cafés"
    # What is already there is no longer offered, and adding it again is refused in French.
    edit = client.get(roadmap.get_edit_url()).content.decode()
    assert '<option value="1000-cafes">' not in edit and '<option value="dla">' in edit
    again = client.post(url, {"dispositif": "1000-cafes"})
    assert again.status_code == 400
    assert "déjà dans la feuille de route" in again.content.decode()
    assert roadmap.items.count() == 4


def test_adding_an_unknown_slug_or_too_many_changes_nothing(client, roadmap):
    url = f"{roadmap.get_edit_url()}ajouter/"
    assert client.post(url, {"levier": "inconnu"}).status_code == 400
    assert roadmap.items.count() == 2
    from leviers.catalogue.models import Scheme

    many = list(Scheme.objects.exclude(slug="rural-consult").values_list("slug", flat=True))
    response = client.post(url, {"dispositif": many[:MAX_ITEMS]})
    assert response.status_code == 400 and "au plus" in response.content.decode()
    assert roadmap.items.count() == 2


def test_the_links_are_mailed_and_the_address_is_not_kept(client, roadmap):
    url = f"{roadmap.get_edit_url()}courriel/"
    response = client.post(url, {"email": "maire@pommerieux.fr"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maire@pommerieux.fr"]
    assert roadmap.get_absolute_url() in message.body and roadmap.get_edit_url() in message.body
    roadmap.refresh_from_db()
    assert "pommerieux.fr" not in str(Roadmap.objects.values().get())


def test_a_bad_address_is_refused_in_french(client, roadmap):
    response = client.post(f"{roadmap.get_edit_url()}courriel/", {"email": "maire@"})
    assert response.status_code == 400
    assert "Adresse électronique invalide" in response.content.decode()
    assert not mail.outbox


def test_link_mails_are_rate_limited(client, roadmap):
    url = f"{roadmap.get_edit_url()}courriel/"
    statuses = [client.post(url, {"email": f"a{n}@exemple.fr"}).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
