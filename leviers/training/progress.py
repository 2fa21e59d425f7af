"""Where a person is in a path: each step with its state, what comes next, and whether (and
when) the path is completed. Pure: it reads the steps and the person's progress it is given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

TO_READ, READ, PASSED = "a-lire", "lu", "reussi"
LABELS = {TO_READ: "À lire", READ: "Lu, auto-évaluation à réussir", PASSED: "Réussi"}


@dataclass(frozen=True)
class StepState:
    step: object  # PathStep, with its module
    progress: object | None  # Progress, or None when never opened

    @property
    def module(self):
        return self.step.module

    @property
    def state(self) -> str:
        if self.progress is None or self.progress.read_on is None:
            return TO_READ
        return PASSED if self.progress.passed_on else READ

    @property
    def label(self) -> str:
        return LABELS[self.state]


@dataclass(frozen=True)
class PathState:
    steps: tuple[StepState, ...]

    @property
    def passed(self) -> int:
        return sum(1 for s in self.steps if s.state == PASSED)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def started(self) -> bool:
        return any(s.state != TO_READ for s in self.steps)

    @property
    def completed(self) -> bool:
        return self.passed == self.total > 0

    @property
    def next(self) -> StepState | None:
        """The first step not passed: where to resume."""
        return next((s for s in self.steps if s.state != PASSED), None)

    @property
    def completed_on(self) -> datetime | None:
        """The day the last module was passed, when all are."""
        if not self.completed:
            return None
        return max(s.progress.passed_on for s in self.steps)


def path_state(steps, progress_by_module: dict) -> PathState:
    """`steps`: the path's PathSteps in order (module selected); `progress_by_module`: the
    person's Progress by module id."""
    return PathState(tuple(StepState(s, progress_by_module.get(s.module_id)) for s in steps))
