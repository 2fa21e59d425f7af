"""screen() against OpenFisca-France run directly on reference households.

The expected values are computed here by OpenFisca itself, from situations written by hand in
OpenFisca's own format (no neutral zeros, no mapping code of engine.py): a wrong mapping or a
shortcut that moves a result makes these fail. All households go in one simulation per side,
and the legislation is built once per process (fixture `plain_openfisca`).
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

import pytest

from leviers.screening import engine, legislation
from leviers.screening.answers import Answers, Housing
from leviers.testing.screening import households, wage_earners

pytestmark = pytest.mark.openfisca

TODAY = date(2026, 11, 15)
MONTH = "2026-11"


# OpenFisca keeps the legislation of each instant asked for in one `lru_cache` of 128 entries,
# shared by every system of the process. Plain OpenFisca on five years of history asks for more
# instants than that (about 200 with the screening's), and each miss rebuilds the whole parameter
# tree (~50 ms): the three comparisons below spent half their time doing so. A larger cache for
# this module only (218 instants in all); what an instant's legislation is does not change.
PARAMETER_INSTANTS_KEPT = 1024


@pytest.fixture(scope="module")
def plain_openfisca():
    from openfisca_core.taxbenefitsystems.tax_benefit_system import TaxBenefitSystem

    kept = TaxBenefitSystem.get_parameters_at_instant
    TaxBenefitSystem.get_parameters_at_instant = functools.lru_cache(PARAMETER_INSTANTS_KEPT)(
        kept.__wrapped__
    )
    yield legislation.tax_benefit_system()
    TaxBenefitSystem.get_parameters_at_instant = kept


def months_before(count: int) -> list[str]:
    return [
        f"{(2026 * 12 + 10 - back) // 12}-{(2026 * 12 + 10 - back) % 12 + 1:02d}"
        for back in range(count)
    ]


def person(born: str, pension: float, wage: float = 0.0, other: float = 0.0) -> dict:
    row = {
        "date_naissance": {"ETERNITY": born},
        "retraite_brute": {month: pension for month in months_before(61)},
    }
    if wage:
        row["salaire_de_base"] = {month: wage for month in months_before(61)}
    if other:
        row["pensions_alimentaires_percues"] = {month: other for month in months_before(61)}
    return row


def household(key, people: dict, status: str, rent: float = 0.0, depcom: str = "") -> dict:
    names = [f"{name}{key}" for name in people]
    menage = {
        "personne_de_reference": names[:1],
        "statut_occupation_logement": {MONTH: status},
        "loyer": {MONTH: rent},
    }
    if len(names) == 2:
        menage["conjoint"] = names[1:]
    if depcom:
        menage["depcom"] = {MONTH: depcom}
    return {
        "individus": {f"{name}{key}": row for name, row in people.items()},
        "familles": {f"f{key}": {"parents": names}},
        "foyers_fiscaux": {f"ff{key}": {"declarants": names}},
        "menages": {f"m{key}": menage},
    }


def reference(plain_openfisca, households: list[dict]) -> dict[str, list[float]]:
    from openfisca_core.simulation_builder import SimulationBuilder

    merged = {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}
    for one in households:
        for entity, rows in one.items():
            merged[entity].update(rows)
    simulation = SimulationBuilder().build_from_entities(plain_openfisca, merged)
    return {
        name: [float(v) for v in simulation.calculate(name, MONTH)]
        for name in ("aspa", "cmu_c", "css_participation_forfaitaire", "aide_logement")
    }


def ceiling(plain_openfisca) -> float:
    aspa = plain_openfisca.parameters(MONTH).prestations_sociales.solidarite_insertion
    return aspa.minimum_vieillesse.aspa.plafond_ressources.personnes_seules / 12


def test_screen_matches_openfisca_on_reference_households(plain_openfisca):
    top = ceiling(plain_openfisca)
    cases = [
        # A single person of 70 just under, then just over, the ASPA ceiling.
        (
            Answers(age=70, pensions=Decimal(str(round(top - 1, 2))), housing=Housing.OWNER),
            household(0, {"a": person("1956-10-01", round(top - 1, 2))}, "proprietaire"),
        ),
        (
            Answers(age=70, pensions=Decimal(str(round(top + 1, 2))), housing=Housing.OWNER),
            household(1, {"a": person("1956-10-01", round(top + 1, 2))}, "proprietaire"),
        ),
        # A couple of 72 and 68, 1,500 € of pensions, owners.
        (
            Answers(age=72, couple=True, partner_age=68, pensions=Decimal(1500), housing="owner"),
            household(
                2,
                {"a": person("1954-10-01", 750.0), "b": person("1958-10-01", 750.0)},
                "proprietaire",
            ),
        ),
        # A tenant of 80 in Guéret (Creuse), 1,000 € of pension, 420 € of rent.
        (
            Answers(age=80, pensions=Decimal(1000), rent=Decimal(420), commune="23096"),
            household(3, {"a": person("1946-10-01", 1000.0)}, "locataire_vide", 420.0, "23096"),
        ),
        # A tenant of 63 who still works a little: 900 € of gross wages, 380 € of rent (his
        # household goes in a second simulation, where wages are computed).
        (
            Answers(age=63, earnings=Decimal(900), rent=Decimal(380), commune="23096"),
            household(4, {"a": person("1963-10-01", 0.0, 900.0)}, "locataire_vide", 380.0, "23096"),
        ),
        # A couple of 66 and 61 where wages still come in (300 € each, as the form splits a
        # couple's resources) with 700 € of pensions, tenants: the wage chain and the parts of
        # the legislation the screening neutralises (RSA's children, family benefits...) meet.
        (
            Answers(
                age=66,
                couple=True,
                partner_age=61,
                pensions=Decimal(700),
                earnings=Decimal(600),
                rent=Decimal(550),
                commune="23096",
            ),
            household(
                5,
                {
                    "a": person("1960-10-01", 350.0, 300.0),
                    "b": person("1965-10-01", 350.0, 300.0),
                },
                "locataire_vide",
                550.0,
                "23096",
            ),
        ),
        # A tenant of 62 with 300 € of pension (too young for the ASPA: RSA range).
        (
            Answers(age=62, pensions=Decimal(300), rent=Decimal(350), commune="23096"),
            household(6, {"a": person("1964-10-01", 300.0)}, "locataire_vide", 350.0, "23096"),
        ),
        # A tenant of 78 with 700 € of pension and 100 € of other income.
        (
            Answers(
                age=78,
                pensions=Decimal(700),
                other=Decimal(100),
                rent=Decimal(400),
                commune="53180",
            ),
            household(
                7, {"a": person("1948-10-01", 700.0, other=100.0)}, "locataire_vide", 400.0, "53180"
            ),
        ),
    ]
    expected = reference(plain_openfisca, [situation for _, situation in cases])
    got = engine.screen_many([answers for answers, _ in cases], today=TODAY)

    # The reference households say what the test is about: ASPA on either side of the ceiling,
    # housing aid for the tenant.
    assert expected["aspa"][0] > 0 and expected["aspa"][1] == 0
    assert expected["aide_logement"][3] > 0

    for index, estimates in enumerate(got):
        aspa, css, housing = estimates
        assert [e.slug for e in estimates] == list(engine.RIGHTS)
        assert aspa.eligible is (expected["aspa"][index] > 0)
        if aspa.eligible:
            assert aspa.monthly_amount == pytest.approx(
                Decimal(str(expected["aspa"][index])), abs=Decimal("0.01")
            )
        if expected["cmu_c"][index]:
            assert css.is_free
        elif expected["css_participation_forfaitaire"][index] > 0:
            assert css.eligible and not css.is_free
            assert float(css.monthly_amount) == pytest.approx(
                expected["css_participation_forfaitaire"][index], abs=0.01
            )
        else:
            assert css.eligible is False
        assert all(e.legislation_date == date(2026, 11, 1) for e in estimates)
    # Housing aid of the tenants (some earn: wages computed).
    assert all(expected["aide_logement"][index] > 0 for index in (4, 5, 6, 7))
    for index in (3, 4, 5, 6, 7):
        housing = got[index][2]
        assert housing.eligible is (expected["aide_logement"][index] > 0)
        if housing.eligible:
            assert float(housing.monthly_amount) == pytest.approx(
                expected["aide_logement"][index], abs=0.01
            )
    # Owners: not estimated, said so.
    assert got[2][2].eligible is None


def same_as_plain(plain_openfisca, situations: list[dict], earns: bool):
    """The screening (its legislation, builder and periods) and plain OpenFisca on the SAME merged
    situations: every value read must be the same to the cent. Returns the screening's values
    and both simulations."""
    from openfisca_core.simulation_builder import SimulationBuilder

    merged = engine.merge(situations)
    screened = legislation.simulation(merged, earns)
    plain = SimulationBuilder().build_from_entities(plain_openfisca, merged)
    got = {}
    for name in ("aspa", "cmu_c", "css_participation_forfaitaire", "aide_logement"):
        got[name] = [float(v) for v in screened.calculate(name, legislation.openfisca_month(TODAY))]
        expected = [float(v) for v in plain.calculate(name, MONTH)]
        assert got[name] == pytest.approx(expected, abs=0.005), name
    return got, screened, plain


def test_neutralised_legislation_moves_no_result_on_varied_households(plain_openfisca):
    """The screening's legislation (NEUTRALISED) against plain OpenFisca on the SAME situations,
    for 60 varied households (ages 60 to 95, couples, wages, other income, each housing status):
    only the neutralisation differs between the two sides."""
    varied = households(60, seed=3)
    month = date(2026, 11, 1)
    for earns in (True, False):
        group = [a for a in varied if (a.earnings > 0) == earns]
        assert group
        situations = [engine.situation(a, month, str(i)) for i, a in enumerate(group)]
        got, _, _ = same_as_plain(plain_openfisca, situations, earns)
        assert any(got["aspa"]) and any(got["aide_logement"])


def pss_levels(plain_openfisca) -> list[float]:
    """The monthly plafond de la sécurité sociale of each year the screening's history covers
    (2021 to 2026 for November 2026)."""
    return sorted(
        {
            plain_openfisca.parameters(
                f"{year}-{month:02d}"
            ).prelevements_sociaux.pss.plafond_securite_sociale_mensuel
            for year in range(2021, 2027)
            for month in (1, 11)
        }
    )


def test_shortcuts_move_no_result_for_wage_earners(plain_openfisca):
    """The wage chain is where the screening's legislation differs most from plain OpenFisca
    (contributions computed in the mode every household has, parts that are zero for a
    private-sector employee neutralised): wage earners at many levels, each alone, in a couple
    where both earn it, and in a couple where one member earns it all. The levels: a cent,
    small and usual wages, a cent either side of each year's plafond de la sécurité sociale
    (the contribution d'équilibre technique starts above it), and either side of 4 and 8
    plafonds (the CSG allowance and the AGIRC-ARRCO second bracket end there)."""
    plafonds = pss_levels(plain_openfisca)
    assert len(plafonds) >= 4  # it changed most years
    wages = [0.01, 1.0, 150.0, 400.0, 900.0, 1801.8, 2500.0]
    for pss in plafonds:
        wages += [pss - 0.01, pss, pss + 0.01]
    top = plafonds[-1]
    wages += [2 * top, 4 * top - 1, 4 * top + 1, 8 * top - 1, 8 * top + 1, 50_000.0]
    earners = wage_earners([Decimal(str(round(wage, 2))) for wage in wages])
    month = date(2026, 11, 1)
    situations = [engine.situation(a, month, str(i)) for i, a in enumerate(earners)]
    # A couple where one member earns the household's wages, the other nothing.
    for i, answers in enumerate(earners):
        if answers.couple:
            one = engine.situation(answers, month, f"one{i}")
            first, second = one["individus"].values()
            first["salaire_de_base"] = {k: 2 * v for k, v in first["salaire_de_base"].items()}
            del second["salaire_de_base"]
            situations.append(one)

    got, screened, plain = same_as_plain(plain_openfisca, situations, earns=True)
    # The rights move little with a wage's contributions (the ASPA reads the gross wage, the
    # housing aid rounds its resources): the wage chain's ends, net and taxable wage, are
    # compared too, every month of the history, to the cent.
    month = legislation.openfisca_month(TODAY)
    for name in ("salaire_net", "salaire_imposable"):
        for back in range(engine.HISTORY_MONTHS):
            period = month.offset(-back)
            assert screened.calculate(name, period) == pytest.approx(
                plain.calculate(name, str(period)), abs=0.005
            ), (name, period)

    # The households say what the test is about: each right is found for some of them, and
    # the contributions above the plafond are paid by some earners, not by others.
    assert any(got["aspa"]) and any(got["aide_logement"])
    assert any(got["cmu_c"]) and any(got["css_participation_forfaitaire"])
    above = plain.calculate("contribution_equilibre_technique_salarie", MONTH)
    assert (above != 0).any() and (above == 0).any()


def test_contributions_are_computed_the_monthly_way_on_the_screening_side_only(plain_openfisca):
    """legislation.CONTRIBUTION_MODE is what every household of the screening has: OpenFisca's
    default, with no formula (the screening never gives it, tests/test_situation.py). Its
    legislation calls the monthly way alone; plain OpenFisca's formulas are untouched."""
    mode = plain_openfisca.get_variable("cotisation_sociale_mode_recouvrement")
    assert mode.default_value.name == legislation.CONTRIBUTION_MODE and not mode.formulas
    plain = plain_openfisca.get_variable("vieillesse_plafonnee_salarie").formulas.peekitem(0)[1]
    screened = legislation.screening_system().get_variable("vieillesse_plafonnee_salarie")
    formula = screened.formulas.peekitem(0)[1]
    assert formula.__code__ is plain.__code__
    assert plain.__globals__["apply_bareme"].__name__ == "apply_bareme"
    assert formula.__globals__["apply_bareme"].__name__ == "monthly"
    # Neutralised variables stay neutralised, even those whose formulas call apply_bareme.
    assert legislation.screening_system().get_variable("apec_salarie").is_neutralized


def test_openfisca_month_derives_the_same_periods_as_openfisca():
    from openfisca_core import periods

    month = legislation.openfisca_month(date(2024, 3, 1))
    plain = periods.period("2024-03")
    assert month == plain and str(month) == "2024-03"
    derived = {
        "this_year": lambda p: p.this_year,
        "n_2": lambda p: p.n_2,
        "last_3_months": lambda p: p.last_3_months,
        "last_year": lambda p: p.last_year,
        "months": lambda p: p.this_year.get_subperiods(periods.DateUnit.MONTH),
        "february": lambda p: p.offset(-1).offset("last-of", periods.DateUnit.MONTH),
    }
    for _ in range(2):  # worked out, then read from the memo
        for name, derive in derived.items():
            assert derive(month) == derive(plain), name
        for back in range(-13, 70):
            assert month.offset(-back) == plain.offset(-back)
            assert month.offset(-back).start.date == plain.offset(-back).start.date
    assert type(month.n_2.start) is type(month.start) is not type(plain.start)


def test_legislation_is_built_once(plain_openfisca):
    assert legislation.tax_benefit_system() is plain_openfisca
    assert legislation.screening_system() is legislation.screening_system()
    assert legislation.screening_system() is not plain_openfisca
    assert legislation.LOAD_SECONDS is not None and legislation.LOAD_SECONDS > 0
