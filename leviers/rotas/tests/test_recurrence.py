"""The pure core: when the slots of a series fall."""

from datetime import date, datetime, time

from leviers.rotas.recurrence import PARIS, Rule


def test_five_friday_evenings_fall_on_fridays_at_six_paris_time():
    rule = Rule(date(2026, 6, 1), date(2026, 7, 3), (4,), time(18), time(23))
    starts = [start for start, _ in rule.occurrences()]
    assert [s.date() for s in starts] == [date(2026, 6, d) for d in (5, 12, 19, 26)] + [
        date(2026, 7, 3)
    ]
    assert all(s == datetime.combine(s.date(), time(18), PARIS) for s in starts)


def test_a_daily_bread_sale_over_two_years_has_730_slots_and_keeps_7_30_across_summer_time():
    rule = Rule(date(2026, 1, 1), date(2027, 12, 31), tuple(range(7)), time(7, 30), time(9))
    slots = rule.occurrences()
    assert len(slots) == 730
    assert {s.astimezone(PARIS).time() for s, _ in slots} == {time(7, 30)}
    assert {(e - s).seconds for s, e in slots} == {90 * 60}


def test_an_evening_ending_after_midnight_ends_the_next_day():
    rule = Rule(date(2026, 6, 5), date(2026, 6, 5), (4,), time(19), time(1))
    ((start, end),) = rule.occurrences()
    assert end.date() == date(2026, 6, 6) and (end - start).seconds == 6 * 3600


def test_every_other_week_skips_one_week():
    rule = Rule(date(2026, 6, 1), date(2026, 6, 30), (5,), time(10), time(12), interval=2)
    assert [s.day for s, _ in rule.occurrences()] == [6, 20]


def test_problems_name_what_is_wrong_in_french():
    rule = Rule(date(2026, 6, 30), date(2026, 6, 1), (), time(10), time(10))
    problems = " ".join(rule.problems())
    assert "avant le premier" in problems
    assert "au moins un jour" in problems
    assert "fin est égale" in problems
    long = Rule(date(2026, 1, 1), date(2030, 1, 1), (0,), time(10), time(11))
    assert "trois ans" in " ".join(long.problems())


def test_describe_in_words():
    rule = Rule(date(2026, 6, 5), date(2026, 8, 28), (4,), time(18), time(23))
    assert rule.describe() == "le vendredi, de 18 h 00 à 23 h 00, du 5 juin 2026 au 28 août 2026"
    daily = Rule(date(2026, 6, 1), date(2026, 6, 30), tuple(range(7)), time(7, 30), time(9))
    assert daily.describe().startswith("tous les jours, de 7 h 30 à 9 h 00")
