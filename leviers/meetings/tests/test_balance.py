"""The copil's balance across colleges (pure)."""

from leviers.meetings.balance import balance_of
from leviers.meetings.models import College


def test_a_college_with_the_majority_makes_the_copil_unbalanced():
    balance = balance_of(College.choices, {"elus": 6, "associations": 2, "habitants": 2})
    assert not balance.is_balanced
    assert balance.dominant.label == "Élus"
    assert balance.sentence().startswith(
        "Déséquilibré : le collège « Élus » détient 6 sièges sur 10"
    )


def test_half_the_seats_is_not_a_majority():
    balance = balance_of(College.choices, {"elus": 4, "associations": 2, "artisans": 2})
    assert balance.is_balanced
    assert balance.dominant is None


def test_colleges_without_seats_are_named():
    balance = balance_of(College.choices, {"elus": 2, "associations": 2, "habitants": 2})
    assert balance.missing == ["Artisans et commerçants", "Agriculteurs", "Partenaires"]
    assert "Sans représentant : Artisans et commerçants, Agriculteurs, Partenaires." in (
        balance.sentence()
    )


def test_shares_are_of_the_active_seats():
    balance = balance_of(College.choices, {"elus": 1, "habitants": 3})
    assert [c.percent for c in balance.colleges] == [25, 0, 0, 0, 75, 0]


def test_an_empty_copil_is_not_called_balanced():
    balance = balance_of(College.choices, {})
    assert not balance.is_balanced
    assert balance.sentence() == "Le comité n'a encore aucun membre."
