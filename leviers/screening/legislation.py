"""The rights screening's OpenFisca-France: the legislation, built once per process, the
screening's copy of it with its shortcuts, and the simulations it runs (decisions 33 and 38).

- `tax_benefit_system()` is OpenFisca-France's legislation, built on first use behind a lock;
  `LOAD_SECONDS` keeps how long it took (and its copies), so it is measured apart.
- `screening_system(earns)` is the legislation the screening computes with: the variables
  that are their default for every household the questionnaire can describe neutralised
  (`NEUTRALISED`, and the wage chain when nobody earns), the employees' contributions
  computed the one way those households pay them (`CONTRIBUTION_MODE`).
- `simulation(situation, earns)` builds a simulation on it (`_builder()`: OpenFisca's builder
  minus two slow look-ups); `openfisca_month(month)` is the period to ask it for, whose
  offsets are worked out once per process.
Same results as plain OpenFisca, several times faster: tests/test_openfisca.py compares them.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from importlib import metadata

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
    when nobody earns, `NO_EARNINGS_NEUTRALISED`) neutralised and the employees' contributions
    computed the `CONTRIBUTION_MODE` way; built once per process, counted in `LOAD_SECONDS`
    (about ten milliseconds each: a Reform copies the list of variables, not the parameters)."""
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
        name = (
            "Leviers screening: variables 0 for its households neutralised, monthly contributions"
        )

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
