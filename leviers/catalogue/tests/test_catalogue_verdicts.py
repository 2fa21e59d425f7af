"""The shipped catalogue, scheme by scheme, against real territories: its questions settle
every verdict, each open scheme can be « Éligible » somewhere, and the review's findings
(catalogue-review-2026-12.md) stay fixed."""

import dataclasses
import itertools
import re

import pytest

from leviers.catalogue.eligibility import (
    CLOSED,
    ELIGIBLE,
    NOT_ELIGIBLE,
    RESOURCE,
    TO_CHECK,
    Fact,
    Profile,
)
from leviers.catalogue.eligibility.criteria import AnyOf, FreeText
from leviers.catalogue.profiles import ProfileRequest, build_profile
from leviers.catalogue.snapshot import current_snapshot
from leviers.catalogue.vocabulary import BENEFICIARIES, STAGES

pytestmark = pytest.mark.django_db

# Real communes of every size and region the catalogue names: Pommerieux, Aubigné-Racan,
# Durtal, Ernée, Château-Gontier, Challans (a PVD laureate of 22,943 inhabitants), Guéret,
# Nantes.
COMMUNES = ("53180", "72013", "49127", "53096", "53062", "85047", "23096", "44109")
# EPCI alone: CC du Pays de Craon, Nantes Métropole.
EPCIS = ("200048551", "244400404")
# The test database holds the referential, not the density grid: each commune is tried as
# rural (6) and as an intermediate density (3), the levels where the schemes' rules differ.
DENSITIES = (Fact(6, "test"), Fact(3, "test"))


def territories():
    for code in COMMUNES:
        profile, _, _ = build_profile(ProfileRequest(commune=code))
        for density in DENSITIES:
            if profile.territory.density_level is None:
                yield dataclasses.replace(profile.territory, density_level=density)
            else:
                yield profile.territory
                break
    for siren in EPCIS:
        yield build_profile(ProfileRequest(epci=siren))[0].territory


def guarded(scheme) -> bool:
    """Closed, unverified or with an unknown calendar: « à vérifier » at best, by design."""
    return (
        scheme.closed
        or scheme.verification == "non-verifie"
        or scheme.calendar.get("kind") == "unknown"
    )


@pytest.fixture(scope="module")
def catalogue_verdicts(django_db_setup, django_db_blocker):
    """Every (territory, porteur, étape, answers) tried on the whole curated catalogue:
    {slug: [(territory, status)]}, the answers being every question answered the way that
    meets it, or every one the other way."""
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("load-catalogue", verbosity=0)
        catalogue = current_snapshot().catalogue
        places = list(territories())
    compiled = catalogue.compiled
    questions = catalogue.questions.values()
    meeting = {q.id: q.expected for q in questions}
    failing = {q.id: not q.expected for q in questions}
    found: dict[str, list] = {s.slug: [] for s in catalogue.schemes}
    for territory, holder, stage, answers in itertools.product(
        places, BENEFICIARIES, STAGES, (meeting, failing)
    ):
        verdicts = compiled.evaluate(Profile(territory, holder, stage, answers))
        for slug, status in verdicts.statuses.items():
            found[slug].append((territory, status))
    return catalogue, found


def test_no_curated_scheme_keeps_a_free_text_criterion(catalogue_verdicts):
    catalogue, _ = catalogue_verdicts

    def free_text(criteria):
        for criterion in criteria:
            if isinstance(criterion, FreeText) and criterion.key == "text":
                yield criterion.label
            if isinstance(criterion, AnyOf):
                for branch in criterion.branches:
                    yield from free_text(branch)

    left = {s.slug: list(free_text(s.criteria)) for s in catalogue.schemes if s.curated}
    assert {slug: texts for slug, texts in left.items() if texts} == {}


def test_every_open_scheme_is_eligible_somewhere_once_its_questions_are_answered(
    catalogue_verdicts,
):
    catalogue, found = catalogue_verdicts
    never = [
        s.slug
        for s in catalogue.schemes
        if s.curated
        and not guarded(s)
        and not s.is_resource
        and ELIGIBLE not in {status for _, status in found[s.slug]}
    ]
    assert never == []


def test_answering_every_question_settles_every_open_scheme_of_a_commune(catalogue_verdicts):
    catalogue, found = catalogue_verdicts
    unsettled = {
        s.slug
        for s in catalogue.schemes
        if s.curated and not guarded(s) and not s.is_resource
        for territory, status in found[s.slug]
        if territory.has_commune and status == TO_CHECK
    }
    assert unsettled == set()


def test_closed_unverified_and_resources_never_come_out_eligible(catalogue_verdicts):
    catalogue, found = catalogue_verdicts
    for scheme in catalogue.schemes:
        statuses = {status for _, status in found[scheme.slug]}
        if scheme.is_resource:
            assert statuses == {RESOURCE}, scheme.slug
        elif scheme.closed:
            assert statuses == {CLOSED}, scheme.slug
        elif guarded(scheme):
            assert ELIGIBLE not in statuses, scheme.slug
    assert {"rtes-adhesion", "aides-territoires", "monalisa"} <= {
        s.slug for s in catalogue.schemes if s.is_resource
    }


