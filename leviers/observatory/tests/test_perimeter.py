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


def test_employer_groups_are_associations_without_the_flag():
    # Review C2: a groupement d'employeurs is a declared association (C. trav. L1253-2).
    assert perimeter().is_in("9223", ess_flag=False, naf="78.30Z")
    assert perimeter().family_of("9223", ess_flag=False) == "association"


def test_congregations_are_in_but_their_religious_activity_is_not():
    # Review C3: INSEE excludes by activity (94.91Z), not by legal form.
    assert perimeter().is_in("9240", ess_flag=False, naf="87.10A")
    assert perimeter().family_of("9240", ess_flag=False) == "association"
    assert not perimeter().is_in("9240", ess_flag=False, naf="94.91Z")


def test_an_explicit_n_flag_takes_an_ess_category_out():
    # Review C8: `N` is INSEE saying « not ESS », unlike a blank flag.
    assert not perimeter().is_in("9220", ess_flag=False, naf="94.99Z", marked_not_ess=True)
    assert perimeter().is_in("9220", ess_flag=False, naf="94.99Z", marked_not_ess=False)


def test_scic_or_scop_in_sas_is_a_cooperative_when_its_name_says_so():
    # Review C7: SIRENE has no category for a SCIC or SCOP in SAS (5710) or SARL (5499).
    rules = perimeter()
    assert rules.family_of("5710", ess_flag=True, cooperative_name=True) == "cooperative"
    assert rules.family_of("5710", ess_flag=False, cooperative_name=True) is None
    # A listed category keeps its own family whatever the name.
    assert rules.family_of("9220", ess_flag=True, cooperative_name=True) == "association"
    for name in ("SCIC LES JARDINS", "Scop Ti", "ENERCOOP", "La Coopérative des Tiers-Lieux"):
        assert rules.says_cooperative(name) == (name != "ENERCOOP"), name
    assert rules.says_cooperative("COOPÉRATIVE D'ACTIVITÉ")
    assert not rules.says_cooperative("SCOPELEC INGENIERIE")


def test_flagged_civil_companies_are_not_called_commercial():
    assert perimeter().family_of("6540", ess_flag=True) == "autre"


def test_the_perimeter_says_it_is_a_reconstruction_to_check():
    assert perimeter().status == "reconstruction à vérifier"


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
