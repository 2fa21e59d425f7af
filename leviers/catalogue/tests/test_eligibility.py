"""The eligibility engine on its own: plain Python, no database.

Expected sentences are written by hand from the rules (docs/format-catalogue.md and
/work/shared/research/schemes.md), not copied from the code's output.
"""

import datetime

import pytest

from leviers.catalogue.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    TO_CHECK,
    CompiledSchemes,
    CriteriaError,
    Fact,
    Profile,
    Question,
    Territory,
    evaluate,
    fact,
    parse_criteria,
    perimeter_criterion,
    scheme_criteria,
    status_criteria,
)
from leviers.testing.catalogue import compile_catalogue, synthetic_catalogue

S = "\u00a0"  # thousands separator (no-break space, as Django's French intcomma)
COG = "INSEE, COG 2026"
DENSITY = "INSEE, grille de densité 2025"
PVD = "ANCT, liste de janvier 2021"

RURAL_CONSULT = [
    {
        "any_of": [
            [{"beneficiary": ["commune"]}, {"commune_population": {"lt": 5000}}],
            [{"beneficiary": ["epci"]}, {"epci_type": ["CC"]}, {"epci_population": {"lt": 50000}}],
        ]
    }
]


def pommerieux(**changes) -> Territory:
    values = dict(
        commune_name="Pommerieux",
        commune_code="53180",
        population=Fact(667, COG),
        density_level=Fact(6, DENSITY),
        department="53",
        department_name="Mayenne",
        region="52",
        region_name="Pays de la Loire",
        epci_code="200048551",
        epci_name="CC du Pays de Craon",
        epci_type=Fact("CC", COG),
        epci_population=Fact(28594, COG),
        programmes={"petites-villes-de-demain": Fact(False, PVD)},
        referential=COG,
    )
    values.update(changes)
    return Territory(**values)


def craon_alone(**changes) -> Territory:
    values = dict(
        epci_code="200048551",
        epci_name="CC du Pays de Craon",
        epci_type=Fact("CC", COG),
        epci_population=Fact(28594, COG),
        department="53",
        region="52",
        referential=COG,
    )
    values.update(changes)
    return Territory(**values)


def profile(territory=None, beneficiary="commune", stage="emergence", answers=None):
    return Profile(territory or pommerieux(), beneficiary, stage, answers or {})


def check(raw_criterion, prof=None):
    """The single reason given for one criterion."""
    verdict = evaluate(
        parse_criteria([raw_criterion], where="dispositif « test »"), prof or profile()
    )
    assert len(verdict.reasons) == 1
    return verdict.reasons[0]


# Population thresholds


def test_commune_under_5000_is_eligible_to_rural_consult():
    verdict = evaluate(
        parse_criteria(RURAL_CONSULT, where="dispositif « rural-consult »"), profile()
    )
    assert verdict.status == "eligible"
    (reason,) = verdict.reasons
    assert reason.met is True
    assert (
        f"Pommerieux compte 667 habitants (INSEE, COG 2026) : moins de 5{S}000, condition remplie."
        in [d.text for d in reason.details]
    )


def test_commune_over_5000_is_not_eligible_to_rural_consult():
    laval = pommerieux(commune_name="Laval", commune_code="53130", population=Fact(49728, COG))
    verdict = evaluate(parse_criteria(RURAL_CONSULT, where="x"), profile(laval))
    assert verdict.status == "not_eligible"
    assert (
        f"Laval compte 49{S}728 habitants (INSEE, COG 2026) : 5{S}000 ou plus, "
        "condition non remplie." in [d.text for d in verdict.reasons[0].details]
    )


@pytest.mark.parametrize(
    "comparator, population, met, phrase",
    [
        ("lt", 4999, True, f"moins de 5{S}000"),
        ("lt", 5000, False, f"5{S}000 ou plus"),
        ("lte", 5000, True, f"5{S}000 ou moins"),
        ("lte", 5001, False, f"plus de 5{S}000"),
        ("gt", 5000, False, f"5{S}000 ou moins"),
        ("gt", 5001, True, f"plus de 5{S}000"),
        ("gte", 5000, True, f"5{S}000 ou plus"),
        ("gte", 4999, False, f"moins de 5{S}000"),
    ],
)
def test_population_comparators_follow_their_bound(comparator, population, met, phrase):
    territory = pommerieux(population=Fact(population, COG))
    reason = check({"commune_population": {comparator: 5000}}, profile(territory))
    assert reason.met is met
    ending = "condition remplie." if met else "condition non remplie."
    figure = f"{population // 1000}{S}{population % 1000:03d}"
    assert reason.text == f"Pommerieux compte {figure} habitants ({COG}) : {phrase}, {ending}"