def test_every_question_is_phrased_positively(catalogue_verdicts):
    catalogue, _ = catalogue_verdicts
    # No « n'a-t-elle plus… ? » to answer with Oui or Non.
    negative = re.compile(r"\bn'(a|est|ont|y)-|\bne \w+ (pas|plus)\b|\bne \w+-\w+ (pas|plus)\b")
    found = [q.text for q in catalogue.questions.values() if negative.search(q.text)]
    assert found == []


# Findings of the review, one test each.


def verdict(slug, *, beneficiary="commune", stage="etude", answers=None, **where):
    profile, _, _ = build_profile(ProfileRequest(beneficiary=beneficiary, stage=stage, **where))
    profile = profile.answering(answers or {})
    return current_snapshot().catalogue.compiled.evaluate(profile)[slug]


def yes_to_all(slug):
    catalogue = current_snapshot().catalogue
    scheme = next(s for s in catalogue.schemes if s.slug == slug)
    asked = catalogue.compiled.evaluate(
        Profile(build_profile(ProfileRequest(commune="53180"))[0].territory)
    )[slug]
    return {q.id: q.expected for q in asked.asked}, scheme


def test_a1_closed_conseillers_numeriques_is_clos_not_eligible(catalogue):
    result = verdict("conseillers-numeriques", commune="53180")
    assert result.status == CLOSED
    assert result.label == "Clos"
    assert any(r.key == "calendar" and "clos" in r.text for r in result.reasons)


def test_a3_unverified_pre_incub_is_at_best_to_check_and_says_why(catalogue):
    result = verdict("pre-incub-ceas-72", commune="72013", stage="emergence")
    assert result.status == TO_CHECK
    why = [r.text for r in result.reasons if r.key == "verification"]
    assert why and "n'ont pas été vérifiées" in why[0]


def test_a4_a5_start_up_and_fabrique_ask_whether_they_cover_the_territory(catalogue):
    fabrique = verdict("fabrique-a-initiatives", commune="23096", stage="emergence")
    assert fabrique.status == TO_CHECK
    assert "fabrique-couvre-territoire" in {q.id for q in fabrique.questions}
    no = verdict(
        "fabrique-a-initiatives",
        commune="23096",
        stage="emergence",
        answers={"fabrique-couvre-territoire": False},
    )
    assert no.status == NOT_ELIGIBLE


def test_a8_france_services_needs_more_than_one_yes(catalogue):
    one_yes = verdict("france-services", commune="53180", answers={"deux-agents-24h": True})
    assert one_yes.status == TO_CHECK
    assert "implantation-validee-prefet" in {q.id for q in one_yes.questions}


def test_a9_a_pvd_laureate_over_20000_is_not_refused_for_its_size(catalogue):
    # Challans (22,943 inhabitants) is in the PVD list: the list decides, not the population.
    answers = {"programme-petites-villes-de-demain": True}
    result = verdict("petites-villes-de-demain-ingenierie", commune="85047", answers=answers)
    assert not any(r.met is False for r in result.reasons), [r.text for r in result.reasons]


def test_a11_a_large_sparse_epci_is_eligible_to_detr(catalogue):
    # Nantes Métropole has far more than 75,000 inhabitants; answering that its density is
    # under 150 inhabitants/km² is enough (CGCT L2334-33: all three conditions exclude).
    result = verdict(
        "detr",
        beneficiary="epci",
        stage="montage",
        epci="244400404",
        answers={"epci-densite-moins-de-150": True, "epci-communes-moins-de-20000": False},
    )
    assert result.status == ELIGIBLE
    refused = verdict(
        "detr",
        beneficiary="epci",
        stage="montage",
        epci="244400404",
        answers={"epci-densite-moins-de-150": False, "epci-communes-moins-de-20000": False},
    )
    assert refused.status == NOT_ELIGIBLE


def test_a14_villages_davenir_is_open_on_a_rolling_basis(catalogue):
    answers, scheme = yes_to_all("villages-davenir")
    assert scheme.calendar["kind"] == "rolling"
    assert not scheme.closed


def test_a22_vta_for_an_epci_does_not_read_the_communes_density(catalogue):
    result = verdict("vta", beneficiary="epci", commune="53180")
    assert result.status == TO_CHECK
    assert "epci-rurale-insee" in {q.id for q in result.questions}
    no = verdict(
        "vta",
        beneficiary="epci",
        commune="53180",
        answers={"epci-rurale-insee": False},
    )
    assert no.status == NOT_ELIGIBLE


def test_a24_dla_accompanies_a_launched_employer_association(catalogue):
    answers = {"au-moins-un-salarie": True, "besoin-consolidation-emplois": True}
    result = verdict(
        "dla", beneficiary="association", stage="lancement", commune="53180", answers=answers
    )
    assert result.status == ELIGIBLE
