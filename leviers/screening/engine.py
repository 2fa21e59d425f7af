"""Rights screening: an ESTIMATE of ASPA, complémentaire santé solidaire (CSS) and housing aid
for a household, computed by OpenFisca-France (decision 33).

- `screen(answers)` screens one household; `screen_many(list)` screens many in ONE vectorised
  OpenFisca simulation (one row per household), which is how a batch is fast.
- `situation(answers, month)` is the pure answers → OpenFisca situation mapping (a dict in
  OpenFisca's JSON shape; no OpenFisca import), tested directly.
- The legislation (`tax_benefit_system()`) is built once per process, on first use, behind a
  lock; `LOAD_SECONDS` keeps how long it took, so it is measured apart. The screening computes
  with `screening_system()`, the same legislation with the variables that cannot matter for
  its households neutralised (`NEUTRALISED`, about three times faster, same results).

Assumptions, said in the results' note and docs/services.md: resources are the same every month
over the last five years (ASPA reads the last three months, CSS the last twelve, housing aid
the year N-2); a couple's resources are split half and half; no children; the answers' amounts
are gross ("brut"), as OpenFisca's inputs are.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from importlib import metadata

from leviers.screening.answers import Answers, Housing

RIGHTS = ("aspa", "css", "aide_logement")
# Months of resources given to OpenFisca: the current one and the 60 before. Housing aid reads
# the resources of year N-2, and the CSG rate of a pension the tax income of the years before
# it: with three years only, OpenFisca computed the whole wage chain for the older months
# (a third of the time of a screening).
HISTORY_MONTHS = 61
# Variables whose value is their default (0, False) for every household the questionnaire can
# describe — one person or a couple, no children, pensions, wages and "other" income only,
# nothing asked about patrimony, capital, self-employment, disability, public-sector,
# apprentice or executive pay — but that OpenFisca would otherwise compute at length, often
# for each of the sixty months of history. They are neutralised once, in the screening's own
# copy of the legislation (`screening_system()`, an OpenFisca Reform): OpenFisca then returns
# their default without running their formulas nor those below them. tests/test_openfisca.py
# compares the results with plain OpenFisca (`tax_benefit_system()`, nothing neutralised).
NEUTRALISED = (
    # Disability (AAH and its complements, ASI): the form asks for none.
    "aah",
    "caah",
    "mva",
    "eligibilite_caah",
    "asi_eligibilite",
    "css_base_ressources_aah_individu",
    # Unemployment and sick pay.
    "ass",
    "chomage_imposable",
    "chomage_net",
    "indemnites_journalieres",
    "indemnites_journalieres_maladie",
    # Work-accident annuities.
    "rente_accident_travail",
    "rente_accident_travail_salarie",
    # Children, pupils and students: the households have none (bourse_college alone cost 0.7 s).
    "bourse_college",
    "bourse_lycee",
    "boursier",
    "bourse_criteres_sociaux",
    "af",
    "cf",
    "asf",
    "paje_base",
    "paje_prepare",
    "rsa_enfant_a_charge",
    "rsa_base_ressources_prestations_familiales",
    "al_nb_personnes_a_charge",
    # Self-employment, capital income, patrimony, capital gains.
    "rpns_imposables",
    "revenu_non_salarie",
    "rpns_revenus_microBA_agricole",
    "rpns_pvce",
    "microentreprise",
    "revenu_categoriel_non_salarial",
    "revenus_capital",
    "revenus_capitaux_prelevement_forfaitaire_unique_ir",
    "revenus_capitaux_prelevement_bareme",
    "revenus_capitaux_prelevement_liberatoire",
    "rente_viagere_titre_onereux",
    "rfr_plus_values_hors_rni",
    "rsa_base_ressources_patrimoine_individu",
    "prestation_compensatoire",
    # The wage chain's branches for public-sector staff, apprentices, interns, fixed-term
    # contracts and employer benefits (a wage is a private employee's, on a permanent contract).
    "supplement_familial_traitement",
    "indemnite_residence",
    "primes_fonction_publique",
    "nouvelle_bonification_indiciaire",
    "ircantec_salarie",
    "rafp_salarie",
    "pension_salarie",
    "indemnite_compensatrice_csg",
    "remuneration_apprenti",
    "apprenti",
    "exoneration_cotisations_salarie_stagiaire",
    "stage_gratification_reintegration",
    "indemnite_fin_contrat",
    "avantage_en_nature",
    "prevoyance_complementaire_employeur",
    "prevoyance_obligatoire_cadre",
    "reintegration_titre_restaurant_employeur",
    "prime_partage_valeur_exoneree_exceptionnelle",
    "apec_salarie",  # executives only (categorie_salarie: prive_non_cadre by default)
    # The parts of a private employee's wage chain that are zero because an input the
    # screening never gives keeps its default, computed for each month of wages that
    # OpenFisca reads: the employee's sickness contribution (since 2018 the Alsace-Moselle
    # rate only, times salarie_regime_alsace_moselle) and the public-sector solidarity
    # contribution (ended 2017), which make the non-contributory contributions; the
    # company health cover (times complementaire_sante_montant), hence the CSG base without
    # allowance (that cover and the employer's prevoyance); the civil servants' pay
    # (public categories only); bonuses and profit-sharing premiums (primes_salaires,
    # prime_partage_valeur...); the apprentice's exemption (times apprenti).
    "cotisations_salariales_non_contributives",
    "complementaire_sante_salarie",
    "assiette_csg_non_abattue",
    "remuneration_principale",
    "primes_salaires_non_exonerees",
    "exoneration_cotisations_salariales_apprenti",
)
# And, for households that earn nothing, the wage chain itself (contributions, net and taxable
# wage): a second copy of the legislation (`screening_system(earns=False)`); screen_many puts
# the households that earn and those that do not in two simulations.
NO_EARNINGS_NEUTRALISED = ("salaire_net", "salaire_imposable")
# The employees' contributions: OpenFisca-France's `apply_bareme` computes each one in the
# three ways an employer may collect it (monthly; monthly, adjusted each December over the
# year; yearly) and keeps the way of `cotisation_sociale_mode_recouvrement` by multiplying the
# two others by zero. The adjusted way reads, for December, the eleven months before it: each
# month's contribution was computed twice, and a whole year of them for the one December the
# complémentaire santé solidaire reads (47 months of contributions instead of 38). The
# screening never gives that input, whose default is the monthly way (CONTRIBUTION_MODE,
# checked by tests/test_openfisca.py): its legislation runs OpenFisca-France's formulas
# unchanged, with `apply_bareme` bound to what it returns in that mode (`compute_cotisation`,
# OpenFisca-France's own function).
CONTRIBUTION_MODE = "mensuel_strict"
CONTRIBUTIONS_MODULE = (
    "openfisca_france.model.prelevements_obligatoires.prelevements_sociaux"
    ".cotisations_sociales.base"
)
HOUSING_STATUS = {
    Housing.TENANT: "locataire_vide",
    Housing.OWNER: "proprietaire",
    Housing.HOSTED: "loge_gratuitement",
}
ASPA_AGE = 65
CENT = Decimal("0.01")

LOAD_SECONDS: float | None = None
_system = None
_screening_systems: dict[bool, object] = {}
_lock = threading.Lock()


def tax_benefit_system():
    """OpenFisca-France's legislation, built once per process (about ten seconds)."""
    global _system, LOAD_SECONDS
    if _system is None:
        with _lock:
            if _system is None:
                started = time.perf_counter()
                from openfisca_france import CountryTaxBenefitSystem

                system = CountryTaxBenefitSystem()
                LOAD_SECONDS = time.perf_counter() - started
                _system = system
    return _system


