"""The pure recurrence core: occurrences, the RRULE it writes, the sentence it says."""

from datetime import date, datetime

from leviers.meetings.recurrence import (
    FORTNIGHTLY,
    MONTHLY,
    PARIS,
    WEEKLY,
    Recurrence,
)

SATURDAY_10 = datetime(2026, 6, 6, 10, 0, tzinfo=PARIS)


def saturdays_except_august(**options):
    return Recurrence(SATURDAY_10, WEEKLY, skipped_months=frozenset({8}), **options)


def test_every_saturday_except_august_jumps_from_july_to_september():
    after_july = saturdays_except_august().next(datetime(2026, 7, 20, tzinfo=PARIS), 3)
    assert [o.date() for o in after_july] == [
        date(2026, 7, 25),
        date(2026, 9, 5),
        date(2026, 9, 12),
    ]


def test_ten_oclock_stays_ten_oclock_across_the_autumn_time_change():
    october = saturdays_except_august().next(datetime(2026, 10, 20, tzinfo=PARIS), 2)
    assert [(o.date(), o.hour) for o in october] == [
        (date(2026, 10, 24), 10),
        (date(2026, 10, 31), 10),
    ]
    assert october[0].utcoffset() != october[1].utcoffset()  # summer time ended on the 25th


def test_a_cancelled_saturday_is_skipped_and_written_as_exdate():
    rule = saturdays_except_august(cancelled=frozenset({date(2026, 7, 11)}))
    assert not rule.occurs_on(date(2026, 7, 11))
    assert rule.occurs_on(date(2026, 7, 18))
    assert rule.ical_exdates() == [datetime(2026, 7, 11, 10, 0, tzinfo=PARIS)]


def test_until_ends_the_series_on_its_day():
    rule = saturdays_except_august(until=date(2026, 9, 12))
    assert rule.next(datetime(2026, 9, 6, tzinfo=PARIS), 5)[-1].date() == date(2026, 9, 12)
    assert rule.next(datetime(2026, 9, 13, tzinfo=PARIS), 5) == []


def test_rrule_lists_the_months_kept_and_until_in_utc():
    rule = saturdays_except_august(until=date(2026, 12, 19)).ical_rule()
    assert rule["FREQ"] == "WEEKLY" and rule["BYDAY"] == "SA"
    assert rule["BYMONTH"] == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]
    assert rule["UNTIL"].utcoffset().total_seconds() == 0
    assert rule["UNTIL"].astimezone(PARIS).date() == date(2026, 12, 19)


def test_monthly_repeats_the_weekday_of_the_same_week():
    first_saturday = Recurrence(SATURDAY_10, MONTHLY)
    dates = [o.date() for o in first_saturday.next(SATURDAY_10, 3)]
    assert dates == [date(2026, 6, 6), date(2026, 7, 4), date(2026, 8, 1)]
    assert first_saturday.ical_rule()["BYDAY"] == "1SA"


def test_a_fifth_week_start_repeats_on_the_last_weekday():
    last_friday = Recurrence(datetime(2026, 1, 30, 18, 0, tzinfo=PARIS), MONTHLY)
    assert [o.date() for o in last_friday.next(last_friday.start, 2)][1] == date(2026, 2, 27)
    assert last_friday.ical_rule()["BYDAY"] == "-1FR"


def test_fortnightly_skips_a_week():
    dates = [o.date() for o in Recurrence(SATURDAY_10, FORTNIGHTLY).next(SATURDAY_10, 2)]
    assert dates == [date(2026, 6, 6), date(2026, 6, 20)]


def test_a_one_off_meeting_has_one_date_and_no_rule():
    once = Recurrence(SATURDAY_10)
    assert once.next(datetime(2026, 1, 1, tzinfo=PARIS), 3) == [SATURDAY_10]
    assert once.next(datetime(2026, 6, 7, tzinfo=PARIS), 3) == []
    assert once.ical_rule() is None


def test_described_in_french():
    assert saturdays_except_august(until=date(2027, 6, 30)).describe() == (
        "tous les samedis à 10 h 00, sauf en août, à partir du 6 juin 2026, jusqu'au 30 juin 2027"
    )
    assert Recurrence(SATURDAY_10).describe() == "le 6 juin 2026 à 10 h 00"


def test_a_series_years_old_gives_the_dates_its_first_date_gives():
    """The rule steps from near the moment asked, not from the first date: the same dates."""
    from itertools import islice

    for frequency in (WEEKLY, FORTNIGHTLY, MONTHLY):
        series = Recurrence(
            datetime(2023, 1, 28, 10, tzinfo=PARIS),
            frequency,
            skipped_months=frozenset({8}),
            cancelled=frozenset({date(2026, 9, 12), date(2026, 9, 26)}),
        )
        for moment in (datetime(2026, 8, 20, tzinfo=PARIS), datetime(2027, 1, 1, tzinfo=PARIS)):
            local = moment.replace(tzinfo=None)
            stepped_from_first = [
                o.replace(tzinfo=PARIS) for o in islice(series._rule().xafter(local), 8)
            ]
            assert series.next(moment, 8) == stepped_from_first, frequency
            window = (moment, datetime(2027, 3, 1, tzinfo=PARIS))
            assert series.between(*window) == [
                o.replace(tzinfo=PARIS)
                for o in series._rule().between(*(m.replace(tzinfo=None) for m in window), inc=True)
            ]
