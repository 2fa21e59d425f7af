"""`leviers carte-eligibilite`: every commune against every scheme, in CSV; and the bulk profiles
it is built on (`profiles_for_all_communes`), which must be those of `build_profile`."""

import csv

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from leviers.catalogue.eligibility import CompiledSchemes
from leviers.catalogue.models import Scheme
from leviers.catalogue.profiles import (
    ProfileError,
    ProfileRequest,
    build_profile,
    profiles_for_all_communes,
)
from leviers.catalogue.snapshot import current_snapshot
from leviers.core.models import Dataset
from leviers.territories.models import Commune, Programme
from leviers.testing.catalogue import synthetic_catalogue

pytestmark = pytest.mark.django_db


def run_map(tmp_path, *args) -> dict[str, dict]:
    output = tmp_path / "carte.csv"
    call_command("carte-eligibilite", "--output", str(output), *args, verbosity=0)
    with output.open(encoding="utf-8", newline="") as file:
        return {row["code_insee"]: row for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def best_case_map(django_db_setup, django_db_blocker, tmp_path_factory):
    """The map of every commune of France for a commune at the emergence step, every question
    answered the way that meets it (the best case): made once for the tests that read all of
    France (a map of France is some 35,000 profiles against every scheme). Only reads."""
    with django_db_blocker.unblock():
        answers = [
            f"{q.id}={'oui' if q.expected else 'non'}"
            for q in current_snapshot().catalogue.questions.values()
        ]
        args = [arg for answer in answers for arg in ("--reponse", answer)]
        folder = tmp_path_factory.mktemp("carte")
        return run_map(folder, "--porteur", "commune", "--etape", "emergence", *args)


def test_every_commune_of_france_gets_one_row(catalogue, best_case_map):
    rows = best_case_map
    assert set(rows) == set(Commune.objects.values_list("code", flat=True))
    assert len(rows) > 34_000


def test_pommerieux_is_eligible_to_rural_consult_and_laval_is_not(catalogue, tmp_path):
    rows = run_map(tmp_path, "--departement", "53", "--porteur", "commune")
    assert rows["53180"]["nom"] == "Pommerieux"
    assert rows["53180"]["departement"] == "53"
    assert rows["53180"]["population"] == "667"
    assert rows["53180"]["rural-consult"] == "eligible"
    assert rows["53130"]["nom"] == "Laval"
    assert rows["53130"]["rural-consult"] == "not_eligible"
    assert {row["departement"] for row in rows.values()} == {"53"}


def test_an_association_is_not_eligible_to_rural_consult_anywhere(catalogue, tmp_path):
    rows = run_map(tmp_path, "--departement", "53", "--porteur", "association")
    assert {row["rural-consult"] for row in rows.values()} == {"not_eligible"}


def test_columns_are_the_curated_schemes_and_counts_add_up(catalogue, tmp_path):
    Scheme.objects.create(slug="aide-importee", name="Aide importée", origin="aides-territoires")
    rows = run_map(tmp_path, "--departement", "53")
    curated = set(Scheme.objects.filter(origin="leviers").values_list("slug", flat=True))
    row = rows["53180"]
    verdicts = {key: value for key, value in row.items() if key in curated}
    assert set(verdicts) == curated
    assert "aide-importee" not in row
    statuses = ("eligible", "not_eligible", "to_check", "closed", "resource")
    assert set(verdicts.values()) <= set(statuses)
    for status in statuses:
        assert int(row[f"nb_{status}"]) == list(verdicts.values()).count(status)

    everything = run_map(tmp_path, "--departement", "53", "--tous")
    assert "aide-importee" in everything["53180"]


def test_an_answer_given_once_applies_to_every_commune(catalogue, tmp_path):
    # A scheme asking a yes/no question outside any alternative: the wrong answer excludes it.
    slug, question = next(
        (s.slug, c["question"])
        for s in Scheme.objects.order_by("slug")
        for c in s.criteria
        if "question" in c
    )
    wrong = "non" if question.get("expected", True) else "oui"
    unanswered = run_map(tmp_path, "--departement", "53")
    answered = run_map(tmp_path, "--departement", "53", "--reponse", f"{question['id']}={wrong}")
    assert "to_check" in {row[slug] for row in unanswered.values()}
    assert {row[slug] for row in answered.values()} == {"not_eligible"}


def test_verdicts_and_counts_are_those_of_the_engine_with_imported_aids(catalogue, tmp_path):
    """The map works statuses out from readings shared between communes (eligibility.bulk):
    each commune's line must say what the engine says of it, scheme by scheme."""
    _with_pvd_list("53096", "72264")
    Scheme.objects.bulk_create(
        Scheme(
            slug=raw["slug"],
            name=raw["slug"],
            perimeter=raw["perimeter"],
            criteria=raw["criteria"],
            origin="aides-territoires",
        )
        for raw in synthetic_catalogue(400, seed=7)
    )
    args = ["--departement", "53", "--departement", "72", "--etape", "emergence"]
    rows = run_map(tmp_path, *args, "--tous", "--reponse", "benevoles=oui")
    schemes = sorted(current_snapshot().catalogue.schemes, key=lambda s: s.slug)
    engine = CompiledSchemes(
        {s.slug: s.criteria for s in schemes},
        closed=[s.slug for s in schemes if s.closed],
        resources=[s.slug for s in schemes if s.is_resource],
    )
    profiles = profiles_for_all_communes("commune", "emergence", ["benevoles=oui"], ["53", "72"])
    seen = set()
    for profile in profiles:
        expected = engine.evaluate(profile).statuses
        row = rows[profile.territory.commune_code]
        assert {slug: row[slug] for slug in expected} == expected
        for status in ("eligible", "not_eligible", "to_check", "closed", "resource"):
            assert int(row[f"nb_{status}"]) == list(expected.values()).count(status)
        seen.add(tuple(expected.values()))
    assert len(rows) > 500
    assert len(seen) > 20  # communes do differ


@pytest.mark.parametrize(
    "args, message",
    [
        (["--porteur", "mairie"], "Porteur inconnu « mairie »"),
        (["--etape", "fin"], "Étape inconnu « fin »"),
        (["--departement", "99"], "Département inconnu « 99 »"),
        (["--reponse", "plus-de-commerce"], "Réponse illisible"),
    ],
)
def test_bad_choices_get_a_french_error_and_no_file(catalogue, tmp_path, args, message):
    output = tmp_path / "carte.csv"
    with pytest.raises(CommandError, match=message):
        call_command("carte-eligibilite", "--output", str(output), *args)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_named(catalogue, tmp_path):
    with pytest.raises(CommandError, match="n'existe pas"):
        call_command("carte-eligibilite", "--output", str(tmp_path / "absent" / "carte.csv"))


# The bulk profiles


def _with_pvd_list(*codes: str) -> None:
    programme = Programme.objects.create(
        slug="petites-villes-de-demain",
        name="Petites villes de demain",
        operator="ANCT",
        dataset_key="petites-villes-de-demain",
    )
    programme.communes.add(*codes)
    Dataset.objects.create(
        key="petites-villes-de-demain",
        label="Liste PVD",
        producer="ANCT",
        vintage="liste de test",
        licence="Licence Ouverte 2.0",
        source_url="https://agence-cohesion-territoires.gouv.fr",
        imported_from="test",
        imported_at=timezone.now(),
    )


@pytest.mark.parametrize("code", ["53180", "53130", "53096", "2A004", "97101"])
def test_bulk_profiles_are_those_of_build_profile(code):
    _with_pvd_list("53096", "2A004")
    department = Commune.objects.get(code=code).department_id
    bulk = {
        p.territory.commune_code: p
        for p in profiles_for_all_communes("commune", "etude", ["benevoles=oui"], [department])
    }
    single, _, _ = build_profile(
        ProfileRequest(
            commune=code, beneficiary="commune", stage="etude", answers=("benevoles=oui",)
        )
    )
    assert bulk[code] == single
    assert bulk[code].territory.programmes == single.territory.programmes


def test_bulk_profiles_cite_programme_membership():
    _with_pvd_list("53096")
    profiles = {p.territory.commune_code: p for p in profiles_for_all_communes(departments=["53"])}
    assert profiles["53096"].territory.programmes["petites-villes-de-demain"].value is True
    assert profiles["53180"].territory.programmes["petites-villes-de-demain"].value is False
    assert profiles["53180"].territory.programmes["petites-villes-de-demain"].source == (
        "ANCT, liste de test"
    )


def test_bulk_profiles_read_the_database_in_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    with django_assert_num_queries(4):
        assert sum(1 for _ in profiles_for_all_communes()) > 34_000


def test_bulk_profiles_check_their_choices_in_french():
    with pytest.raises(ProfileError, match="Porteur inconnu « mairie »"):
        next(profiles_for_all_communes("mairie"))


def test_a_closed_or_unverified_scheme_is_never_eligible_for_any_commune(catalogue, best_case_map):
    # Every commune of France, every question answered the way that meets it: the best case.
    schemes = current_snapshot().catalogue.schemes
    guarded = {
        s.slug
        for s in schemes
        if s.curated
        and (s.closed or s.verification == "non-verifie" or s.calendar.get("kind") == "unknown")
    }
    assert {"conseillers-numeriques", "pre-incub-ceas-72", "start-up-de-territoire"} <= guarded
    rows = best_case_map
    assert len(rows) > 34_000
    for slug in sorted(guarded):
        found = {row[slug] for row in rows.values()}
        assert "eligible" not in found, slug
    assert {row["conseillers-numeriques"] for row in rows.values()} == {"closed"}
    # The same answers do make open schemes eligible somewhere: the test can fail.
    assert any(row["rural-consult"] == "eligible" for row in rows.values())
