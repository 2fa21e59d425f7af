def test_count_of_agrees_zero_and_one_in_the_singular_and_more_in_the_plural():
    from leviers.core.text import count_of

    assert [count_of(n, "site") for n in (0, 1, 2)] == ["0 site", "1 site", "2 sites"]
    assert count_of(5, "créneau", "créneaux") == "5 créneaux"


def test_the_count_of_filter_reads_the_two_forms_from_its_argument():
    from django.template import Context, Template

    template = Template(
        '{% load french %}{{ a|count_of:"créneau,créneaux" }} / {{ b|count_of:"place" }}'
    )
    assert template.render(Context({"a": 3, "b": 1})) == "3 créneaux / 1 place"


def test_and_list_puts_et_before_the_last_word_only():
    from leviers.core.text import and_list

    assert and_list(["Bretagne"]) == "Bretagne"
    assert and_list(["Bretagne", "Normandie"]) == "Bretagne et Normandie"
    assert and_list(["A", "B", "C"]) == "A, B et C"
