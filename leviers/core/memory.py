"""What a server process keeps for its whole life, kept out of the garbage collector's full
collections.

A worker holds some 140,000 objects the cyclic garbage collector tracks once Django, the apps
and every URL module are loaded (functions, classes, dicts of modules...), and it keeps them
until it exits. Python's full (generation 2) collection walks every one of them: about 60 ms
of CPU on the development machine, triggered by allocation — a 5,000-row CSV export set off
one every few requests, which doubled its p95 (decision 37). `gc.freeze()` moves what is
tracked at that moment to a permanent generation that collections skip: the collector stays
on for everything made afterwards (requests, caches), and the catalogue snapshot freezes its
own data the same way when it is built (`catalogue/snapshot.py`).

Then the youngest generation: Python collects it every 700 new tracked objects (its
default), and every tenth of those collections also walks the middle generation, that is
everything the request made so far. A request that builds tens of thousands of short-lived
objects pays for collections that find nothing: matching 10,000 schemes ran 21 young and 2
middle collections, about 4 ms of its 25 (bench/matching.py), all of it alive until the answer
was sent and then freed by reference counting. With a young collection every
`YOUNG_COLLECTION_EVERY` objects instead, such a request is over before the first one, and
what it made is freed without ever being walked (decision 47).
"""

from __future__ import annotations

import gc

# New tracked objects between two collections of the youngest generation (Python: 700).
YOUNG_COLLECTION_EVERY = 50_000


def freeze_startup() -> int:
    """Load every URL module (and so every view), collect once, then freeze what is left, and
    space the young collections out: the number of objects frozen. Called once per process,
    when it is ready to serve (`wsgi.py`)."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - imports the URL modules and their views
    gc.collect()
    gc.freeze()
    space_young_collections()
    return gc.get_freeze_count()


def space_young_collections() -> None:
    """A collection of the youngest generation every `YOUNG_COLLECTION_EVERY` new tracked
    objects; the older generations keep their thresholds (every tenth collection of the one
    below)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
