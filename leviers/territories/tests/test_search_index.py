import pytest

from leviers.territories.search import Entry, SearchIndex, search_territories


def commune(code, name, department, population, postal=()):
    return Entry("commune", code, name, department, "", population, tuple(postal))


@pytest.fixture
def index():
    return SearchIndex(
        [
            commune("72013", "Aubigné-Racan", "72", 2158, ["72800"]),
            commune("53180", "Pommerieux", "53", 667, ["53400"]),
            commune("49127", "Durtal", "49", 3386, ["49430"]),
            commune("35288", "Saint-Malo", "35", 47439, ["35400"]),
            commune("44176", "Saint-Malo-de-Guersac", "44", 3203, ["44550"]),
            commune("93066", "Saint-Denis", "93", 113000, ["93200"]),
            commune("97411", "Saint-Denis", "974", 153000, ["97400"]),
            commune("01001", "L'Abergement-Clémenciat", "01", 860, ["01400"]),
            Entry("epci", "245300330", "CC du Pays de Craon", population=28000, epci_kind="CC"),
        ]
    )


def names(entries):
    return [e.name for e in entries]


def test_accents_case_and_hyphens_are_forgiven(index):
    assert names(index.search("aubigne racan")) == ["Aubigné-Racan"]
    assert names(index.search("AUBIGNÉ-RACAN")) == ["Aubigné-Racan"]


def test_any_word_of_the_name_matches(index):
    assert names(index.search("racan")) == ["Aubigné-Racan"]


def test_st_means_saint_and_exact_name_ranks_first(index):
    assert names(index.search("st malo")) == ["Saint-Malo", "Saint-Malo-de-Guersac"]


def test_apostrophes_are_forgiven(index):
    assert names(index.search("l abergement")) == ["L'Abergement-Clémenciat"]
    assert names(index.search("abergement clemenciat")) == ["L'Abergement-Clémenciat"]


def test_the_spelling_typed_wins_among_homonyms():
    index = SearchIndex(
        [commune("57547", "Pommérieux", "57", 755), commune("53180", "Pommerieux", "53", 667)]
    )
    assert [e.code for e in index.search("pommerieux")] == ["53180", "57547"]
    assert [e.code for e in index.search("Pommérieux")] == ["57547", "53180"]


def test_postal_code_and_insee_code(index):
    assert names(index.search("49430")) == ["Durtal"]
    assert names(index.search("53180")) == ["Pommerieux"]


def test_homonyms_are_narrowed_by_a_trailing_department(index):
    assert [e.code for e in index.search("saint denis")] == ["97411", "93066"]
    assert [e.code for e in index.search("saint denis 93")] == ["93066"]


def test_epci_is_found_by_a_word_of_its_name(index):
    assert names(index.search("craon")) == ["CC du Pays de Craon"]


def test_too_short_or_empty_queries_return_nothing(index):
    assert index.search("a") == []
    assert index.search("  -- ") == []


@pytest.mark.django_db
def test_the_real_referential_finds_the_seed_communes():
    assert search_territories("aubigne racan")[0].code == "72013"
    assert search_territories("49430")[0].name == "Durtal"
    assert search_territories("53180")[0].name == "Pommerieux"
    durtal = search_territories("durtal")[0]
    assert (durtal.department_code, durtal.department_name) == ("49", "Maine-et-Loire")


def test_a_missing_letter_is_forgiven(index):
    assert names(index.search("pomerieux")) == ["Pommerieux"]


def test_a_changed_added_or_swapped_letter_is_forgiven(index):
    assert names(index.search("pommerieus")) == ["Pommerieux"]
    assert names(index.search("pommerrieux")) == ["Pommerieux"]
    assert names(index.search("pommeireux")) == ["Pommerieux"]
    assert names(index.search("aubigne racna")) == ["Aubigné-Racan"]


def test_long_words_forgive_two_letters_short_words_none(index):
    assert names(index.search("pomerieus")) == ["Pommerieux"]
    assert names(index.search("durtla")) == ["Durtal"]
    assert names(index.search("dutral 49")) == ["Durtal"]
    assert names(index.search("pmerieus")) == []  # three letters off
    assert names(index.search("malp")) == ["Saint-Malo", "Saint-Malo-de-Guersac"]
    assert names(index.search("mlao")) == ["Saint-Malo", "Saint-Malo-de-Guersac"]
    assert names(index.search("mal'o")) == []  # "mal o": words of three letters are as typed


def test_typos_are_looked_for_only_when_nothing_matches_as_typed():
    index = SearchIndex([commune("1", "Durtal", "49", 3386), commune("2", "Durtol", "63", 2000)])
    assert names(index.search("durtal")) == ["Durtal"]
    assert names(index.search("durtel")) == ["Durtal", "Durtol"]


def test_an_intercommunality_with_or_without_its_kind_and_by_siren(index):
    for query in (
        "Communauté de communes du Pays de Craon",
        "communaute de communes pays de craon",
        "CC Pays de Craon",
        "pays de craon",
        "245300330",
    ):
        assert names(index.search(query)) == ["CC du Pays de Craon"], query


def test_the_count_of_all_matches_comes_with_the_first_ones(index):
    entries, total = index.search_counted("saint", limit=2)
    assert len(entries) == 2
    assert total == 4