def screening_system(earns: bool = True):
    """The legislation the screening computes with: OpenFisca-France with `NEUTRALISED` (and,
    when nobody earns, `NO_EARNINGS_NEUTRALISED`) neutralised; built once per process, counted
    in `LOAD_SECONDS` (a few milliseconds: a Reform copies the list of variables, not the
    parameters)."""
    global LOAD_SECONDS
    if earns not in _screening_systems:
        system = tax_benefit_system()
        with _lock:
            if earns not in _screening_systems:
                started = time.perf_counter()
                names = NEUTRALISED + (() if earns else NO_EARNINGS_NEUTRALISED)
                _screening_systems[earns] = _neutralised(system, names)
                LOAD_SECONDS += time.perf_counter() - started
    return _screening_systems[earns]


def _neutralised(system, names: tuple[str, ...]):
    from openfisca_core.reforms import Reform

    class Screening(Reform):
        name = "Leviers screening: variables that are 0 for its households neutralised"

        def apply(self):
            for name in names:
                self.neutralize_variable(name)
            _monthly_contributions(self)

    return Screening(system)


def _monthly_contributions(reform) -> None:
    """In `reform`, the formulas that call OpenFisca-France's `apply_bareme` call instead
    its monthly way alone (`CONTRIBUTION_MODE`): the same code, run with another binding of
    that one name. Neutralised variables stay so; the baseline legislation's variables are
    left as they are."""
    import importlib
    import types

    from openfisca_core.variables import Variable

    base = importlib.import_module(CONTRIBUTIONS_MODULE)

    def monthly(
        individu, period, parameters, cotisation_type=None, bareme_name=None, variable_name=None
    ):
        """What `base.apply_bareme` returns when the mode is CONTRIBUTION_MODE."""
        return base.compute_cotisation(
            individu, period, parameters, cotisation_type=cotisation_type, bareme_name=bareme_name
        )

    namespaces: dict[int, dict] = {}  # the formulas' modules, `apply_bareme` rebound
    for name, variable in list(reform.variables.items()):
        formulas = variable.formulas
        if variable.is_neutralized or not any(
            f.__globals__.get("apply_bareme") is base.apply_bareme
            and "apply_bareme" in f.__code__.co_names
            for f in formulas.values()
        ):
            continue
        # The variable's own definition (value type, entity, period...), its formulas replaced.
        attributes = {
            key: value
            for key, value in vars(type(variable)).items()
            if not key.startswith(("__", "formula"))
        }
        for start, formula in formulas.items():
            key = id(formula.__globals__)
            if key not in namespaces:
                namespaces[key] = {**formula.__globals__, "apply_bareme": monthly}
            attributes[_formula_name(start)] = types.FunctionType(
                formula.__code__,
                namespaces[key],
                formula.__name__,
                formula.__defaults__,
                formula.__closure__,
            )
        reform.replace_variable(type(name, (Variable,), attributes))


