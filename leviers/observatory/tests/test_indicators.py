from leviers.observatory.indicators import bars, breakdown, is_small, percent, share


def test_counts_under_five_are_small_but_zero_is_not():
    assert is_small(1) and is_small(4)
    assert not is_small(0) and not is_small(5)


def test_no_percentage_on_fewer_than_five():
    assert share(1, 4) is None
    assert percent(share(1, 4)) == "effectif trop faible pour un pourcentage"
    assert share(1, 5) == 0.2
    assert percent(share(1, 8)) == "12,5 %"


def test_breakdown_follows_label_order_and_compares_with_reference():
    parts = breakdown(
        {"cooperative": 2, "association": 8, "zzz": 0},
        {"association": "Associations", "cooperative": "Coopératives", "mutuelle": "Mutuelles"},
        reference={"association": 75, "cooperative": 25},
    )
    assert [p.key for p in parts] == ["association", "cooperative"]
    assert parts[0].share == 0.8 and parts[0].reference_share == 0.75
    assert parts[1].small and not parts[0].small


def test_bar_widths_are_proportional_to_shares():
    parts = breakdown({"a": 3, "b": 7}, {"a": "A", "b": "B"})
    drawn, height = bars(parts, width=200, row=30)
    assert [b.width for b in drawn] == [60.0, 140.0]
    assert height == 60
