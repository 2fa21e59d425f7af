"""The catalogue snapshot (catalogue/snapshot.py)."""

import gc

import pytest

from leviers.catalogue.snapshot import Snapshot


@pytest.mark.django_db
def test_the_catalogue_is_ready_for_matching_before_it_is_frozen():
    # What each match reads is worked out before gc.freeze(), with the rest of the catalogue,
    # rather than by the first match after it (and then left to the collector).
    try:
        catalogue = Snapshot(("essai",)).catalogue
        assert {"compiled", "by_name", "by_needs", "at_stage"} <= vars(catalogue).keys()
    finally:
        gc.unfreeze()
