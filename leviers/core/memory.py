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
"""

from __future__ import annotations

import gc


def freeze_startup() -> int:
    """Load every URL module (and so every view), collect once, then freeze what is left: the
    number of objects frozen. Called once per process, when it is ready to serve (`wsgi.py`)."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - imports the URL modules and their views
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
