"""`eligibility.bulk`: the statuses of many profiles worked out from shared readings must be
exactly those of `CompiledSchemes.evaluate`, whatever the territory lacks."""

import itertools

import pytest

from leviers.catalogue.eligibility import NOT_ELIGIBLE, TO_CHECK, CompiledSchemes, Fact, Profile
from leviers.catalogue.eligibility.bulk import READS, BulkStatuses
from leviers.catalogue.eligibility.sentences import EXPLAIN
from leviers.testing.catalogue import (
    SHARED_QUESTIONS,
    compile_catalogue,
    pommerieux,
    synthetic_catalogue,
)

COG = "INSEE, COG 2026"


def territories():
    """Pommerieux, and variants reaching every branch of the sentences: other places and sizes,
    figures missing, no EPCI, an EPCI alone, a listed commune or EPCI."""
    base = pommerieux().territory
    fields = {f: getattr(base, f) for f in base.__dataclass_fields__}

    def variant(**changes):
        return type(base)(**{**fields, **changes})

    yield base
    for population in (0, 1_999, 2_000, 3_500, 4_999, 5_000, 20_000, 20_001, 250_000):
        yield variant(population=Fact(population, COG), commune_code="72181", department="72")
    for level in range(1, 8):
        yield variant(density_level=Fact(level, "INSEE"))
    for kind, size in itertools.product(("CC", "CA", "CU", "ME"), (15_000, 50_000, 400_000)):
        yield variant(epci_type=Fact(kind, COG), epci_population=Fact(size, COG))
    yield variant(department="2A", region="94", commune_code="2A004")
    yield variant(population=None, density_level=None, epci_type=None, epci_population=None)
    yield variant(epci_code=None, epci_name="", epci_type=None, epci_population=None)
    yield variant(department=None, region=None, programmes={})
    yield variant(programmes={"petites-villes-de-demain": Fact(True, "ANCT")})
    yield variant(commune_code=None)
    yield type(base)(  # an EPCI alone
        epci_code=base.epci_code,
        epci_name=base.epci_name,
        epci_type=base.epci_type,
        epci_population=base.epci_population,
        referential=COG,
    )


def profiles(schemes):
    """Every territory above for a few holders, stages and answers; plus the communes and
    EPCIs the synthetic perimeters list (each in its own lists)."""
    listed = [
        code
        for criteria in schemes.values()
        for c in criteria
        if c.key == "commune"
        for code in sorted(c.values)[:2]
    ]
    sirens = [
        code
        for criteria in schemes.values()
        for c in criteria
        if c.key == "epci"
        for code in sorted(c.values)[:2]
    ]
    base = pommerieux().territory
    places = [
        *territories(),
        *(type(base)(commune_name="X", commune_code=code, department=code[:2]) for code in listed),
        *(type(base)(epci_code=siren, epci_name="CC X") for siren in sirens),
    ]
    answers = [{}, {qid: True for qid, _ in SHARED_QUESTIONS}, {SHARED_QUESTIONS[0][0]: False}]
    for place, holder, stage, said in itertools.product(
        places, ("commune", "association", None), ("emergence", None), answers
    ):
        yield Profile(place, holder, stage, said)


@pytest.mark.parametrize("seed", [3, 11])
def test_bulk_statuses_are_those_of_the_engine(seed):
    schemes = compile_catalogue(synthetic_catalogue(500, seed=seed))
    compiled = CompiledSchemes(schemes)
    bulk = BulkStatuses(compiled)
    checked = statuses = 0
    for profile in profiles(schemes):
        expected = list(compiled.evaluate(profile).statuses.values())
        assert bulk.statuses(bulk.outcome(profile)) == expected, profile
        checked += 1
        statuses += len(set(expected))
    assert checked > 1_000
    assert statuses > checked  # the profiles do get different statuses


def test_the_outcome_counts_unmet_and_unknown_schemes():
    schemes = compile_catalogue(synthetic_catalogue(300, seed=1))
    compiled = CompiledSchemes(schemes)
    unmet, to_check = BulkStatuses(compiled).outcome(pommerieux())
    statuses = list(compiled.evaluate(pommerieux()).statuses.values())
    assert unmet & to_check == 0
    assert unmet.bit_count() == statuses.count(NOT_ELIGIBLE) > 0
    assert to_check.bit_count() == statuses.count(TO_CHECK) > 0


def test_every_kind_of_criterion_says_what_it_reads():
    assert set(READS) == set(EXPLAIN) - {"any_of"}
