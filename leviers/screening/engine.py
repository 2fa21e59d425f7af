"""Rights screening: an ESTIMATE of ASPA, complémentaire santé solidaire (CSS) and housing aid
for a household, computed by OpenFisca-France (decision 33).

- `screen(answers)` screens one household; `screen_many(list)` screens many in ONE vectorised
  OpenFisca simulation (one row per household), which is how a batch is fast.
- `situation(answers, month)` is the pure answers → OpenFisca situation mapping (a dict in
  OpenFisca's JSON shape; no OpenFisca import), tested directly.
- `compute(situation, month, earns)` runs OpenFisca on a situation: the legislation, built once
  per process, its shortcuts and the simulation are in `legislation.py` (same results as plain
  OpenFisca, several times faster: decisions 33 and 38).

Assumptions, said in the results' note and docs/services.md: resources are the same every month
over the last five years (ASPA reads the last three months, CSS the last twelve, housing aid
the year N-2); a couple's resources are split half and half; no children; the answers' amounts
are gross ("brut"), as OpenFisca's inputs are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from leviers.screening.answers import Answers, Housing
from leviers.screening.legislation import openfisca_month, simulation

RIGHTS = ("aspa", "css", "aide_logement")
# Months of resources given to OpenFisca: the current one and the 60 before. Housing aid reads
# the resources of year N-2, and the CSG rate of a pension the tax income of the years before
# it: with three years only, OpenFisca computed the whole wage chain for the older months
# (a third of the time of a screening).
HISTORY_MONTHS = 61
HOUSING_STATUS = {
    Housing.TENANT: "locataire_vide",
    Housing.OWNER: "proprietaire",
    Housing.HOSTED: "loge_gratuitement",
}
ASPA_AGE = 65
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RightEstimate:
    """One right's estimate. `eligible` is None when it cannot be said from the answers;
    `monthly_amount` is what the household would receive (ASPA, housing aid) or pay (CSS
    with contribution), in euros a month, or None."""

    slug: str
    label: str
    eligible: bool | None
    monthly_amount: Decimal | None
    note: str
    next_step: str
    legislation_date: date

    @property
    def is_free(self) -> bool:
        """CSS without contribution."""
        return self.slug == "css" and self.eligible is True and self.monthly_amount == 0


def current_month(today: date | None = None) -> date:
    today = today or date.today()
    return today.replace(day=1)


def _month_key(month: date, back: int) -> str:
    index = month.year * 12 + month.month - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _birth_date(age: int, month: date) -> str:
    """A birth date giving `age` on the month's first day (born the month before)."""
    index = (month.year - age) * 12 + month.month - 2
    return date(index // 12, index % 12 + 1, 1).isoformat()


def _every_month(month: date, value: float) -> dict[str, float]:
    return {_month_key(month, back): value for back in range(HISTORY_MONTHS)}


def _person(age: int, answers: Answers, share: Decimal, month: date) -> dict:
    person = {
        "date_naissance": {"ETERNITY": _birth_date(age, month)},
        "retraite_brute": _every_month(month, float(answers.pensions * share)),
        "pensions_alimentaires_percues": _every_month(month, float(answers.other * share)),
    }
    if answers.earnings:
        person["salaire_de_base"] = _every_month(month, float(answers.earnings * share))
    return person


def situation(answers: Answers, month: date, key: str = "0") -> dict:
    """The OpenFisca situation of one household for `month` (its first day); `key` names its
    entities, so many households can share one simulation."""
    share = Decimal(1) / answers.size
    people = {f"demandeur{key}": _person(answers.age, answers, share, month)}
    if answers.couple:
        partner_age = answers.partner_age if answers.partner_age is not None else answers.age
        people[f"conjoint{key}"] = _person(partner_age, answers, share, month)
    members = list(people)
    period = _month_key(month, 0)
    household = {
        "personne_de_reference": [members[0]],
        "statut_occupation_logement": {period: HOUSING_STATUS[answers.housing]},
        "loyer": {period: float(answers.rent) if answers.housing == Housing.TENANT else 0.0},
    }
    if answers.couple:
        household["conjoint"] = [members[1]]
    if answers.zone:
        household["zone_apl"] = {period: f"zone_{answers.zone}"}
    elif answers.commune:
        household["depcom"] = {period: answers.commune}
    return {
        "individus": people,
        "familles": {f"famille{key}": {"parents": members}},
        "foyers_fiscaux": {f"foyer{key}": {"declarants": members}},
        "menages": {f"menage{key}": household},
    }


def merge(situations: list[dict]) -> dict:
    """Many households' situations in one (their keys must differ)."""
    merged = {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}
    for one in situations:
        for entity, rows in one.items():
            merged[entity].update(rows)
    return merged


def compute(situation_: dict, month: date, earns: bool = True) -> dict[str, list[float]]:
    """OpenFisca's values, one per household (famille) in order, for the variables read
    (`earns` as for `simulation`)."""
    simulated = simulation(situation_, earns)
    period = openfisca_month(month)
    return {
        name: [float(value) for value in simulated.calculate(name, period)]
        for name in ("aspa", "cmu_c", "css_participation_forfaitaire", "aide_logement")
    }


def _euros(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def estimates(answers: Answers, values: dict[str, float], month: date) -> list[RightEstimate]:
    """The three estimates of one household from OpenFisca's values (pure)."""
    return [
        _aspa(answers, values["aspa"], month),
        _css(values["cmu_c"], values["css_participation_forfaitaire"], month),
        _housing(answers, values["aide_logement"], month),
    ]


def _aspa(answers: Answers, amount: float, month: date) -> RightEstimate:
    label = "Allocation de solidarité aux personnes âgées (ASPA, « minimum vieillesse »)"
    next_step = (
        "Demander l'ASPA à la caisse de retraite : la Carsat (régime général) ou la MSA "
        "(agriculteurs, salariés agricoles). La mairie ou le CCAS aide à remplir la demande."
    )
    oldest = max(answers.age, answers.partner_age or 0) if answers.couple else answers.age
    if oldest < ASPA_AGE:
        return RightEstimate(
            "aspa",
            label,
            False,
            None,
            f"L'ASPA se demande à partir de {ASPA_AGE} ans (62 ans en cas d'inaptitude au "
            "travail, non estimée ici).",
            next_step,
            month,
        )
    eligible = amount > 0
    note = (
        "Montant versé chaque mois pour compléter les ressources du foyer. L'ASPA peut être "
        "récupérée sur la succession au-delà d'un certain montant."
        if eligible
        else "Les ressources déclarées dépassent le plafond de l'ASPA."
    )
    return RightEstimate(
        "aspa", label, eligible, _euros(amount) if eligible else None, note, next_step, month
    )


def _css(free: float, contribution: float, month: date) -> RightEstimate:
    label = "Complémentaire santé solidaire (CSS)"
    next_step = (
        "Demander la complémentaire santé solidaire à la caisse d'assurance maladie (CPAM) ou "
        "à la MSA, en ligne sur ameli.fr ou avec le formulaire papier."
    )
    if free:
        return RightEstimate(
            "css",
            label,
            True,
            Decimal("0.00"),
            "Sans participation : la complémentaire santé est gratuite.",
            next_step,
            month,
        )
    if contribution > 0:
        return RightEstimate(
            "css",
            label,
            True,
            _euros(contribution),
            "Avec une participation : le montant indiqué est ce que le foyer paierait par mois.",
            next_step,
            month,
        )
    return RightEstimate(
        "css",
        label,
        False,
        None,
        "Les ressources déclarées dépassent le plafond de la complémentaire santé solidaire.",
        next_step,
        month,
    )


def _housing(answers: Answers, amount: float, month: date) -> RightEstimate:
    label = "Aide au logement (APL, ALS ou ALF)"
    next_step = (
        "Demander l'aide au logement à la CAF (ou à la MSA pour les agriculteurs), en ligne "
        "sur caf.fr : une simulation y donne le montant exact."
    )
    if answers.housing == Housing.HOSTED:
        return RightEstimate(
            "aide_logement",
            label,
            False,
            None,
            "Une personne hébergée gratuitement n'a pas droit à l'aide au logement.",
            next_step,
            month,
        )
    if answers.housing == Housing.OWNER:
        return RightEstimate(
            "aide_logement",
            label,
            None,
            None,
            "Un propriétaire qui rembourse un prêt peut parfois y avoir droit : non estimé ici.",
            next_step,
            month,
        )
    eligible = amount > 0
    note = (
        "Montant estimé pour le loyer déclaré, charges non comprises."
        if eligible
        else "Avec ces ressources et ce loyer, l'aide serait nulle ou trop faible pour être versée."
    )
    return RightEstimate(
        "aide_logement",
        label,
        eligible,
        _euros(amount) if eligible else None,
        note,
        next_step,
        month,
    )


def screen_many(
    answers_list: list[Answers], today: date | None = None
) -> list[list[RightEstimate]]:
    """Each household's estimates, in order: all in one OpenFisca simulation (two when some
    households earn and others do not)."""
    month = current_month(today)
    results: list[list[RightEstimate] | None] = [None] * len(answers_list)
    # One simulation for the households that earn, one for the others (NO_EARNINGS_NEUTRALISED).
    groups: dict[bool, list[int]] = {}
    for index, answers in enumerate(answers_list):
        groups.setdefault(answers.earnings > 0, []).append(index)
    for earns, indexes in groups.items():
        merged = merge([situation(answers_list[i], month, str(i)) for i in indexes])
        values = compute(merged, month, earns)
        for row, index in enumerate(indexes):
            one = {name: column[row] for name, column in values.items()}
            results[index] = estimates(answers_list[index], one, month)
    return results


def screen(answers: Answers, today: date | None = None) -> list[RightEstimate]:
    """One household's estimates: ASPA, CSS, housing aid (in RIGHTS order)."""
    return screen_many([answers], today)[0]
