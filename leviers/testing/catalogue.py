"""A synthetic catalogue of schemes and a realistic profile, for benchmarks and load tests.

The mix of criteria imitates the real schemes of /work/shared/research/schemes.md: population
thresholds (3 500, 5 000, 20 000...), lists of project holders, rural communes, regional and
departmental perimeters, programme lists, yes/no questions, free-text conditions and
alternatives (`any_of`, as Rural Consult). Seeded: the same seed gives the same catalogue.

Pure Python: no Django, no database.
"""

from __future__ import annotations

import random

from leviers.catalogue.eligibility import Criterion, Fact, Profile, Territory, scheme_criteria
from leviers.catalogue.vocabulary import BENEFICIARIES, PROGRAMMES, STAGES

METRO_REGIONS = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]
METRO_DEPARTMENTS = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
THRESHOLDS = [2_000, 3_500, 3_500, 5_000, 5_000, 10_000, 20_000, 20_000, 30_000]
EPCI_THRESHOLDS = [15_000, 50_000, 50_000, 150_000]
# Questions several schemes ask (same id): answering one answers them everywhere.
SHARED_QUESTIONS = [
    ("plus-de-commerce", "La commune n'a plus de commerce alimentaire ?"),
    ("local-vacant", "Un local vacant a-t-il été identifié ?"),
    ("benevoles", "Le projet repose-t-il en partie sur des bénévoles ?"),
    ("collectif-acteurs", "Un collectif d'acteurs porte-t-il le projet ?"),
    ("salarie", "La structure emploie-t-elle au moins un salarié ?"),
    ("cofinancement", "Un cofinancement est-il recherché ?"),
    ("centralite", "La commune exerce-t-elle une fonction de centralité ?"),
    ("maire-candidat", "Le maire porte-t-il la candidature ?"),
]
TEXTS = [
    "Le projet doit mobiliser un collectif d'acteurs du territoire",
    "Les dépenses ne doivent pas avoir commencé avant le dépôt du dossier",
    "La structure doit justifier d'un ancrage territorial",
    "Le projet doit viser au moins 40 % d'économie d'énergie",
    "La candidature est examinée par le comité de programmation du GAL",
]
COMMON_BENEFICIARIES = ["commune", "epci", "association", "scic", "commune", "association"]


def synthetic_catalogue(count: int = 10_000, seed: int = 2026) -> list[dict]:
    """`count` schemes as raw mappings: {"slug", "perimeter", "criteria"} (format-catalogue)."""
    rng = random.Random(seed)
    return [
        {"slug": f"dispositif-{i:05d}", "perimeter": _perimeter(rng), "criteria": _criteria(rng, i)}
        for i in range(count)
    ]


def compile_catalogue(schemes: list[dict]) -> dict[str, tuple[Criterion, ...]]:
    """{slug: criteria} as the engine evaluates them (perimeter first)."""
    return {
        s["slug"]: scheme_criteria(
            s["criteria"], s["perimeter"], where=f"dispositif « {s['slug']} »"
        )
        for s in schemes
    }


def pommerieux(
    beneficiary: str | None = "commune",
    stage: str | None = "emergence",
    answers: dict[str, bool] | None = None,
) -> Profile:
    """Pommerieux (Mayenne) with the figures of the referential, its density and PVD list."""
    cog = "INSEE, COG 2026"
    territory = Territory(
        commune_name="Pommerieux",
        commune_code="53180",
        population=Fact(667, cog),
        density_level=Fact(6, "INSEE, grille de densité 2025"),
        department="53",
        department_name="Mayenne",
        region="52",
        region_name="Pays de la Loire",
        epci_code="200048551",
        epci_name="CC du Pays de Craon",
        epci_type=Fact("CC", cog),
        epci_population=Fact(28_594, cog),
        programmes={"petites-villes-de-demain": Fact(False, "ANCT, liste de janvier 2021")},
        referential=cog,
    )
    return Profile(territory, beneficiary, stage, answers or {})


def _perimeter(rng: random.Random) -> dict:
    draw = rng.random()
    if draw < 0.55:
        return {"national": True}
    if draw < 0.75:
        return {"regions": [rng.choice(METRO_REGIONS)]}
    if draw < 0.90:
        return {"departments": rng.sample(METRO_DEPARTMENTS, rng.randint(1, 4))}
    if draw < 0.94:  # a list of laureates, sometimes long (Villages d'avenir: ~2 500)
        size = rng.choice([5, 40, 300, 2_500])
        codes = {
            f"{rng.choice(METRO_DEPARTMENTS[:94])}{rng.randint(1, 999):03d}" for _ in range(size)
        }
        if rng.random() < 0.3:
            codes.add("53180")
        return {"communes": sorted(codes)}
    if draw < 0.97:
        epcis = [f"2000{rng.randint(0, 99_999):05d}" for _ in range(rng.randint(1, 30))]
        if rng.random() < 0.3:
            epcis.append("200048551")
        return {"epcis": epcis}
    return {"programme": rng.choice(list(PROGRAMMES))}


def _population(rng: random.Random, key: str, limits: list[int]) -> dict:
    comparator = rng.choices(["lt", "lte", "gte", "gt"], weights=[6, 2, 1, 1])[0]
    return {key: {comparator: rng.choice(limits)}}


def _criteria(rng: random.Random, index: int) -> list:
    criteria: list = []
    if rng.random() < 0.12:  # alternatives, as Rural Consult
        criteria.append(
            {
                "any_of": [
                    [
                        {"beneficiary": ["commune"]},
                        {"commune_population": {"lt": rng.choice(THRESHOLDS)}},
                    ],
                    [
                        {"beneficiary": ["epci"]},
                        {"epci_type": ["CC"]},
                        {"epci_population": {"lt": rng.choice(EPCI_THRESHOLDS)}},
                    ],
                ]
            }
        )
    elif rng.random() < 0.85:
        holders = rng.sample(list(BENEFICIARIES), rng.randint(1, 3))
        holders.append(rng.choice(COMMON_BENEFICIARIES))
        criteria.append({"beneficiary": list(dict.fromkeys(holders))})
    if rng.random() < 0.4:
        criteria.append({"stage": sorted(rng.sample(list(STAGES), rng.randint(1, 3)))})
    if rng.random() < 0.35:
        criteria.append(_population(rng, "commune_population", THRESHOLDS))
    if rng.random() < 0.08:
        criteria.append(_population(rng, "epci_population", EPCI_THRESHOLDS))
    draw = rng.random()
    if draw < 0.25:
        criteria.append({"rural": True})
    elif draw < 0.30:
        criteria.append({"density_level": sorted(rng.sample(range(1, 8), rng.randint(1, 4)))})
    if rng.random() < 0.08:
        criteria.append({"epci_type": rng.sample(["CC", "CA", "CU", "ME"], rng.randint(1, 2))})
    if rng.random() < 0.04:
        criteria.append({"programme": rng.choice(list(PROGRAMMES))})
    if rng.random() < 0.05:
        criteria.append({"department": rng.sample(METRO_DEPARTMENTS, rng.randint(1, 3))})
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        if rng.random() < 0.5:
            qid, text = rng.choice(SHARED_QUESTIONS)
        else:  # a question of this scheme only
            qid, text = f"condition-{index}", f"Le projet remplit-il la condition n° {index} ?"
        criteria.append({"question": {"id": qid, "text": text, "expected": rng.random() < 0.9}})
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        criteria.append({"text": f"{rng.choice(TEXTS)} (dispositif n° {index})."})
    return criteria