def test_missing_population_is_to_check_never_a_guess():
    reason = check({"commune_population": {"lt": 3500}}, profile(pommerieux(population=None)))
    assert reason.met is None
    assert reason.text == (
        f"La population de Pommerieux n'est pas connue ; ce dispositif demande une commune "
        f"de moins de 3{S}500 habitants : à vérifier."
    )


def test_a_commune_of_one_inhabitant_is_written_in_the_singular():
    reason = check(
        {"commune_population": {"lt": 100}}, profile(pommerieux(population=Fact(1, COG)))
    )
    assert reason.text.startswith("Pommerieux compte 1 habitant (")


def test_epci_population_cites_the_epci_and_its_source():
    reason = check({"epci_population": {"lt": 50000}})
    assert reason.met is True
    assert reason.text == (
        f"CC du Pays de Craon compte 28{S}594 habitants ({COG}) : moins de 50{S}000, "
        "condition remplie."
    )
    over = check({"epci_population": {"gte": 30000}})
    assert over.met is False
    assert f"moins de 30{S}000, condition non remplie." in over.text


def test_commune_without_a_known_epci_leaves_epci_criteria_to_check():
    alone = pommerieux(epci_code=None, epci_name="", epci_type=None, epci_population=None)
    reason = check({"epci_type": ["CC"]}, profile(alone))
    assert reason.met is None
    assert reason.text == (
        "L'intercommunalité de Pommerieux n'est pas connue ; ce dispositif demande une "
        "communauté de communes : à vérifier."
    )


# Who carries the project, and its stage


def test_association_is_not_eligible_to_a_scheme_for_local_authorities():
    reason = check({"beneficiary": ["commune", "epci"]}, profile(beneficiary="association"))
    assert reason.met is False
    assert reason.text == (
        "Le projet est porté par une association ; ce dispositif s'adresse aux communes et "
        "aux intercommunalités : condition non remplie."
    )


def test_listed_beneficiary_meets_the_criterion():
    reason = check({"beneficiary": ["association", "scic"]}, profile(beneficiary="scic"))
    assert reason.met is True
    assert reason.text == (
        "Le projet est porté par une SCIC ; ce dispositif s'adresse aux associations et aux "
        "SCIC : condition remplie."
    )


def test_unknown_beneficiary_is_to_check():
    reason = check({"beneficiary": ["commune"]}, profile(beneficiary=None))
    assert reason.met is None
    assert reason.text.endswith(": à vérifier.")
    assert "n'est pas précisé" in reason.text


def test_stage_is_met_only_when_listed():
    met = check({"stage": ["emergence", "etude"]}, profile(stage="etude"))
    assert met.met is True
    assert met.text == (
        "Le projet en est à l'étape « Étude de faisabilité » ; ce dispositif intervient aux "
        "étapes « Émergence de l'idée » et « Étude de faisabilité » : condition remplie."
    )
    assert check({"stage": ["consolidation"]}, profile(stage="etude")).met is False
    assert check({"stage": ["consolidation"]}, profile(stage=None)).met is None


# Density grid


def test_rural_commune_meets_rural_with_its_level_and_source():
    reason = check({"rural": True})
    assert reason.met is True
    assert reason.text == (
        "Pommerieux est au niveau 6 de la grille de densité, « Rural à habitat dispersé » "
        f"({DENSITY}) : commune rurale, condition remplie."
    )


@pytest.mark.parametrize("level, met", [(4, False), (5, True), (7, True), (1, False)])
def test_rural_means_levels_5_to_7(level, met):
    assert (
        check({"rural": True}, profile(pommerieux(density_level=Fact(level, DENSITY)))).met is met
    )


def test_unknown_density_is_to_check():
    reason = check({"rural": True}, profile(pommerieux(density_level=None)))
    assert reason.met is None
    assert reason.text == "La densité de Pommerieux n'est pas connue : à vérifier."


def test_names_starting_with_a_vowel_are_elided():
    ernee = pommerieux(commune_name="Ernée", commune_code="53096", density_level=None)
    assert check({"rural": True}, profile(ernee)).text.startswith("La densité d'Ernée ")


