"""The eligibility engine: a profile (territory, project holder, stage, answers) against the
criteria of schemes gives, for each scheme, a verdict with one French sentence per criterion.

    schemes = CompiledSchemes({slug: criteria, …})  # once, when the catalogue is read
    verdicts = schemes.evaluate(profile)        # {slug: Verdict} for every scheme
    verdict = verdicts["rural-consult"]
    verdict.status       # "eligible" | "not_eligible" | "to_check"
    verdict.reasons      # (Reason("Pommerieux compte 667 habitants (INSEE, COG 2026) : …"), …)
    verdict.questions    # the questions still worth asking

    evaluate(criteria, profile)                 # the verdict of one scheme, the same way

Every figure comes with its citation (`Fact`); a missing figure gives "à vérifier", never a
guess (the sentences are written by sentences.py). Two schemes asking the same thing hold equal
criteria: evaluating a profile writes the sentence of each distinct criterion once, then every
scheme reads its own (bench/eligibility.py: 10,000 schemes in a few milliseconds).

Pure Python: no Django, no database. Tested in tests/test_eligibility.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Generic, NamedTuple, TypeVar

from leviers.catalogue.eligibility.criteria import AnyOf, Ask, Criterion, InProgramme
from leviers.catalogue.eligibility.sentences import EXPLAIN, PROFILE_FREE, Context
from leviers.catalogue.eligibility.types import Profile, Question, Reason

K = TypeVar("K")
ELIGIBLE, NOT_ELIGIBLE, TO_CHECK = "eligible", "not_eligible", "to_check"
# A closed scheme is never eligible, whatever its criteria; a resource (network, guide, tool)
# has no eligibility at all: both are outcomes of their own, shown apart.
CLOSED, RESOURCE = "closed", "resource"
STATUS_LABELS = {
    ELIGIBLE: "Éligible",
    NOT_ELIGIBLE: "Non éligible",
    TO_CHECK: "À vérifier",
    CLOSED: "Clos",
    RESOURCE: "Ressource",
}
# A verdict is its worst criterion: ranks order the outcomes, worst first (a closed scheme and
# a resource come after every open scheme).
RESOURCE_RANK, CLOSED_RANK, UNMET, UNKNOWN, MET = 0, 1, 2, 3, 4
STATUS_OF_RANK = (RESOURCE, CLOSED, NOT_ELIGIBLE, TO_CHECK, ELIGIBLE)


class Verdict(NamedTuple):
    """The outcome for one scheme, with one reason per criterion (perimeter first)."""

    status: str  # ELIGIBLE | NOT_ELIGIBLE | TO_CHECK
    reasons: tuple[Reason, ...]

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def questions(self) -> list[Question]:
        """Open questions whose answer can change the verdict, once each (by id).

        Empty when the scheme is already out of reach: no answer would make it eligible.
        """
        if self.status != TO_CHECK:
            return []
        found: dict[str, Question] = {}
        _open_questions(self.reasons, found)
        return list(found.values())

    @property
    def asked(self) -> list[Question]:
        """Every question this scheme's criteria ask, answered or not, once each (by id):
        an answered question stays on the card with its answer, to change it there."""
        found: dict[str, Question] = {}
        _all_questions(self.reasons, found)
        return list(found.values())


def _all_questions(reasons: Iterable[Reason], found: dict[str, Question]) -> None:
    for reason in reasons:
        if reason.question is not None:
            found.setdefault(reason.question.id, reason.question)
        if reason.details:
            _all_questions(reason.details, found)


def _open_questions(reasons: Iterable[Reason], found: dict[str, Question]) -> None:
    for reason in reasons:
        if reason.met is None:
            if reason.question is not None:
                found.setdefault(reason.question.id, reason.question)
            if reason.details:
                _open_questions(reason.details, found)


class CompiledSchemes(Generic[K]):
    """Schemes ready for evaluation: build it once, then evaluate each profile.

    Compiling lists the distinct criteria of all the schemes (`criteria`) and, per scheme, the
    positions of its own among them (`places`). It also collects the questions the schemes ask
    (`questions`, by id: their text for pages that only hold an id).
    """

    def __init__(
        self,
        schemes: Mapping[K, Sequence[Criterion]],
        *,
        closed: Iterable[K] = (),
        resources: Iterable[K] = (),
    ):
        """`closed`: the schemes shown « Clos » whatever their criteria; `resources`: those
        that carry no verdict (« Ressource »)."""
        position: dict[Criterion, int] = {}
        self.keys: list[K] = list(schemes)
        self.index = {key: i for i, key in enumerate(self.keys)}
        # Fixed outcomes, by position: a resource first (it has no verdict at all).
        self.fixed_rank = {self.index[key]: CLOSED_RANK for key in closed if key in self.index}
        self.fixed_rank |= {
            self.index[key]: RESOURCE_RANK for key in resources if key in self.index
        }
        self.places = [
            tuple(position.setdefault(c, len(position)) for c in criteria)
            for criteria in schemes.values()
        ]
        self.criteria = list(position)
        # The memo a profile starts from: the sentences that are the same for every profile,
        # and those of the questions while unanswered (None: written for each profile).
        self._fixed = [_fixed_sentence(c) for c in self.criteria]
        self._per_profile = [
            (i, c, EXPLAIN[c.key]) for i, c in enumerate(self.criteria) if self._fixed[i] is None
        ]
        self._asks: dict[str, list[tuple[int, Ask]]] = {}  # question id → where it is asked
        for i, criterion in enumerate(self.criteria):
            if type(criterion) is Ask:
                self._asks.setdefault(criterion.question.id, []).append((i, criterion))
        # What no profile changes is settled here: per scheme, the worst of its fixed
        # criteria (`base`) and the positions of the others, the only ones a profile reads.
        self._variable = [i for i, c in enumerate(self.criteria) if c.key not in PROFILE_FREE]
        self._split = [_split(places, self._fixed, self.criteria) for places in self.places]
        self.questions: dict[str, Question] = {}
        for criterion in self.criteria:
            _collect_questions(criterion, self.questions)
        # The schemes that may leave a question open, with the positions of the criteria that
        # can (counting questions only reads those).
        can_ask = [_can_ask(c) for c in self.criteria]
        self.asking = [
            (k, asking)
            for k, places in enumerate(self.places)
            if (asking := tuple(i for i in places if can_ask[i]))
        ]

    def __len__(self) -> int:
        return len(self.keys)

    def evaluate(self, profile: Profile) -> Verdicts[K]:
        """Every scheme's verdict for `profile`, in the catalogue's order.

        The sentence of each distinct criterion is written once for the profile (`sentences`);
        a scheme is then not eligible if one of its criteria is unmet, to check if one is
        unknown, eligible otherwise.
        """
        context = Context(profile)
        sentences = self._fixed.copy()
        for qid, answer in profile.answers.items():
            for i, ask in self._asks.get(qid, ()):
                sentences[i] = ask.reasons[answer]
        for i, criterion, explain in self._per_profile:
            sentences[i] = explain(criterion, context)
        if context.for_epci:  # questions in the intercommunality's words
            for asks in self._asks.values():
                for i, ask in asks:
                    sentences[i] = context.explain(ask)
        unmet, unknown = set(), set()  # in one walk of the criteria a profile decides
        for i in self._variable:
            met = sentences[i].met
            if met is False:
                unmet.add(i)
            elif met is None:
                unknown.add(i)
        ranks = [
            UNMET
            if base == UNMET or not unmet.isdisjoint(places)
            else UNKNOWN
            if base == UNKNOWN or not unknown.isdisjoint(places)
            else MET
            for base, places in self._split
        ]
        for k, rank in self.fixed_rank.items():
            ranks[k] = rank
        return Verdicts(self, sentences, ranks)


def evaluate(criteria: Sequence[Criterion], profile: Profile) -> Verdict:
    """The verdict of one scheme: all criteria must be met; any unmet → not eligible; else any
    unknown → to check. (For a whole catalogue, build a `CompiledSchemes` once.)"""
    return CompiledSchemes({None: criteria}).evaluate(profile)[None]


def _fixed_sentence(criterion: Criterion) -> Reason | None:
    if criterion.key in PROFILE_FREE:
        return EXPLAIN[criterion.key](criterion, None)
    if type(criterion) is Ask:
        return criterion.reasons[None]
    return None


def _split(
    places: tuple[int, ...], fixed: list[Reason | None], criteria: list[Criterion]
) -> tuple[int, tuple[int, ...]]:
    """A scheme's criteria split in two: the rank its profile-free criteria give (the worst of
    them, MET when it has none), and the positions of those a profile decides."""
    base, variable = MET, []
    for i in places:
        if criteria[i].key in PROFILE_FREE:
            met = fixed[i].met  # type: ignore[union-attr]
            base = min(base, UNMET if met is False else UNKNOWN if met is None else MET)
        else:
            variable.append(i)
    return base, tuple(variable)


def _collect_questions(criterion: Criterion, found: dict[str, Question]) -> None:
    if type(criterion) in (Ask, InProgramme):
        found.setdefault(criterion.question.id, criterion.question)
    elif type(criterion) is AnyOf:
        for branch in criterion.branches:
            for inner in branch:
                _collect_questions(inner, found)


def _can_ask(criterion: Criterion) -> bool:
    if type(criterion) in (Ask, InProgramme):
        return True
    if type(criterion) is AnyOf:
        return any(_can_ask(c) for branch in criterion.branches for c in branch)
    return False


class Verdicts(Mapping[K, Verdict]):
    """The verdicts of one profile on a compiled catalogue: {key: Verdict}, in its order.

    Also, in the catalogue's order, `ranks` (UNMET, UNKNOWN or MET: the worst criterion of
    each scheme); `sentences` holds the sentence of every distinct criterion, and
    `reasons_at(k)` gives the sentences of the k-th scheme.
    """

    def __init__(self, compiled: CompiledSchemes[K], sentences: list[Reason], ranks: list[int]):
        self.compiled, self.sentences, self.ranks = compiled, sentences, ranks

    def reasons_at(self, k: int) -> tuple[Reason, ...]:
        return tuple(map(self.sentences.__getitem__, self.compiled.places[k]))

    def perimeter_unmet(self, k: int) -> bool:
        """Whether the first criterion of the k-th scheme (its perimeter, when it has one) is
        unmet."""
        places = self.compiled.places[k]
        return bool(places) and self.sentences[places[0]].met is False

    def status_at(self, k: int) -> str:
        return STATUS_OF_RANK[self.ranks[k]]

    def verdict_at(self, k: int) -> Verdict:
        return Verdict(STATUS_OF_RANK[self.ranks[k]], self.reasons_at(k))

    def __getitem__(self, key: K) -> Verdict:
        return self.verdict_at(self.compiled.index[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self.compiled.keys)

    def __len__(self) -> int:
        return len(self.ranks)

    @cached_property
    def statuses(self) -> dict[K, str]:
        return {
            key: STATUS_OF_RANK[rank]
            for key, rank in zip(self.compiled.keys, self.ranks, strict=True)
        }

    def keys_with(self, status: str) -> list[K]:
        """The schemes with this status, in the catalogue's order."""
        return [key for key, found in self.statuses.items() if found == status]

    def count_questions(self, shown: Sequence[bool]) -> list[tuple[Question, int]]:
        """The open questions of the schemes to check, among those `shown` (a flag per scheme,
        in the catalogue's order), each with the number of those schemes it concerns: most
        asked first, then by text. (A scheme out of reach asks nothing: no answer would help.)

        Schemes asking through the same criteria count together: their open questions are
        worked out once per set of criteria.
        """
        ranks = self.ranks
        together = Counter(
            asking for k, asking in self.compiled.asking if ranks[k] == UNKNOWN and shown[k]
        )
        counts: dict[str, list] = {}  # id → [question, schemes]
        for asking, schemes in together.items():
            found: dict[str, Question] = {}
            _open_questions((self.sentences[i] for i in asking), found)
            for qid, question in found.items():
                counts.setdefault(qid, [question, 0])[1] += schemes
        return sorted(((q, n) for q, n in counts.values()), key=lambda qn: (-qn[1], qn[0].text))
