"""The facilitators' figures for a club: how many people of its member organisations started or
completed each path and each module. Pure: it counts the progress rows it is given and hides
every count below `minimum` (« moins de 5 »), so that no small cell points at a person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    count: int
    minimum: int

    @property
    def hidden(self) -> bool:
        return self.count < self.minimum

    def __str__(self) -> str:
        return f"moins de {self.minimum}" if self.hidden else str(self.count)


@dataclass(frozen=True)
class Line:
    title: str
    started: Cell
    completed: Cell


def club_figures(
    rows: Iterable[tuple[int, int, bool]],
    paths: list[tuple[str, list[int]]],
    modules: list[tuple[int, str]],
    minimum: int,
) -> tuple[list[Line], list[Line]]:
    """`rows`: (person, module id, passed) for each progress of the club's people; `paths`:
    (title, module ids) ; `modules`: (id, title). A person started a path when they opened one
    of its modules, completed it when they passed all of them."""
    started: dict[int, set[int]] = {}
    passed: dict[int, set[int]] = {}
    for person, module, is_passed in rows:
        started.setdefault(person, set()).add(module)
        if is_passed:
            passed.setdefault(person, set()).add(module)
    by_module_started: dict[int, int] = {}
    by_module_passed: dict[int, int] = {}
    for person, opened in started.items():
        for module in opened:
            by_module_started[module] = by_module_started.get(module, 0) + 1
        for module in passed.get(person, ()):
            by_module_passed[module] = by_module_passed.get(module, 0) + 1
    path_lines = []
    for title, module_ids in paths:
        wanted = set(module_ids)
        began = sum(1 for opened in started.values() if opened & wanted)
        done = sum(1 for ok in passed.values() if wanted and wanted <= ok)
        path_lines.append(Line(title, Cell(began, minimum), Cell(done, minimum)))
    module_lines = [
        Line(
            title,
            Cell(by_module_started.get(module_id, 0), minimum),
            Cell(by_module_passed.get(module_id, 0), minimum),
        )
        for module_id, title in modules
    ]
    return path_lines, module_lines