def test_density_level_lists_the_levels_asked():
    reason = check({"density_level": [4, 5]})
    assert reason.met is False
    assert reason.text.endswith(
        "; ce dispositif demande les niveaux 4 ou 5 de la grille de densité : "
        "condition non remplie."
    )
    assert check({"density_level": [6]}).met is True


# Programmes


def test_programme_membership_cites_the_imported_list():
    member = pommerieux(programmes={"petites-villes-de-demain": Fact(True, PVD)})
    reason = check({"programme": "petites-villes-de-demain"}, profile(member))
    assert reason.met is True
    assert reason.text == (
        f"Pommerieux fait partie du programme Petites Villes de Demain ({PVD}) : condition remplie."
    )
    outsider = check({"programme": "petites-villes-de-demain"})
    assert outsider.met is False
    assert outsider.text == (
        f"Pommerieux ne fait pas partie du programme Petites Villes de Demain ({PVD}) : "
        "condition non remplie."
    )


def test_programme_list_never_imported_is_asked_to_the_mayor():
    reason = check({"programme": "villages-d-avenir"})
    assert reason.met is None
    assert reason.question.text == "Votre commune est-elle lauréate de Villages d'avenir ?"
    assert "importée" not in reason.text


def test_the_mayors_answer_decides_a_programme_without_a_list():
    criteria = [perimeter_criterion({"programme": "france-ruralites-revitalisation"}, where="x")]
    asked = evaluate(criteria, profile())
    assert asked.status == TO_CHECK
    assert [q.id for q in asked.questions] == ["programme-france-ruralites-revitalisation"]
    qid = asked.questions[0].id
    assert evaluate(criteria, profile().answering({qid: True})).status == ELIGIBLE
    assert evaluate(criteria, profile().answering({qid: False})).status == NOT_ELIGIBLE


# Perimeters


def test_national_perimeter_is_always_met():
    verdict = evaluate([perimeter_criterion({"national": True}, where="x")], profile())
    assert verdict.status == "eligible"
    assert "tout le territoire national" in verdict.reasons[0].text


def test_department_perimeter_names_the_department_and_the_source():
    inside = evaluate([perimeter_criterion({"departments": ["53", "72"]}, where="x")], profile())
    assert inside.status == "eligible"
    assert inside.reasons[0].text == (
        f"Pommerieux est dans le département 53 – Mayenne ({COG}), couvert par ce dispositif : "
        "condition remplie."
    )
    outside = evaluate([perimeter_criterion({"departments": ["49", "72"]}, where="x")], profile())
    assert outside.status == "not_eligible"
    assert outside.reasons[0].text.endswith(
        "; ce dispositif couvre les départements 49 et 72 : condition non remplie."
    )


def test_region_criterion_and_unknown_region():
    assert check({"region": ["52"]}).met is True
    assert check({"region": ["53"]}).met is False
    unknown = check({"region": ["52"]}, profile(pommerieux(region=None)))
    assert unknown.met is None
    assert unknown.text == (
        "La région de Pommerieux n'est pas connue ; ce dispositif couvre la région 52 : à vérifier."
    )


def test_commune_list_perimeter():
    listed = evaluate([perimeter_criterion({"communes": ["53180"]}, where="x")], profile())
    assert listed.reasons[0].met is True
    assert "Pommerieux (53180) fait partie du périmètre de ce dispositif" in listed.reasons[0].text
    laureates = [f"{n:05d}" for n in range(1000, 3500)]
    other = evaluate([perimeter_criterion({"communes": laureates}, where="x")], profile())
    assert other.reasons[0].met is False
    assert f"les 2{S}500 communes désignées" in other.reasons[0].text


def test_epci_list_is_checked_against_the_commune_epci():
    assert check({"epci": ["200048551"]}).met is True
    assert check({"epci": ["200000172"]}).met is False


# Questions and free text


QUESTION = {"question": {"id": "plus-de-commerce", "text": "La commune n'a plus de commerce ?"}}


def test_unanswered_question_is_to_check_and_asked():
    verdict = evaluate(parse_criteria([QUESTION], where="x"), profile())
    assert verdict.status == "to_check"
    assert verdict.reasons[0].met is None
    assert verdict.questions == [
        Question("plus-de-commerce", "La commune n'a plus de commerce ?", True)
    ]
    assert verdict.reasons[0].text == (
        "« La commune n'a plus de commerce ? » : pas encore de réponse, à vérifier."
    )


