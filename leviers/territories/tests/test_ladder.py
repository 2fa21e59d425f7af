"""Commune.ladder: the territories a commune is compared with, built in one place."""

import pytest

from leviers.territories.models import Commune

pytestmark = pytest.mark.django_db


def test_a_communes_ladder_climbs_through_its_epci_department_and_region_to_france():
    commune = Commune.objects.select_related("epci", "department", "region").get(code="53180")
    rungs = commune.ladder()
    assert [r.level for r in rungs] == ["commune", "epci", "department", "region", "france"]
    assert [r.code for r in rungs[:4]] == [
        "53180",
        commune.epci_id,
        commune.department_id,
        commune.region_id,
    ]
    assert rungs[2].name == "Mayenne" and rungs[3].name == "Pays de la Loire"
    assert rungs[1].territory == commune.epci and rungs[-1].territory is None


def test_a_commune_outside_any_epci_skips_that_rung():
    commune = Commune.objects.filter(epci=None).first()
    assert commune is not None, "the referential has island communes without an EPCI"
    assert [r.level for r in commune.ladder()] == ["commune", "department", "region", "france"]
