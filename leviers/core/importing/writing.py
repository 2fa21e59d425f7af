"""Writing an import: counts of what changed, progress on long work, upserts on natural keys,
and the `Dataset` row of a run that succeeded."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.rejections.extend(other.rejections)

    def reject(self, reason: str) -> None:
        self.rejected += 1
        self.rejections.append(reason)

    def __str__(self) -> str:
        return (
            f"créés={self.created} mis à jour={self.updated} "
            f"inchangés={self.unchanged} rejetés={self.rejected}"
        )


@dataclass
class Report(Counts):
    """Counts, plus the rows deleted because absent from the new file and notes for the user.

    `deleted` stays None for an import that never deletes, and is then not shown.
    """

    deleted: int | None = None
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = super().__str__()
        return text if self.deleted is None else f"{text} supprimés={self.deleted}"


# --- Progress ------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on stderr (only when it is a terminal, or when forced)."""

    def __init__(self, label: str, total: int, stream=None, enabled: bool | None = None):
        self.label, self.total = label, max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last = 0.0

    def update(self, done: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.2 and done < self.total):
            return
        self._last = now
        ratio = done / self.total
        bar = "█" * int(ratio * 30)
        self.stream.write(f"\r{self.label:<28} [{bar:<30}] {ratio:6.1%}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()

    def iterate(self, items: Iterable) -> Iterator:
        for done, item in enumerate(items, 1):
            yield item
            if done % 500 == 0 or done == self.total:
                self.update(done)


# --- Writing -------------------------------------------------------------------------------


def upsert(
    model: type[models.Model],
    records: dict[str, dict],
    key: str,
    *,
    progress: Progress | None = None,
) -> Counts:
    """Create or update `records` (natural key → field values by attname); count what changed.

    Rows absent from `records` are left alone. Runs inside the caller's transaction.
    """
    counts = Counts()
    fields = sorted({f for values in records.values() for f in values})
    pk_name = model._meta.pk.attname
    wanted = {pk_name, key, *fields}
    existing = {row[key]: row for row in model.objects.values(*wanted)}
    to_create, to_update = [], []
    items = records.items()
    for natural_key, values in progress.iterate(items) if progress else items:
        current = existing.get(natural_key)
        if current is None:
            to_create.append(model(**{key: natural_key, **values}))
            counts.created += 1
        elif any(current.get(f) != v for f, v in values.items()):
            obj = model(**{key: natural_key, **values})
            obj.pk = current[pk_name]
            to_update.append(obj)
            counts.updated += 1
        else:
            counts.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=2000)
    update_fields = [f for f in fields if f not in (key, pk_name)]
    if to_update and update_fields:
        model.objects.bulk_update(to_update, update_fields, batch_size=1000)
    return counts


# What a dataset's `imported_from` says of the content shipped in Leviers' own package (the
# catalogue, the training modules), loaded by `leviers bootstrap` and by the test databases.
SHIPPED_WITH_LEVIERS = "contenu livré avec Leviers"


def record_dataset(key: str, *, counts: Counts, imported_from: str, **description) -> None:
    """Write the `Dataset` row of an import that has just succeeded."""
    from leviers.core.models import Dataset

    Dataset.objects.update_or_create(
        key=key,
        defaults={
            **description,
            "imported_from": imported_from[:500],
            "imported_at": timezone.now(),
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "rejected": counts.rejected,
        },
    )