def test_answered_question_decides_the_criterion():
    criteria = parse_criteria([QUESTION], where="x")
    yes = evaluate(criteria, profile(answers={"plus-de-commerce": True}))
    assert yes.status == "eligible"
    assert yes.questions == []
    assert yes.reasons[0].text == (
        "« La commune n'a plus de commerce ? » : vous avez répondu oui, condition remplie."
    )
    no = evaluate(criteria, profile().answering({"plus-de-commerce": False}))
    assert no.status == "not_eligible"
    assert "vous avez répondu non, condition non remplie." in no.reasons[0].text


def test_question_expecting_no_is_met_by_no():
    raw = {"question": {"id": "deja-aide", "text": "Déjà aidé ?", "expected": False}}
    assert check(raw, profile(answers={"deja-aide": False})).met is True
    assert check(raw, profile(answers={"deja-aide": True})).met is False


def test_questions_are_listed_once_and_only_while_they_matter():
    other = {"question": {"id": "local-vacant", "text": "Un local vacant ?"}}
    criteria = parse_criteria([QUESTION, other, QUESTION], where="x")
    assert [q.id for q in evaluate(criteria, profile()).questions] == [
        "plus-de-commerce",
        "local-vacant",
    ]
    excluded = parse_criteria([QUESTION, {"beneficiary": ["association"]}], where="x")
    assert evaluate(excluded, profile(beneficiary="commune")).questions == []


def test_free_text_is_always_to_check_and_shown():
    reason = check({"text": "Le projet repose en partie sur des bénévoles."})
    assert reason.met is None
    assert (
        reason.text == "« Le projet repose en partie sur des bénévoles. » : condition à vérifier."
    )


# Alternatives


def test_any_of_names_the_branch_that_is_met():
    verdict = evaluate(parse_criteria(RURAL_CONSULT, where="x"), profile(beneficiary="epci"))
    assert verdict.status == "eligible"
    reason = verdict.reasons[0]
    assert reason.text == (
        "Une des situations prévues est remplie (projet porté par une intercommunalité, "
        f"communauté de communes, intercommunalité de moins de 50{S}000 habitants) : "
        "condition remplie."
    )
    assert [d.met for d in reason.details] == [True, True, True]


def test_any_of_fails_only_when_every_branch_fails():
    verdict = evaluate(parse_criteria(RURAL_CONSULT, where="x"), profile(beneficiary="association"))
    assert verdict.status == "not_eligible"
    reason = verdict.reasons[0]
    assert reason.text.startswith("Aucune des situations prévues n'est remplie (")
    assert f"commune de moins de 5{S}000 habitants ; ou projet porté par" in reason.text
    assert all(d.met is False for d in reason.details)
    assert "Le projet est porté par une association ; ce dispositif s'adresse aux communes" in (
        reason.details[0].text
    )


def test_any_of_with_an_open_branch_is_to_check_and_asks_its_question():
    raw = [
        {
            "any_of": [
                [{"beneficiary": ["association"]}],
                [{"commune_population": {"lt": 3500}}, QUESTION],
            ]
        }
    ]
    verdict = evaluate(parse_criteria(raw, where="x"), profile(beneficiary="commune"))
    assert verdict.status == "to_check"
    assert verdict.reasons[0].text.startswith("Une des situations prévues reste possible (")
    assert [q.id for q in verdict.questions] == ["plus-de-commerce"]
    answered = evaluate(parse_criteria(raw, where="x"), profile(answers={"plus-de-commerce": True}))
    assert answered.status == "eligible"


# A profile made of an EPCI alone


def test_epci_alone_is_eligible_to_rural_consult_through_the_epci_branch():
    verdict = evaluate(
        parse_criteria(RURAL_CONSULT, where="x"), profile(craon_alone(), beneficiary="epci")
    )
    assert verdict.status == "eligible"


def test_epci_alone_leaves_commune_criteria_to_check():
    prof = profile(craon_alone(), beneficiary="epci")
    reason = check({"commune_population": {"lt": 3500}}, prof)
    assert reason.met is None
    assert reason.text == (
        f"Ce dispositif demande une commune de moins de 3{S}500 habitants ; pour CC du Pays de "
        "Craon, cela dépend de chaque commune membre (voir le tableau des communes membres) : "
        "à vérifier."
    )
    assert check({"rural": True}, prof).met is None
    assert check({"epci_type": ["CA"]}, prof).text == (
        f"CC du Pays de Craon est une communauté de communes ({COG}) ; ce dispositif demande "
        "une communauté d'agglomération : condition non remplie."
    )


