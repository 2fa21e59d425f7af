"""Values built from the database once per process, rebuilt when their data changes.

A `StampedCache` holds one value (a search index, a catalogue snapshot, aggregates) with the
*stamp* of the data it was built from: something cheap to read that changes whenever that data
does (the date of the last import, the catalogue's version). Each read asks for the stamp (one
small query) and rebuilds the value only when it differs. Every cache made here is listed, so
that tests can forget them all at once (`reset_all`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

_registry: list[StampedCache] = []
_ASK = object()  # no stamp given: `get` reads it


class StampedCache(Generic[T]):
    """One value per process, built by `build()`, valid while `stamp()` gives the same answer."""

    def __init__(self, name: str, *, stamp: Callable[[], Hashable], build: Callable[[], T]):
        self.name = name
        self._stamp = stamp
        self._build = build
        self._lock = threading.Lock()
        self._value: T | None = None
        self._built_for: Hashable = None
        self._filled = False
        _registry.append(self)

    def get(self, stamp: Hashable = _ASK) -> T:
        """The value for the current data. A caller that has already read the data's stamp
        (a page that loads the same rows anyway) passes it, and saves the stamp's query."""
        if stamp is _ASK:
            stamp = self._stamp()
        if not (self._filled and self._built_for == stamp):
            with self._lock:
                if not (self._filled and self._built_for == stamp):
                    self._value = self._build()
                    self._built_for, self._filled = stamp, True
        return self._value  # type: ignore[return-value]

    def held(self) -> tuple[T, Hashable] | None:
        """The value held and the stamp it was built for, or None when there is none."""
        with self._lock:
            return (self._value, self._built_for) if self._filled else None  # type: ignore[return-value]

    def hold(self, value: T, stamp: Hashable) -> None:
        """Hold `value` as built for `stamp` (the tests hand each test a value built once)."""
        with self._lock:
            self._value, self._built_for, self._filled = value, stamp, True

    def reset(self) -> None:
        """Forget the value: the next read rebuilds it."""
        with self._lock:
            self._value, self._built_for, self._filled = None, None, False


def reset_all() -> None:
    """Forget every stamped cache of the process (tests, and after an import in a process)."""
    for cache in _registry:
        cache.reset()
