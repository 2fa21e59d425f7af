"""What a worker freezes when it is ready to serve (`core/memory.py`, `wsgi.py`)."""

import gc

from django.urls import get_resolver

from leviers.core.memory import YOUNG_COLLECTION_EVERY, freeze_startup


def test_freeze_startup_loads_the_views_and_takes_what_is_loaded_out_of_collections():
    loaded = {"a container made before": [1, 2]}  # tracked by the collector until frozen
    assert any(o is loaded for o in gc.get_objects())
    try:
        frozen = freeze_startup()
        # Not compared with gc.get_freeze_count(): another thread of the test process (a live
        # server's) may freeze too, and a frozen object that dies leaves the count.
        assert frozen > 1000  # the whole loaded project, not a handful
        assert not any(o is loaded for o in gc.get_objects())  # no generation walks it now
        made_after = {"a container made after": [3]}
        assert any(o is made_after for o in gc.get_objects())  # the collector is still on
        assert gc.isenabled()
        assert get_resolver()._populated  # every URL module imported before freezing
    finally:
        gc.unfreeze()


def test_freeze_startup_spaces_the_young_collections_out_and_keeps_the_older_ones():
    kept = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        freeze_startup()
        assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, 10, 10)
        # A request's worth of short-lived containers: no young collection meanwhile.
        before = gc.get_stats()[0]["collections"]
        made = [[i] for i in range(YOUNG_COLLECTION_EVERY // 2)]
        assert gc.get_stats()[0]["collections"] == before
        assert gc.get_count()[0] >= len(made)
    finally:
        gc.unfreeze()
        gc.set_threshold(*kept)