# Verdict aggregation


def test_one_unmet_criterion_outweighs_unknown_ones():
    raw = [{"text": "Condition libre"}, {"beneficiary": ["association"]}, {"rural": True}]
    verdict = evaluate(parse_criteria(raw, where="x"), profile())
    assert [r.met for r in verdict.reasons] == [None, False, True]
    assert verdict.status == "not_eligible"


def test_unknown_criteria_make_a_met_scheme_to_check():
    raw = [{"rural": True}, {"text": "Condition libre"}]
    assert evaluate(parse_criteria(raw, where="x"), profile()).status == "to_check"


def test_criteria_no_profile_changes_weigh_like_the_others():
    """A closed calendar is unmet and unverified facts are unknown whatever the profile: they
    are settled once, when the catalogue is compiled, and still count in every verdict."""
    closed, _ = status_criteria({"kind": "closed"}, "verifie", "", datetime.date(2026, 12, 6))
    unverified, _ = status_criteria({}, "non-verifie", "", datetime.date(2026, 12, 6))
    rural = parse_criteria([{"rural": True}], where="x")
    for_associations = parse_criteria([{"beneficiary": ["association"]}], where="x")
    compiled = CompiledSchemes(
        {
            "closed": (*rural, *closed),
            "unverified": (*rural, *unverified),
            "unverified-unmet": (*for_associations, *unverified),
            "met": rural,
        }
    )
    verdicts = compiled.evaluate(profile())
    assert verdicts.statuses == {
        "closed": NOT_ELIGIBLE,
        "unverified": TO_CHECK,
        "unverified-unmet": NOT_ELIGIBLE,
        "met": ELIGIBLE,
    }
    assert [r.met for r in verdicts["closed"].reasons] == [True, False]


def test_scheme_criteria_puts_the_perimeter_first():
    criteria = scheme_criteria([{"rural": True}], {"regions": ["52"]}, where="x")
    verdict = evaluate(criteria, profile())
    assert [r.key for r in verdict.reasons] == ["region", "rural"]
    assert verdict.status == "eligible"
    assert verdict.label == "Éligible"


# Malformed criteria


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            [{"rural": True}, {"departement": ["53"]}],
            ["critère n° 2 (« departement »)", "clé inconnue", "department", "commune_population"],
        ),
        (
            [{"beneficiary": ["commune", "mairie"]}],
            ["critère n° 1 (« beneficiary »)", "« mairie »", "commune, epci, association"],
        ),
        (
            [{"commune_population": {"less": 5000}}],
            ["critère n° 1 (« commune_population »)", "comparateur inconnu « less »", "lte"],
        ),
        ([{"commune_population": {"lt": 5000.5}}], ["« 5000.5 »", "nombre entier"]),
        ([{"commune_population": {"lt": "5 000"}}], ["« 5 000 »", "nombre entier"]),
        ([{"epci_population": {"gte": 10000, "lte": 150000}}], ["un seul comparateur"]),
        (
            [{"beneficiary": ["commune"], "stage": ["etude"]}],
            ["critère n° 1 :", "en a 2 (beneficiary, stage)"],
        ),
        ([{"any_of": []}], ["critère n° 1 (« any_of »)", "liste non vide de branches"]),
        (
            [{"any_of": [[{"rural": True}], [{"epci_type": ["CC", "SIVOM"]}]]}],
            ["branche n° 2, critère n° 1 (« epci_type »)", "« SIVOM »", "CC, CA, CU, ME"],
        ),
        ([{"department": [53]}], ["le code 53 est écrit sans guillemets"]),
        ([{"commune": ["5318"]}], ["code « 5318 » invalide"]),
        ([{"rural": "oui"}], ["seule la valeur true"]),
        ([{"density_level": [8]}], ["niveau de densité inconnu « 8 »"]),
        ([{"programme": "pvd"}], ["programme inconnu « pvd »", "petites-villes-de-demain"]),
        ([{"question": {"id": "commerce"}}], ["« text »"]),
        ([{"question": {"id": "x", "text": "?", "expect": True}}], ["clé inconnue « expect »"]),
        ([{"text": ""}], ["texte non vide"]),
        (["rural"], ["table à une seule clé"]),
        ({"rural": True}, ["doit être une liste"]),
    ],
)
def test_malformed_criteria_are_refused_naming_scheme_and_criterion(raw, expected):
    with pytest.raises(CriteriaError) as error:
        parse_criteria(raw, where="dispositif « rural-consult »")
    message = str(error.value)
    assert message.startswith("dispositif « rural-consult »")
    for fragment in expected:
        assert fragment in message


