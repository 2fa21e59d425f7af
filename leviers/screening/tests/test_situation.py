"""The pure parts of the screening: answers → OpenFisca situation, OpenFisca values →
estimates, the form, and the results partial (no OpenFisca run)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string

from leviers.screening import engine, legislation
from leviers.screening.answers import Answers, Housing
from leviers.screening.forms import ScreeningForm

MONTH = date(2026, 11, 1)


def test_a_single_tenant_is_one_person_with_rent_and_commune():
    s = engine.situation(
        Answers(age=76, pensions=Decimal(900), rent=Decimal(450), commune="23096"), MONTH
    )
    assert list(s["individus"]) == ["demandeur0"]
    person = s["individus"]["demandeur0"]
    assert person["date_naissance"] == {"ETERNITY": "1950-10-01"}  # 76 on 1 November 2026
    assert len(person["retraite_brute"]) == engine.HISTORY_MONTHS
    assert person["retraite_brute"]["2026-11"] == 900.0
    assert person["retraite_brute"]["2021-11"] == 900.0
    assert "2021-10" not in person["retraite_brute"]
    # Earns nothing: no wage given (the wage chain is neutralised), and no input for the
    # neutralised variables (OpenFisca would warn it ignores them).
    assert "salaire_de_base" not in person
    given = set(person) | set(s["familles"]["famille0"]) | set(s["menages"]["menage0"])
    assert not given & set(legislation.NEUTRALISED + legislation.NO_EARNINGS_NEUTRALISED)
    household = s["menages"]["menage0"]
    assert household["statut_occupation_logement"] == {"2026-11": "locataire_vide"}
    assert household["loyer"] == {"2026-11": 450.0}
    assert household["depcom"] == {"2026-11": "23096"}
    assert "conjoint" not in household
    assert s["familles"]["famille0"]["parents"] == ["demandeur0"]


def test_a_couple_shares_its_resources_and_an_owner_pays_no_rent():
    answers = Answers(
        age=72,
        couple=True,
        partner_age=68,
        pensions=Decimal(1500),
        housing=Housing.OWNER,
        rent=Decimal(300),
        zone=3,
    )
    s = engine.situation(answers, MONTH, key="7")
    assert list(s["individus"]) == ["demandeur7", "conjoint7"]
    assert s["individus"]["conjoint7"]["date_naissance"] == {"ETERNITY": "1958-10-01"}
    assert s["individus"]["demandeur7"]["retraite_brute"]["2026-11"] == 750.0
    assert s["individus"]["conjoint7"]["retraite_brute"]["2026-11"] == 750.0
    household = s["menages"]["menage7"]
    assert household["conjoint"] == ["conjoint7"]
    assert household["loyer"] == {"2026-11": 0.0}
    assert household["zone_apl"] == {"2026-11": "zone_3"}
    assert "depcom" not in household


def test_birth_date_in_january_goes_back_a_year():
    s = engine.situation(Answers(age=70, housing=Housing.HOSTED), date(2027, 1, 1))
    assert s["individus"]["demandeur0"]["date_naissance"] == {"ETERNITY": "1956-12-01"}
    assert s["menages"]["menage0"]["statut_occupation_logement"] == {"2027-01": "loge_gratuitement"}


def test_a_household_that_earns_keeps_its_wage_chain_computed():
    s = engine.situation(Answers(age=63, earnings=Decimal(800), housing=Housing.HOSTED), MONTH)
    person = s["individus"]["demandeur0"]
    assert person["salaire_de_base"]["2026-11"] == 800.0
    assert "salaire_net" not in person and "salaire_imposable" not in person
    assert len(person["salaire_de_base"]) == engine.HISTORY_MONTHS


def test_the_screening_gives_openfisca_these_inputs_only():
    """Its shortcuts (legislation.NEUTRALISED, legislation.CONTRIBUTION_MODE) rest on every
    other input keeping its default: a new input here must be checked against them."""
    answers = Answers(
        age=63,
        couple=True,
        partner_age=70,
        pensions=Decimal(900),
        earnings=Decimal(800),
        other=Decimal(100),
        rent=Decimal(400),
        commune="23096",
    )
    given = set()
    for situation in (
        engine.situation(answers, MONTH),
        engine.situation(Answers(age=70, housing=Housing.OWNER, zone=2), MONTH),
    ):
        for rows in situation.values():
            for row in rows.values():
                given |= set(row)
    assert given == {
        "date_naissance",
        "retraite_brute",
        "pensions_alimentaires_percues",
        "salaire_de_base",
        "parents",
        "declarants",
        "personne_de_reference",
        "conjoint",
        "statut_occupation_logement",
        "loyer",
        "depcom",
        "zone_apl",
    }


def test_merge_keeps_every_household():
    merged = engine.merge([engine.situation(Answers(age=70), MONTH, str(i)) for i in range(3)])
    assert list(merged["familles"]) == ["famille0", "famille1", "famille2"]
    assert len(merged["individus"]) == 3


def values(aspa=0.0, cmu_c=0.0, css=0.0, housing=0.0):
    return {
        "aspa": aspa,
        "cmu_c": cmu_c,
        "css_participation_forfaitaire": css,
        "aide_logement": housing,
    }


def test_estimates_read_openfisca_values():
    aspa, css, housing = engine.estimates(
        Answers(age=80, rent=Decimal(400)), values(143.595, 1.0, 0.0, 149.0), MONTH
    )
    assert (aspa.eligible, aspa.monthly_amount) == (True, Decimal("143.60"))
    assert css.is_free and "CPAM" in css.next_step
    assert (housing.eligible, housing.monthly_amount) == (True, Decimal("149.00"))
    assert "Carsat" in aspa.next_step and "CAF" in housing.next_step


def test_estimates_under_65_hosted_and_over_the_ceilings():
    aspa, css, housing = engine.estimates(
        Answers(age=60, housing=Housing.HOSTED), values(300.0, 0.0, 0.0, 0.0), MONTH
    )
    assert aspa.eligible is False and "65 ans" in aspa.note
    assert css.eligible is False and css.monthly_amount is None
    assert housing.eligible is False and "hébergée" in housing.note
    _, css, housing = engine.estimates(
        Answers(age=70, housing=Housing.OWNER), values(css=32.0), MONTH
    )
    assert css.eligible and not css.is_free and css.monthly_amount == Decimal("32.00")
    assert housing.eligible is None


def test_form_gives_answers():
    form = ScreeningForm(
        {
            "age": "74",
            "couple": "oui",
            "partner_age": "70",
            "pensions": "1 234,50 €",
            "housing": "tenant",
            "rent": "380",
            "commune": "23096",
        }
    )
    assert form.is_valid(), form.errors
    assert form.answers() == Answers(
        age=74,
        couple=True,
        partner_age=70,
        pensions=Decimal("1234.50"),
        housing="tenant",
        rent=Decimal(380),
        commune="23096",
    )


def test_form_errors_are_french_and_name_the_field():
    form = ScreeningForm(
        {"age": "douze", "couple": "oui", "pensions": "-3", "housing": "tenant", "commune": "123"}
    )
    assert not form.is_valid()
    assert form.errors["age"] == [
        "Âge de la personne : écrivez un nombre d'années, par exemple 72."
    ]
    assert form.errors["pensions"] == [
        "Retraites et pensions par mois : le montant ne peut pas être négatif."
    ]
    assert form.errors["commune"][0].startswith("Code INSEE de la commune : 5 chiffres")
    assert form.errors["rent"] == ["Loyer par mois : indiquez-le pour un locataire."]
    assert form.errors["partner_age"] == ["Âge du conjoint : indiquez-le pour un couple."]


def test_results_partial_says_estimate_date_and_next_steps():
    estimates = engine.estimates(
        Answers(age=80, rent=Decimal(400)), values(143.6, 0.0, 30.0, 0.0), MONTH
    )
    html = render_to_string("screening/_results.html", {"estimates": estimates})
    assert "Ceci est une estimation" in html
    assert "1 novembre 2026" in html
    assert legislation.legislation_version() in html
    assert "environ 144 € par mois" in html  # ASPA
    assert "participation d'environ 30 € par mois" in html  # CSS
    assert "Droit peu probable" in html  # housing aid nil
    assert html.count("Que faire ?") == 2
