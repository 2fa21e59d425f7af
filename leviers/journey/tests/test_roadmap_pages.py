"""Roadmaps: created from the recommendations, read by the share link, edited by the other."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leviers.journey.models import MAX_ITEMS, Roadmap

pytestmark = pytest.mark.django_db

NEW = "/projets/feuilles-de-route/"
SITUATION = {
    "commune": "53180",
    "besoin": ["commerce", "lien-social"],
    "porteur": "commune",
    "etape": "emergence",
    "reponse": "deux-agents-24h=oui",
}


def create(client, **extra):
    data = {**SITUATION, "levier": ["cafe-associatif"], "dispositif": ["rural-consult"], **extra}
    return client.post(NEW, data)


def test_creating_keeps_the_profile_and_gives_the_edit_link(client, shipped_catalogue):
    response = create(client, dispositif=["rural-consult", "france-services"])
    roadmap = Roadmap.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/projets/feuilles-de-route/modifier/{roadmap.edit_token}/"
    assert roadmap.commune_id == "53180"
    assert roadmap.title == "Feuille de route — Pommerieux"
    assert roadmap.needs == ["commerce", "lien-social"]
    assert (roadmap.beneficiary, roadmap.stage) == ("commune", "emergence")
    assert roadmap.answers == {"deux-agents-24h": True}
    assert [i.name for i in roadmap.items.all()] == [
        "Café ou bar associatif multiservice",
        "Rural Consult",
        "Label France Services",
    ]
    assert roadmap.public_token != roadmap.edit_token and len(roadmap.public_token) >= 32


def test_share_link_is_read_only_with_verdicts_and_reasons(client, shipped_catalogue):
    create(client)
    roadmap = Roadmap.objects.get()
    html = client.get(roadmap.get_absolute_url()).content.decode()
    assert "<form" not in html.split('id="contenu"')[1]
    assert roadmap.edit_token not in html
    assert "Rural Consult" in html and "Éligible" in html
    assert "Pommerieux compte 667 habitants (INSEE, COG 2026)" in html
    assert f"http://testserver{roadmap.get_absolute_url()}" in html


def test_edit_link_saves_next_steps_contacts_and_deadlines(client, shipped_catalogue):
    create(client)
    roadmap = Roadmap.objects.get()
    page = client.get(roadmap.get_edit_url()).content.decode()
    assert "sans son accord" in page  # the warning about private persons' numbers
    first, second = roadmap.items.all()
    response = client.post(
        roadmap.get_edit_url(),
        {
            "feuille-title": "Un café pour Pommerieux",
            "element-TOTAL_FORMS": "2",
            "element-INITIAL_FORMS": "2",
            "element-MIN_NUM_FORMS": "0",
            "element-MAX_NUM_FORMS": str(MAX_ITEMS),
            "element-0-id": first.pk,
            "element-0-position": "2",
            "element-0-next_step": "Présenter le projet au conseil municipal",
            "element-0-contact": "CEAS 72",
            "element-0-deadline": "2026-03-15",
            "element-0-notes": "",
            "element-1-id": second.pk,
            "element-1-position": "1",
            "element-1-next_step": "",
            "element-1-contact": "",
            "element-1-deadline": "",
            "element-1-notes": "",
            "element-1-DELETE": "on",
        },
    )
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.title == "Un café pour Pommerieux"
    (item,) = roadmap.items.all()
    assert item.next_step == "Présenter le projet au conseil municipal"
    assert item.deadline == datetime.date(2026, 3, 15)
    view = client.get(roadmap.get_absolute_url()).content.decode()
    assert "Présenter le projet au conseil municipal" in view and "15 mars 2026" in view


def test_a_bad_date_is_refused_in_french(client, shipped_catalogue):
    create(client)
    roadmap = Roadmap.objects.get()
    (lever, scheme) = roadmap.items.all()
    data = {
        "feuille-title": "x",
        "element-TOTAL_FORMS": "1",
        "element-INITIAL_FORMS": "1",
        "element-MIN_NUM_FORMS": "0",
        "element-MAX_NUM_FORMS": "30",
        "element-0-id": lever.pk,
        "element-0-position": "1",
        "element-0-deadline": "demain",
    }
    response = client.post(roadmap.get_edit_url(), data)
    assert response.status_code == 400
    assert "Saisissez une date valide." in response.content.decode()


def test_unknown_tokens_are_not_found(client):
    assert client.get("/projets/feuilles-de-route/inconnu/").status_code == 404
    assert client.get("/projets/feuilles-de-route/modifier/inconnu/").status_code == 404


def test_nothing_chosen_is_refused(client, shipped_catalogue):
    response = client.post(NEW, SITUATION)
    assert response.status_code == 400
    assert "Cochez au moins un levier" in response.content.decode()
    assert not Roadmap.objects.exists()


def test_more_than_30_items_is_refused(client, shipped_catalogue):
    from leviers.catalogue.models import Scheme

    slugs = list(Scheme.objects.values_list("slug", flat=True)[:31])
    assert len(slugs) == 31
    response = create(client, levier=[], dispositif=slugs)
    assert response.status_code == 400
    assert "au plus 30" in response.content.decode()
    # The real count, not that of the first 31 read; and the way back keeps the ticks.
    many = list(Scheme.objects.values_list("slug", flat=True)[:40])
    html = create(client, levier=["cafe-associatif"], dispositif=many).content.decode()
    assert "(41 cochés)" in html
    assert "levier=cafe-associatif" in html


def test_unknown_slug_is_refused(client, shipped_catalogue):
    response = create(client, levier=["cafe-associatif", "pas-un-levier"])
    assert response.status_code == 400
    assert "pas-un-levier" in response.content.decode()


def test_creations_are_rate_limited_per_address(client, shipped_catalogue):
    from leviers.journey.views import CREATIONS_PER_WINDOW

    for _ in range(CREATIONS_PER_WINDOW):
        assert create(client).status_code == 302
    response = create(client)
    assert response.status_code == 429
    assert Roadmap.objects.count() == CREATIONS_PER_WINDOW


def test_creation_needs_the_csrf_token(shipped_catalogue):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        NEW, {**SITUATION, "levier": "cafe-associatif"}
    )
    assert response.status_code == 403


def test_pdf_is_an_a4_document_naming_the_commune(client, shipped_catalogue):
    create(client)
    roadmap = Roadmap.objects.get()
    roadmap.items.filter(position=1).update(
        next_step="Réunir le conseil", contact="CEAS 72", deadline=datetime.date(2026, 3, 15)
    )
    response = client.get(roadmap.get_pdf_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "feuille-de-route-pommerieux.pdf" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"%PDF-")
    # A4 in points, one page at least.
    assert re.search(rb"/MediaBox \[0 0 595\.28 841\.89\]", content)
    # Text is compressed; the document's own metadata is not.
    assert b"/Title (Feuille de route)" in content


def test_pdf_falls_back_to_a_core_font_without_dejavu(client, shipped_catalogue, monkeypatch):
    from pathlib import Path

    from leviers.journey import pdf

    monkeypatch.setattr(pdf, "DEJAVU", Path("/nonexistent"))
    create(client, titre="Feuille de route œcuménique — Pommerieux")
    Roadmap.objects.get().items.update(next_step="Réunir l’équipe…", contact="Mairie")
    response = client.get(Roadmap.objects.get().get_pdf_url())
    assert response.status_code == 200
    assert b"/BaseFont /Helvetica" in response.content


def test_roadmap_pages_query_counts_are_pinned(client, shipped_catalogue):
    create(client)
    roadmap = Roadmap.objects.get()
    client.get(roadmap.get_absolute_url())  # builds the per-process catalogue snapshot
    # Roadmap with its commune, items with their entries; datasets, commune, programmes (2),
    # the snapshot's stamp. The same for the edit page: the formset reads the prefetched items
    # (messages live in a cookie); and the levers and schemes that can still be added (2).
    for url, count in ((roadmap.get_absolute_url(), 7), (roadmap.get_edit_url(), 9)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == count, "\n".join(q["sql"] for q in queries.captured_queries)


def test_an_extra_form_slipped_into_the_edit_post_is_ignored(client, shipped_catalogue):
    create(client)
    roadmap = Roadmap.objects.get()
    first, second = roadmap.items.all()
    data = {
        "feuille-title": "Titre changé",
        "element-TOTAL_FORMS": "3",  # one form more than the roadmap has items
        "element-INITIAL_FORMS": "2",
        "element-MIN_NUM_FORMS": "0",
        "element-MAX_NUM_FORMS": str(MAX_ITEMS),
    }
    for n, item in enumerate((first, second)):
        data |= {f"element-{n}-id": item.pk, f"element-{n}-position": str(n + 1)}
    data |= {"element-2-position": "3", "element-2-next_step": "Forgé à la main"}
    response = client.post(roadmap.get_edit_url(), data)
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.title == "Titre changé"
    assert roadmap.items.count() == 2
    assert not roadmap.items.filter(next_step="Forgé à la main").exists()