@pytest.mark.parametrize(
    "perimeter, expected",
    [
        ({}, "une table à une seule clé"),
        ({"national": True, "regions": ["52"]}, "reçu : national, regions"),
        ({"departements": ["53"]}, "clé inconnue « departements »"),
        ({"national": False}, "seule la valeur true"),
        ({"regions": "52"}, "une liste est attendue"),
    ],
)
def test_malformed_perimeters_are_refused(perimeter, expected):
    with pytest.raises(CriteriaError) as error:
        perimeter_criterion(perimeter, where="dispositif « villages »")
    assert str(error.value).startswith("dispositif « villages », périmètre")
    assert expected in str(error.value)


# Profiles and facts


def test_fact_without_a_value_is_missing_data():
    assert fact(None, COG) is None
    assert pommerieux(population=fact(None, COG)).population is None
    with pytest.raises(ValueError):
        pommerieux(population=Fact(None, COG))


def test_profile_refuses_unknown_slugs_and_non_boolean_answers():
    with pytest.raises(ValueError):
        Profile(pommerieux(), beneficiary="mairie")
    with pytest.raises(TypeError):
        Profile(pommerieux(), answers={"plus-de-commerce": "oui"})


def test_answering_gives_a_new_profile_and_keeps_the_first_one():
    first = profile()
    criteria = parse_criteria([QUESTION], where="x")
    assert evaluate(criteria, first).status == "to_check"
    second = first.answering({"plus-de-commerce": True})
    assert evaluate(criteria, second).status == "eligible"
    assert evaluate(criteria, first).status == "to_check"


def test_identical_criteria_of_two_schemes_are_equal_values():
    a = parse_criteria([{"commune_population": {"lt": 3500}}], where="a")
    b = parse_criteria([{"commune_population": {"lt": 3500}}], where="b")
    c = parse_criteria([{"commune_population": {"lte": 3500}}], where="c")
    assert a[0] == b[0] and hash(a[0]) == hash(b[0])
    assert a[0] != c[0]


# A whole catalogue at once


def test_catalogue_keeps_its_order_and_a_scheme_without_criteria_is_eligible():
    schemes = compile_catalogue(synthetic_catalogue(400, seed=3))
    schemes["sans-critere"] = ()
    schemes["national-seul"] = scheme_criteria([], {"national": True}, where="x")
    verdicts = CompiledSchemes(schemes).evaluate(profile())
    assert len(verdicts) == 402
    assert list(verdicts) == list(schemes)
    assert verdicts["sans-critere"] == ("eligible", ())
    assert verdicts["national-seul"].status == "eligible"
    assert len(verdicts["national-seul"].reasons) == 1
    for slug, criteria in schemes.items():
        assert len(verdicts[slug].reasons) == len(criteria), slug


def test_catalogue_collects_the_questions_it_asks_even_inside_alternatives():
    catalogue = CompiledSchemes(
        {
            "avec-question": parse_criteria([QUESTION], where="a"),
            "alternative": parse_criteria(
                [{"any_of": [[{"rural": True}], [{"question": {"id": "q2", "text": "Deux ?"}}]]}],
                where="b",
            ),
        }
    )
    assert {qid: q.text for qid, q in catalogue.questions.items()} == {
        "plus-de-commerce": QUESTION["question"]["text"],
        "q2": "Deux ?",
    }


def test_catalogue_sorts_schemes_by_status_for_one_profile():
    catalogue = CompiledSchemes(
        {
            "rural-consult": parse_criteria(RURAL_CONSULT, where="a"),
            "pour-associations": parse_criteria([{"beneficiary": ["association"]}], where="b"),
            "avec-question": parse_criteria([QUESTION], where="c"),
        }
    )
    verdicts = catalogue.evaluate(profile())
    assert verdicts.statuses == {
        "rural-consult": "eligible",
        "pour-associations": "not_eligible",
        "avec-question": "to_check",
    }
    assert verdicts.keys_with("to_check") == ["avec-question"]
    assert [q.id for q in verdicts["avec-question"].questions] == ["plus-de-commerce"]
    answered = catalogue.evaluate(profile(answers={"plus-de-commerce": False}))
    assert answered.statuses["avec-question"] == "not_eligible"
