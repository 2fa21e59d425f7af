from leviers.observatory.headcount import band_range, headcount_range


def test_band_bounds_follow_the_insee_codes():
    assert band_range("01") == (1, 2)
    assert band_range("12") == (20, 49)
    assert band_range("NN") == (0, 0)
    assert band_range("") is None
    assert band_range("99") is None


def test_range_sums_lower_and_upper_bounds_and_counts_unknown_apart():
    estimate = headcount_range({"01": 3, "03": 1, "NN": 10, "": 2})
    assert (estimate.low, estimate.high, estimate.unknown) == (3 * 1 + 6, 3 * 2 + 9, 2)
    assert str(estimate) == "9 à 15"


def test_range_of_non_employers_only_is_zero():
    assert str(headcount_range({"NN": 4, "00": 1})) == "0"
