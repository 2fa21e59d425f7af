"""The facilitators' figures for a club: how many people of its member organisations started or
completed each path and each module. Pure: it reads counts the database grouped (per module;
per person and path) and hides every count below `minimum` (« moins de 5 »), so that no small
cell points at a person."""

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
    by_module: dict[int, tuple[int, int]],
    by_person_and_path: Iterable[tuple[int, int, int]],
    paths: list[tuple[int, str, int]],
    modules: list[tuple[int, str]],
    minimum: int,
) -> tuple[list[Line], list[Line]]:
    """`by_module`: module id → (people who opened it, people who passed it); `by_person_and_path`:
    (person, path id, modules of the path they passed), one row per person who opened a module
    of the path; `paths`: (id, title, number of modules); `modules`: (id, title). A person
    started a path when they opened one of its modules, completed it when they passed all."""
    sizes = {path_id: size for path_id, _title, size in paths}
    started: dict[int, int] = {}
    completed: dict[int, int] = {}
    for _person, path_id, passed in by_person_and_path:
        started[path_id] = started.get(path_id, 0) + 1
        if passed and passed == sizes.get(path_id):
            completed[path_id] = completed.get(path_id, 0) + 1
    path_lines = [
        Line(title, Cell(started.get(i, 0), minimum), Cell(completed.get(i, 0), minimum))
        for i, title, _size in paths
    ]
    module_lines = [
        Line(
            title,
            Cell(by_module.get(i, (0, 0))[0], minimum),
            Cell(by_module.get(i, (0, 0))[1], minimum),
        )
        for i, title in modules
    ]
    return path_lines, module_lines