def _formula_name(start: str) -> str:
    """OpenFisca's name of a formula that applies from `start` ("2019-01-01")."""
    return "formula" if start == "0001-01-01" else "formula_" + start.replace("-", "_")


def legislation_version() -> str:
    """The OpenFisca-France version whose parameters are used ("176.1.8")."""
    return metadata.version("OpenFisca-France")


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


def _builder():
    """OpenFisca's SimulationBuilder, minus two costs that make a batch slow (1,000
    households: 36 s of building for 0.7 s of computing): it parses the same period strings
    ("2026-11") again for every value it sets, with pendulum, and it looks each entity's row up
    in a list. Here both are read from dicts; the rest is OpenFisca's own code."""
    from openfisca_core import periods
    from openfisca_core.simulation_builder import SimulationBuilder

    class Builder(SimulationBuilder):
        def _period_key(self, period_str: str) -> str:
            keys = self.__dict__.setdefault("_period_keys", {})
            if period_str not in keys:
                keys[period_str] = str(periods.period(period_str))
            return keys[period_str]

        def init_variable_values(self, entity, instance_object, instance_id) -> None:
            rows = self.__dict__.setdefault("_rows", {})
            if entity.plural not in rows:
                rows[entity.plural] = {key: i for i, key in enumerate(self.get_ids(entity.plural))}
            index = rows[entity.plural][instance_id]
            for name, values in instance_object.items():
                entity.check_variable_defined_for_entity(name)
                variable = entity.get_variable(name)
                for period_str, value in values.items():
                    self.add_variable_value(entity, variable, index, instance_id, period_str, value)

        def add_variable_value(
            self, entity, variable, instance_index, instance_id, period_str, value
        ) -> None:
            if value is None:
                return
            key = self._period_key(str(period_str))
            array = self.get_input(variable.name, str(period_str))
            if array is None:
                array = variable.default_array(self.get_count(entity.plural))
            array[instance_index] = variable.check_set_value(value)
            self.input_buffer[variable.name][key] = array

    return Builder()


def simulation(situation_: dict, earns: bool = True):
    """The OpenFisca simulation of a situation, on the screening's legislation. `earns=False`:
    nobody in the situation earns (the wage chain is neutralised)."""
    return _builder().build_from_entities(screening_system(earns), situation_)


# (instant, offset, unit) → instant, for `openfisca_month`'s instants.
_OFFSETS: dict[tuple, object] = {}
_instant_class = None


def openfisca_month(month: date):
    """OpenFisca's period of `month`, starting on a memoised instant: the periods OpenFisca
    derives from it (the month before, its year, the year N-2, the months of a year...) keep
    that class, so each offset is worked out once per process instead of each time a formula
    asks for it, with pendulum (a tenth to a sixth of a screening's time). The values are
    OpenFisca's own (`Instant.offset`, pure: an instant, an offset and a unit give the same
    instant every time); plain OpenFisca's instants are left as they are."""
    from openfisca_core.periods import DateUnit, Period

    return Period((DateUnit.MONTH, _memoised_instant_class()((month.year, month.month, 1)), 1))


def _memoised_instant_class():
    global _instant_class
    if _instant_class is None:
        from openfisca_core.periods import Instant

        class MemoisedInstant(Instant):
            __slots__ = ()

            def offset(self, offset, unit):
                key = (self, offset, unit)
                found = _OFFSETS.get(key)
                if found is None:
                    # OpenFisca's result, of this class (it builds it with self.__class__).
                    found = _OFFSETS[key] = Instant.offset(self, offset, unit)
                return found

        _instant_class = MemoisedInstant
    return _instant_class


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
