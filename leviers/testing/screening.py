"""Synthetic households for the rights screening (`leviers.screening.engine`): the bench
(`bench/screening.py`) measures on them and the screening's tests compare its shortcuts with
plain OpenFisca on them.

Seeded: the same seed gives the same households. Pure Python: no Django, no OpenFisca.
"""

from __future__ import annotations

import random
from decimal import Decimal

from leviers.screening.answers import Answers, Housing

COMMUNES = ("23096", "53180", "19272", "48095", "15014")
# A household's monthly gross wages: three in five earn nothing, as in a village's
# retired population that the screening is for.
EARNINGS = (0, 0, 0, 400, 900)


def households(count: int, seed: int = 14, earnings: tuple[int, ...] = EARNINGS) -> list[Answers]:
    """`count` varied households of 60 to 95 (couples, pensions, `earnings` drawn from the
    tuple, other income, each housing status)."""
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        couple = rng.random() < 0.4
        housing = rng.choice([Housing.TENANT, Housing.TENANT, Housing.OWNER, Housing.HOSTED])
        result.append(
            Answers(
                age=rng.randint(60, 95),
                couple=couple,
                partner_age=rng.randint(60, 95) if couple else None,
                pensions=Decimal(rng.randrange(300, 2600, 10)),
                earnings=Decimal(rng.choice(earnings)),
                other=Decimal(rng.choice([0, 0, 100])),
                housing=housing,
                rent=Decimal(rng.randrange(250, 700, 10))
                if housing == Housing.TENANT
                else Decimal(0),
                commune=rng.choice(COMMUNES),
            )
        )
    return result


def wage_earners(wages: list[Decimal], seed: int = 1) -> list[Answers]:
    """For each gross monthly wage of ONE person in `wages`: a person alone who earns it,
    then a couple where each earns it (the questionnaire splits a couple's wages half and
    half, so the couple's `earnings` are twice the wage); ages of 18 to 95 (working age and
    retired), pensions, housing and commune drawn with `seed`."""
    rng = random.Random(seed)
    result = []
    for wage in wages:
        for couple in (False, True):
            housing = rng.choice([Housing.TENANT, Housing.TENANT, Housing.OWNER, Housing.HOSTED])
            result.append(
                Answers(
                    age=rng.randint(18, 95),
                    couple=couple,
                    partner_age=rng.randint(18, 95) if couple else None,
                    pensions=Decimal(rng.choice([0, 0, rng.randrange(300, 2600, 10)])),
                    earnings=wage * (2 if couple else 1),
                    other=Decimal(rng.choice([0, 0, 100])),
                    housing=housing,
                    rent=Decimal(rng.randrange(250, 900, 10))
                    if housing == Housing.TENANT
                    else Decimal(0),
                    commune=rng.choice(COMMUNES),
                )
            )
    return result
