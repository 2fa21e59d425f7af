import pytest

from leviers.catalogue.textsearch import Document, TextIndex, stem, terms


def doc(kind, slug, title, body=""):
    return Document(kind, slug, title, ((title, 3.0), (body, 1.0)))


@pytest.fixture
def index():
    return TextIndex(
        [
            doc("lever", "epicerie", "Épicerie solidaire", "Une épicerie tenue par des bénévoles"),
            doc("lever", "tiers-lieu", "Tiers-lieu rural", "Un lieu partagé pour travailler"),
            doc("lever", "cafe", "Café associatif multiservice", "bar, dépôt de pain, commerce"),
            doc("scheme", "locaux", "Aller-vers contre le non-recours", "par des locaux moteurs"),
            doc("resource", "guide", "Guide des coopératives", "SCIC et SCOP en milieu rural"),
            doc("lever", "jardin", "Jardin partagé", "les bénévoles y cultivent une épicerie"),
        ]
    )


def slugs(hits):
    return [h.document.slug for h in hits]


def test_plurals_and_accents_are_forgiven(index):
    assert slugs(index.search("épiceries solidaires")) == ["epicerie"]
    assert slugs(index.search("EPICERIE SOLIDAIRE")) == ["epicerie"]


def test_hyphenated_compound_matches_spaced_plural(index):
    assert slugs(index.search("tiers lieux")) == ["tiers-lieu"]


def test_feminine_and_masculine_forms_meet(index):
    assert stem("associative") == stem("associatifs")
    assert slugs(index.search("cafés associatifs")) == ["cafe"]


def test_spelling_slips_and_unfinished_words(index):
    assert slugs(index.search("epicrie")) == ["epicerie", "jardin"]
    assert slugs(index.search("coop")) == ["guide"]


def test_title_matches_rank_before_body_matches(index):
    assert slugs(index.search("épicerie")) == ["epicerie", "jardin"]


def test_kind_filter_and_stopwords(index):
    assert slugs(index.search("rural", kinds={"resource"})) == ["guide"]
    assert terms("le la les de des") == []
    assert index.search("de la") == []


def test_documents_matching_every_word_hide_partial_matches(index):
    assert slugs(index.search("café pain")) == ["cafe"]
