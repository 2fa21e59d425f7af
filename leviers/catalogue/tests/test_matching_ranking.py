"""The ranking of schemes by `matching.match` on a large synthetic catalogue: the order, which
imported aids are kept, the reasons of relevance and the verdicts, checked against the rules
(docs and matching.py's docstring), not against a copy of the code."""

import random

import pytest

from leviers.catalogue import vocabulary
from leviers.catalogue.eligibility import evaluate
from leviers.catalogue.matching import (
    IMPORTED_MIN_RELEVANCE,
    VERDICT_ORDER,
    Catalogue,
    LeverItem,
    SchemeItem,
    match,
)
from leviers.testing.catalogue import compile_catalogue, pommerieux, synthetic_catalogue

NEEDS = frozenset({"commerce", "lien-social"})


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    rng = random.Random(5)
    schemes = [
        SchemeItem(
            slug,
            # Few distinct names, so that many schemes tie on verdict, relevance and name.
            f"Dispositif {rng.randint(1, 40)}",
            "Opérateur",
            "subvention",
            "Résumé.",
            frozenset(rng.sample(list(vocabulary.NEEDS), rng.randint(0, 2))),
            frozenset(rng.sample(list(vocabulary.STAGES), rng.randint(0, 3))),
            criteria,
            curated=rng.random() < 0.5,
        )
        for slug, criteria in compile_catalogue(synthetic_catalogue(2_000, seed=5)).items()
    ]
    linked = tuple(s.slug for s in schemes[:30])
    lever = LeverItem("levier-commerce", "Levier commerce", "", frozenset({"commerce"}), linked)
    return Catalogue([lever], [], schemes)


def test_schemes_come_by_verdict_then_relevance_then_name(catalogue):
    result = match(catalogue, pommerieux(), NEEDS, {("scheme", "dispositif-00007"): 3.5})
    rank = {status: i for i, status in enumerate(VERDICT_ORDER)}
    keys = [(rank[r.verdict.status], -r.relevance, r.item.name) for r in result.schemes]
    assert keys == sorted(keys)
    # Ties keep the catalogue's order.
    position = {s.slug: i for i, s in enumerate(catalogue.schemes)}
    for before, after in zip(result.schemes, result.schemes[1:], strict=False):
        if (before.verdict.status, before.relevance, before.item.name) == (
            after.verdict.status,
            after.relevance,
            after.item.name,
        ):
            assert position[before.item.slug] < position[after.item.slug]


def test_imported_aids_are_kept_only_when_clearly_relevant(catalogue):
    result = match(catalogue, pommerieux(), NEEDS)
    kept = {r.item.slug: r for r in result.schemes}
    for scheme in catalogue.schemes:
        if scheme.curated:
            assert scheme.slug in kept
        elif scheme.slug in kept:
            assert kept[scheme.slug].relevance >= IMPORTED_MIN_RELEVANCE
    dropped = [s for s in catalogue.schemes if not s.curated and s.slug not in kept]
    assert dropped and all(not (NEEDS & s.needs) for s in dropped)


def test_reasons_of_relevance_follow_text_needs_stage_lever(catalogue):
    text = {("scheme", s.slug): 1.5 for s in catalogue.schemes[10:50]}
    linked = set(catalogue.levers[0].schemes)
    result = match(catalogue, pommerieux(stage="emergence"), NEEDS, text)
    for ranked in result.schemes:
        scheme = ranked.item
        expected = []
        relevance = 0.0
        if ("scheme", scheme.slug) in text:
            expected.append("Correspond aux mots de votre description.")
            relevance += 1.5
        if NEEDS & scheme.needs:
            expected.append("Couvre votre besoin")
            relevance += 2 * len(NEEDS & scheme.needs)
        if "emergence" in scheme.stages:
            expected.append("Intervient à votre étape : émergence de l'idée.")
            relevance += 1
        if scheme.slug in linked:
            expected.append("Mobilisable pour le levier « Levier commerce ».")
            relevance += 2
        assert [r[: len(e)] for r, e in zip(ranked.reasons, expected, strict=True)] == expected
        assert ranked.relevance == pytest.approx(relevance)


def test_every_verdict_is_the_engines(catalogue):
    answers = {"plus-de-commerce": True, "benevoles": False}
    result = match(catalogue, pommerieux(answers=answers), NEEDS)
    for ranked in result.schemes:
        assert ranked.verdict == evaluate(ranked.item.criteria, pommerieux(answers=answers))


def test_questions_are_counted_over_the_schemes_to_check(catalogue):
    result = match(catalogue, pommerieux(), NEEDS)
    counts = {}
    for ranked in result.schemes:
        for question in ranked.verdict.questions:
            counts[question.id] = counts.get(question.id, 0) + 1
    assert {q.id: n for q, n in result.questions} == counts
    assert [n for _, n in result.questions] == sorted(counts.values(), reverse=True)


@pytest.mark.parametrize("size", [0, 1, 2])
def test_tiny_catalogues_rank_like_large_ones(catalogue, size):
    """The whole-list code paths hold for no scheme, one scheme and two."""
    small = Catalogue(catalogue.levers, [], catalogue.schemes[:size])
    result = match(small, pommerieux(answers={"benevoles": True}), NEEDS)
    linked = set(catalogue.levers[0].schemes)  # by a recommended lever: relevance 2
    kept = [s for s in small.schemes if s.curated or NEEDS & s.needs or s.slug in linked]
    assert sorted(r.item.slug for r in result.schemes) == sorted(s.slug for s in kept)
    for ranked in result.schemes:
        expected = evaluate(ranked.item.criteria, pommerieux(answers={"benevoles": True}))
        assert ranked.verdict == expected


def test_without_needs_or_stage_no_scheme_claims_to_cover_them(catalogue):
    result = match(catalogue, pommerieux(stage=None), frozenset())
    linked = set(catalogue.levers[0].schemes)  # every lever is recommended without needs
    shown = [s.slug for s in catalogue.schemes if s.curated or s.slug in linked]
    assert sorted(r.item.slug for r in result.schemes) == sorted(shown)
    for ranked in result.schemes:
        assert not any(r.startswith(("Couvre", "Intervient")) for r in ranked.reasons)
        assert ranked.relevance == (2 if ranked.item.slug in linked else 0)


def test_each_lever_names_the_needs_it_shares_with_the_project():
    """Levers sharing different needs with the project each name their own (the sentence is
    written once per set of shared needs, not once per match)."""
    levers = [
        LeverItem("les-deux", "Les deux", "", frozenset({"commerce", "lien-social", "culture"})),
        LeverItem("commerce", "Commerce", "", frozenset({"commerce"})),
        LeverItem("lien", "Lien", "", frozenset({"lien-social", "mobilite"})),
        LeverItem("autre", "Autre", "", frozenset({"culture"})),
        LeverItem("commerce-bis", "Commerce bis", "", frozenset({"commerce", "mobilite"})),
    ]
    result = match(Catalogue(levers, [], []), pommerieux(), NEEDS)
    labels = {n: vocabulary.label(vocabulary.NEEDS, n).lower() for n in NEEDS}
    named = {ranked.item.slug: ranked.reasons[0] for ranked in result.levers}
    assert named == {
        "les-deux": f"Répond à votre besoin : {labels['commerce']}, {labels['lien-social']}.",
        "commerce": f"Répond à votre besoin : {labels['commerce']}.",
        "commerce-bis": f"Répond à votre besoin : {labels['commerce']}.",
        "lien": f"Répond à votre besoin : {labels['lien-social']}.",
    }
