"""The older-people sub-taxonomy maps onto data·inclusion's own thématiques."""

from data_inclusion.schema.v1 import Thematique

from leviers.services import phones
from leviers.services.taxonomy import BY_SLUG, LOCAL_THEMES, thematiques_for

BRIEF = {
    "ccas",
    "france-services",
    "aide-a-domicile",
    "portage-repas",
    "transport-solidaire",
    "teleassistance",
    "adaptation-logement",
    "visites-isolement",
}


def test_every_mapped_thematique_exists_in_the_schema():
    known = {t.value for t in Thematique}
    for theme in LOCAL_THEMES:
        assert theme.thematiques, theme.slug
        assert set(theme.thematiques) <= known, theme.slug


def test_the_themes_the_issue_names_are_there_with_french_labels():
    assert set(BY_SLUG) >= BRIEF
    assert BY_SLUG["portage-repas"].label == "Portage de repas à domicile"


def test_thematiques_for_keeps_order_without_repeats():
    assert thematiques_for(["aide-a-domicile", "teleassistance"]) == [
        "equipement-et-alimentation--aide-menagere",
        "famille--prise-en-charge-personne-dependante",
    ]


def test_phone_links_and_reading():
    assert phones.tel_uri("02 43 07 00 00") == "tel:+33243070000"
    assert phones.tel_uri("+33 2 43 07 00 00") == "tel:+33243070000"
    assert phones.tel_uri("3977") == "tel:3977"
    assert phones.tel_uri("") == ""
    assert phones.readable("+33243090909") == "02 43 09 09 09"
    assert phones.readable("0243070000") == "02 43 07 00 00"
    assert phones.readable("3977") == "3977"
