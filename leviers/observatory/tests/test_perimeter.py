from leviers.observatory.perimeter import perimeter


def test_declared_association_is_in_the_association_family_without_the_flag():
    assert perimeter().family_of("9220", ess_flag=False) == "association"
    assert perimeter().is_in("9220", ess_flag=False, naf="94.99Z")


def test_scop_sarl_is_a_cooperative():
    assert perimeter().family_of("5458", ess_flag=True) == "cooperative"


def test_flagged_sas_is_a_commercial_ess_company_and_unflagged_sas_is_out():
    assert perimeter().family_of("5710", ess_flag=True) == "societe_commerciale"
    assert perimeter().family_of("5710", ess_flag=False) is None
    assert not perimeter().is_in("5710", ess_flag=False, naf="62.01Z")


def test_borderline_congregation_enters_only_with_the_flag():
    assert not perimeter().is_in("9240", ess_flag=False, naf="94.99Z")
    assert perimeter().family_of("9240", ess_flag=True) == "association"


def test_category_only_unit_in_an_excluded_activity_is_out():
    assert perimeter().excluded_activity("94.91Z")
    assert perimeter().excluded_activity("84.11Z")
    assert not perimeter().is_in("9220", ess_flag=False, naf="94.92Z")


def test_flagged_unit_stays_in_whatever_its_activity():
    assert perimeter().is_in("9220", ess_flag=True, naf="94.91Z")


def test_flagged_unit_of_an_unusual_category_falls_in_other_organisations():
    assert perimeter().family_of("7410", ess_flag=True) == "autre"


def test_public_law_bodies_are_not_private_but_sole_traders_are():
    assert not perimeter().is_private("7210")
    assert not perimeter().is_private("4110")
    assert perimeter().is_private("1000")
    assert perimeter().is_private("9220")


def test_every_mapping_names_its_source():
    assert "2014-856" in perimeter().source
    assert "NAF" in perimeter().exclusions_source
