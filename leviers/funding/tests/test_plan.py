"""The pure core of the funding plan: what counts where, year by year, and money in French."""

from decimal import Decimal as D

import pytest

from leviers.funding import plan
from leviers.funding.plan import Aid, Line, euros, parse_euros, plan_by_year

RATE = D("12.02")


def test_a_granted_aid_is_secured_at_its_granted_amount_and_the_rest_is_missing():
    totals = plan_by_year(
        [Line("depense", 2026, D("50000")), Line("fonds-propres", 2026, D("10000"))],
        [Aid("Lieux de convivialité", "accorde", 2026, D("30000"), D("25000"))],
        volunteer_rate=RATE,
    )
    (year,) = totals.years
    assert (year.budget, year.secured, year.pending, year.missing) == (
        D("50000"),
        D("35000"),
        D("0"),
        D("15000"),
    )


def test_filed_and_reviewed_aids_are_pending_prepared_ones_planned_refused_ones_nowhere():
    totals = plan_by_year(
        [Line("depense", 2026, D("100000"))],
        [
            Aid("Fondation de France", "depose", 2026, D("15000")),
            Aid("LEADER", "en-instruction", 2026, D("40000")),
            Aid("Département", "a-preparer", 2026, D("10000")),
            Aid("Région", "refuse", 2026, D("20000")),
        ],
        volunteer_rate=RATE,
    )
    year = totals.total
    assert (year.pending, year.planned, year.secured, year.missing) == (
        D("55000"),
        D("10000"),
        D("0"),
        D("35000"),
    )


def test_instalments_spread_an_aid_over_years_and_the_rest_falls_in_its_own_year():
    aid = Aid("Lieux de convivialité", "verse", 2026, D("30000"), D("30000"))
    aid = Aid(**{**aid.__dict__, "instalments": ((2026, D("10000")), (2027, D("10000")))})
    totals = plan_by_year([], [aid], volunteer_rate=RATE)
    assert {y.year: y.aid_secured for y in totals.years} == {2026: D("20000"), 2027: D("10000")}
    assert totals.warnings == []


def test_instalments_over_the_amount_are_kept_and_reported():
    aid = Aid("LEADER", "accorde", 2026, D("10000"), D("8000"), ((2026, D("9000")),))
    totals = plan_by_year([], [aid], volunteer_rate=RATE)
    assert totals.total.aid_secured == D("9000")
    assert totals.warnings == [
        "Les versements prévus de « LEADER » (9\xa0000\xa0€) dépassent son montant (8\xa0000\xa0€)."
    ]


def test_valued_volunteering_is_a_charge_and_a_resource_so_it_changes_nothing_missing():
    lines = [Line("depense", 2026, D("1000")), Line("benevolat", 2026, hours=D("100"), valued=True)]
    totals = plan_by_year(lines, [], volunteer_rate=RATE)
    (year,) = totals.years
    assert year.volunteering == D("1202.00")
    assert year.budget == D("2202.00")
    assert year.secured == D("1202.00")
    assert year.missing == D("1000")


def test_unvalued_hours_are_counted_but_not_in_euros():
    lines = [Line("benevolat", 2026, hours=D("40"), valued=False)]
    (year,) = plan_by_year(lines, [], volunteer_rate=RATE).years
    assert (year.volunteer_hours, year.volunteering, year.budget) == (D("40"), 0, 0)


def test_resources_over_the_budget_are_a_surplus_not_a_negative_missing():
    totals = plan_by_year(
        [Line("depense", 2026, D("1000")), Line("fonds-propres", 2026, D("1500"))],
        [],
        volunteer_rate=RATE,
    )
    assert (totals.total.missing, totals.total.surplus) == (0, D("500"))


def test_received_instalments_are_summed_by_year_of_receipt():
    aid = Aid("LEADER", "verse", 2026, D("10000"), D("10000"), received=((2027, D("4000")),))
    (y2026, y2027) = plan_by_year([], [aid], volunteer_rate=RATE).years
    assert (y2026.received, y2027.received) == (0, D("4000"))


@pytest.mark.parametrize(
    "value, written",
    [
        (D("12500"), "12\xa0500\xa0€"),
        (D("1250.5"), "1\xa0250,50\xa0€"),
        (D("0"), "0\xa0€"),
        (D("1234567.891"), "1\xa0234\xa0567,89\xa0€"),
        (D("-300"), "−300\xa0€"),
        (None, "—"),
    ],
)
def test_euros_are_written_the_french_way(value, written):
    assert euros(value) == written


@pytest.mark.parametrize(
    "typed, value",
    [
        ("12 500", D("12500")),
        ("12\xa0500 €", D("12500")),
        ("12500,5", D("12500.5")),
        ("12.500,00", D("12500.00")),
        ("1250.50", D("1250.50")),
        (" 300 EUR ", D("300")),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, value):
    assert parse_euros(typed) == value


@pytest.mark.parametrize(
    "typed, message",
    [
        ("douze mille", "n'est pas un montant en euros"),
        ("12.500", "est ambigu"),
        ("-5", "négatif"),
        ("12,345", "au centime près"),
        ("", "n'est pas un montant"),
    ],
)
def test_a_wrong_amount_says_what_is_wrong(typed, message):
    with pytest.raises(plan.AmountError, match=message):
        parse_euros(typed)
