"""`TextIndex.search_page`: the count of what a query finds, one page of it, and a filter."""

import pytest

from leviers.catalogue.textsearch import Document, TextIndex


def doc(kind, slug, title, body=""):
    return Document(kind, slug, title, ((title, 3.0), (body, 1.0)))


@pytest.fixture
def index():
    documents = [doc("scheme", f"aide-{i:02d}", f"Aide à l'épicerie n° {i:02d}") for i in range(30)]
    documents += [
        doc("lever", "epicerie", "Épicerie solidaire", "une épicerie de village"),
        doc("lever", "cafe", "Café associatif", "avec un rayon épicerie"),
        doc("resource", "guide", "Guide du café", "monter un café"),
    ]
    return TextIndex(documents)


def slugs(hits):
    return [h.document.slug for h in hits]


def test_pages_cut_the_ranking_that_search_gives(index):
    everything = index.search("épicerie", limit=100)
    total, first = index.search_page("épicerie", limit=10)
    _, third = index.search_page("épicerie", offset=20, limit=10)
    assert total == len(everything) == 32
    assert slugs(first) == slugs(everything[:10])
    assert slugs(third) == slugs(everything[20:30])
    assert index.search_page("épicerie", offset=40, limit=10) == (32, [])


def test_count_follows_kinds_and_the_filter(index):
    assert index.search_page("épicerie", {"lever"})[0] == 2
    total, hits = index.search_page("épicerie", where=lambda d: d.slug.endswith("7"))
    assert (total, slugs(hits)) == (3, ["aide-07", "aide-17", "aide-27"])


def test_equal_matches_are_ordered_by_title(index):
    _, hits = index.search_page("aide", limit=5)
    assert slugs(hits) == ["aide-00", "aide-01", "aide-02", "aide-03", "aide-04"]


def test_documents_matching_every_word_hide_the_others_after_the_filter(index):
    assert slugs(index.search_page("café épicerie")[1]) == ["cafe"]
    # Without the café that matches both words, those matching one word are shown.
    total, hits = index.search_page("café épicerie", limit=50, where=lambda d: d.slug != "cafe")
    assert total == 32
    assert {"guide", "epicerie"} <= set(slugs(hits))


def test_nothing_to_search_finds_nothing(index):
    assert index.search_page("de la") == (0, [])
