"""What the eligibility engine reads and writes: a `Profile` (a `Territory` whose figures are
`Fact`s with their citation, who carries the project, its stage, the answers given) goes in;
`Reason`s (one sentence per criterion) come out, and the `Question`s still worth asking.

Plain frozen values, validated when built. Pure Python: no Django, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from leviers.catalogue.vocabulary import BENEFICIARIES, STAGES
from leviers.territories.density import DENSITY_LABELS

EPCI_TYPES = {  # Epci.kind → (name, with its article)
    "CC": ("communauté de communes", "une communauté de communes"),
    "CA": ("communauté d'agglomération", "une communauté d'agglomération"),
    "CU": ("communauté urbaine", "une communauté urbaine"),
    "ME": ("métropole", "une métropole"),
}


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure with its citation (producer and vintage): Fact(667, "INSEE, COG 2026").

    A missing figure is no Fact at all (None): see `fact`."""

    value: object
    source: str


def fact(value: object, source: str) -> Fact | None:
    """A Fact, or None when the value is missing (the data was never imported)."""
    return None if value is None else Fact(value, source)


@dataclass(frozen=True, slots=True)
class Members:
    """What the member communes of an EPCI say, for its verdicts: how many there are, how many
    are rural (a Fact citing the density grid, None when the grid is not imported), and, per
    programme whose list was imported, the names of the members in it (a Fact citing the list;
    an empty tuple when none is)."""

    count: int
    rural: Fact | None = None  # int: members at density level 5 to 7
    programmes: Mapping[str, Fact] = field(default_factory=dict)  # slug → Fact(tuple of names)

    def __post_init__(self):
        if self.count < 0:
            raise ValueError(f"Members.count: a count is >= 0, not {self.count!r}")
        if self.rural is not None and not (
            isinstance(self.rural, Fact)
            and isinstance(self.rural.value, int)
            and 0 <= self.rural.value <= self.count
        ):
            raise ValueError(f"Members.rural: a Fact(int) between 0 and count, not {self.rural!r}")
        for slug, names in self.programmes.items():
            if not isinstance(names, Fact) or not isinstance(names.value, tuple):
                raise TypeError(f"Members.programmes[{slug!r}] must be a Fact(tuple of names)")


@dataclass(frozen=True, slots=True)
class Territory:
    """The place of the project: a commune (with its EPCI) or an EPCI alone.

    Codes come from the referential cited by `referential` ("INSEE, COG 2026").
    `programmes` holds one Fact(bool) per programme whose list was imported: membership, with
    the list's citation. A programme absent from it was never imported: "à vérifier".

    An EPCI alone also carries what its member communes say (`members`, None when unknown):
    its verdicts read them as facts (a member in a programme, all members rural).
    """

    commune_name: str = ""
    commune_code: str | None = None  # code INSEE
    population: Fact | None = None  # int
    density_level: Fact | None = None  # int, 1 to 7
    department: str | None = None  # code INSEE
    department_name: str = ""
    region: str | None = None  # code INSEE
    region_name: str = ""
    epci_code: str | None = None  # SIREN
    epci_name: str = ""
    epci_type: Fact | None = None  # CC | CA | CU | ME
    epci_population: Fact | None = None  # int
    programmes: Mapping[str, Fact] = field(default_factory=dict)
    referential: str = ""
    members: Members | None = None

    def __post_init__(self):
        for name in ("population", "density_level", "epci_type", "epci_population"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Fact):
                raise TypeError(f"Territory.{name} must be a Fact or None, not {value!r}")
            if value is not None and value.value is None:
                raise ValueError(f"Territory.{name}: a missing figure is None, not {value!r}")
        for name in ("population", "epci_population"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value.value, bool) or not isinstance(value.value, int) or value.value < 0
            ):
                raise ValueError(f"Territory.{name}: a population is an int >= 0, {value!r}")
        if self.density_level is not None and self.density_level.value not in DENSITY_LABELS:
            raise ValueError(f"Territory.density_level: unknown level {self.density_level!r}")
        if self.epci_type is not None and self.epci_type.value not in EPCI_TYPES:
            raise ValueError(f"Territory.epci_type: unknown type {self.epci_type!r}")
        for slug, membership in self.programmes.items():
            if not isinstance(membership, Fact) or not isinstance(membership.value, bool):
                raise TypeError(f"Territory.programmes[{slug!r}] must be a Fact(bool, source)")

    @property
    def has_commune(self) -> bool:
        return bool(self.commune_code or self.commune_name)

    @property
    def has_epci(self) -> bool:
        return bool(self.epci_code or self.epci_name)


@dataclass(frozen=True, slots=True)
class Profile:
    """Who asks: the territory, who carries the project, its stage, and the answers given
    ({question id: yes or no})."""

    territory: Territory
    beneficiary: str | None = None  # BENEFICIARIES slug
    stage: str | None = None  # STAGES slug
    answers: Mapping[str, bool] = field(default_factory=dict)

    def __post_init__(self):
        if self.beneficiary is not None and self.beneficiary not in BENEFICIARIES:
            raise ValueError(f"Profile.beneficiary: unknown slug {self.beneficiary!r}")
        if self.stage is not None and self.stage not in STAGES:
            raise ValueError(f"Profile.stage: unknown slug {self.stage!r}")
        for qid, answer in self.answers.items():
            if not isinstance(answer, bool):
                raise TypeError(f"Profile.answers[{qid!r}] must be a bool, not {answer!r}")

    def answering(self, answers: Mapping[str, bool]) -> Profile:
        """The same profile with more answers (a new profile; this one is unchanged)."""
        return Profile(self.territory, self.beneficiary, self.stage, {**self.answers, **answers})


@dataclass(frozen=True, slots=True)
class Question:
    """A yes/no question put to the user; `expected` is the answer that meets the criterion."""

    id: str
    text: str
    expected: bool = True


class Reason(NamedTuple):
    """One sentence explaining one criterion: met True, False, or None (à vérifier).

    `details` holds the reasons of the branches an `any_of` sentence refers to. Shared by
    every scheme of a catalogue that has the same criterion.
    """

    text: str
    met: bool | None
    key: str
    question: Question | None = None
    details: tuple[Reason, ...] = ()
