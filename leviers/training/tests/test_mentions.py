"""A catalogue page names the training modules that use its entry (catalogue/mentions.py)."""

import pytest
from django.urls import reverse

from leviers.catalogue.mentions import mentions_of

pytestmark = pytest.mark.django_db


def test_a_lever_page_shows_the_module_that_links_to_it(training, client):
    page = client.get(reverse("catalogue:lever", args=["guinguette-associative"])).content
    page = page.decode()
    assert "Module de formation : Co-construire avec les habitants" in page
    assert reverse("training:module", args=["co-construction-habitants"]) in page


def test_an_experience_studied_as_a_case_is_mentioned(training):
    texts = [m.text for m in mentions_of("experience", "aubigne-racan-tiers-lieu")]
    assert "Module de formation : Financer un projet d'ESS" in texts


def test_an_entry_no_module_uses_has_no_training_mention(training):
    texts = [m.text for m in mentions_of("lever", "groupement-employeurs")]
    assert not [t for t in texts if t.startswith("Module de formation")]
