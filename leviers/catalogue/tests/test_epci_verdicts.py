"""An intercommunality alone: its verdicts read what its member communes say (a member in a
programme, all members rural) and speak of it in its own words."""

import pytest
from django.utils import timezone

from leviers.catalogue.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    TO_CHECK,
    Fact,
    Members,
    Profile,
    Territory,
)
from leviers.catalogue.eligibility.bulk import BulkStatuses
from leviers.catalogue.eligibility.sentences import epci_wording
from leviers.catalogue.profiles import ProfileRequest, build_profile
from leviers.catalogue.snapshot import current_snapshot
from leviers.core.models import Dataset
from leviers.territories.models import Commune, Programme

pytestmark = pytest.mark.django_db

ANJOU_LOIR_SARTHE = "200068955"
DURTAL = "49127"


def _dataset(key: str, label: str, producer: str) -> None:
    Dataset.objects.create(
        key=key,
        label=label,
        producer=producer,
        vintage="test",
        licence="Licence Ouverte 2.0",
        source_url="https://www.insee.fr",
        imported_from="test",
        imported_at=timezone.now(),
    )


def _pvd(*codes: str) -> None:
    programme = Programme.objects.create(
        slug="petites-villes-de-demain",
        name="Petites villes de demain",
        operator="ANCT",
        dataset_key="petites-villes-de-demain",
    )
    programme.communes.add(*codes)
    _dataset("petites-villes-de-demain", "Liste PVD", "ANCT")


def _density(level_of_members: int, **levels: int) -> None:
    _dataset("grille-densite", "Grille de densité", "INSEE")
    Commune.objects.filter(epci_id=ANJOU_LOIR_SARTHE).update(density_level=level_of_members)
    for code, level in levels.items():
        Commune.objects.filter(code=code).update(density_level=level)


def evaluate(slug: str, *, beneficiary="epci", answers=None, **where):
    profile, _, _ = build_profile(ProfileRequest(beneficiary=beneficiary, stage="etude", **where))
    return current_snapshot().catalogue.compiled.evaluate(profile.answering(answers or {}))[slug]


def test_a_member_in_pvd_meets_the_pvd_criterion_of_the_epci(catalogue):
    _pvd(DURTAL)
    result = evaluate("petites-villes-de-demain", epci=ANJOU_LOIR_SARTHE)
    reason = next(r for r in result.reasons if r.key == "programme")
    assert reason.met is True
    assert reason.text.startswith("Durtal, commune membre de ")
    assert "(ANCT, test)" in reason.text


def test_no_member_in_pvd_fails_the_pvd_criterion_of_the_epci(catalogue):
    _pvd("53180")  # Pommerieux, elsewhere
    result = evaluate("petites-villes-de-demain", epci=ANJOU_LOIR_SARTHE)
    reason = next(r for r in result.reasons if r.key == "programme")
    assert reason.met is False
    assert reason.text.startswith("Aucune commune membre de ")


def test_all_members_rural_make_the_epci_rural(catalogue):
    _density(6)
    members = Commune.objects.filter(epci_id=ANJOU_LOIR_SARTHE).count()
    result = evaluate("villages-davenir", epci=ANJOU_LOIR_SARTHE)
    reason = next(r for r in result.reasons if r.key == "rural")
    assert reason.met is True
    assert reason.text.startswith(f"Les {members} communes membres de ")


def test_some_members_urban_leave_rurality_to_check_with_the_count(catalogue):
    _density(6, **{DURTAL: 3})
    members = Commune.objects.filter(epci_id=ANJOU_LOIR_SARTHE).count()
    result = evaluate("villages-davenir", epci=ANJOU_LOIR_SARTHE)
    reason = next(r for r in result.reasons if r.key == "rural")
    assert reason.met is None
    assert reason.text.startswith(f"{members - 1} des {members} communes membres")


def test_without_the_density_grid_rurality_is_to_check_per_member(catalogue):
    result = evaluate("villages-davenir", epci=ANJOU_LOIR_SARTHE)
    reason = next(r for r in result.reasons if r.key == "rural")
    assert reason.met is None
    assert "cela dépend de chaque commune membre" in reason.text
    assert "Le profil ne précise pas" not in reason.text


def test_questions_about_an_epci_alone_speak_of_the_intercommunality(catalogue):
    result = evaluate("leader", epci=ANJOU_LOIR_SARTHE)
    texts = {q.id: q.text for q in result.questions}
    assert texts["territoire-gal"].startswith("L'intercommunalité est-elle couverte")
    assert all("La commune" not in r.text for r in result.reasons)
    # The same question for a commune keeps the commune's words.
    commune = evaluate("leader", beneficiary="commune", commune=DURTAL)
    assert {q.id: q.text for q in commune.questions}["territoire-gal"].startswith("La commune")


def test_answering_a_reworded_question_settles_it(catalogue):
    result = evaluate("leader", epci=ANJOU_LOIR_SARTHE, answers={"territoire-gal": False})
    assert result.status == NOT_ELIGIBLE
    reason = next(r for r in result.reasons if r.met is False)
    assert "L'intercommunalité est-elle couverte" in reason.text


def test_epci_wording_replaces_commune_words():
    assert epci_wording("La commune peut-elle, avec le maire, saisir le conseil municipal ?") == (
        "L'intercommunalité peut-elle, avec le président, saisir le conseil communautaire ?"
    )
    assert epci_wording("Les communes voisines") == "Les communes voisines"


def test_bulk_statuses_read_the_members_facts(catalogue):
    compiled = current_snapshot().catalogue.compiled
    bulk = BulkStatuses(compiled)
    base = dict(epci_code=ANJOU_LOIR_SARTHE, epci_name="CC test")
    rural = Fact(3, "grille")
    profiles = [
        Profile(Territory(**base, members=Members(3, rural)), "epci"),
        Profile(Territory(**base, members=Members(3, Fact(0, "grille"))), "epci"),
        Profile(Territory(**base, members=Members(3, Fact(1, "grille"))), "epci"),
        Profile(Territory(**base), "epci"),
    ]
    for profile in profiles:
        statuses = bulk.statuses(bulk.outcome(profile))
        expected = [v.status for v in compiled.evaluate(profile).values()]
        assert statuses == expected
    first, second = (bulk.statuses(bulk.outcome(p)) for p in profiles[:2])
    assert first != second
    assert {ELIGIBLE, TO_CHECK} & set(first)


def test_an_epci_profile_reads_its_members_in_two_more_queries(django_assert_num_queries):
    _pvd(DURTAL)
    # The EPCI, the datasets, the programmes; the members, their programme memberships.
    with django_assert_num_queries(5):
        profile, _, _ = build_profile(ProfileRequest(epci=ANJOU_LOIR_SARTHE))
    members = profile.territory.members
    assert members.count == Commune.objects.filter(epci_id=ANJOU_LOIR_SARTHE).count()
    assert members.programmes["petites-villes-de-demain"].value == ("Durtal",)
    assert members.rural is None  # the density grid is not imported
