"""A directory around Pommerieux (53180): commune outlines (centroids), the data·inclusion test
files imported, a local entry of the commune, a France Services site and the town hall."""

from __future__ import annotations

from pathlib import Path

import pytest

from leviers.services.importing import import_files
from leviers.services.models import LOCAL_SOURCE, Service, Structure
from leviers.territories.models import Commune, CommuneOutline, FranceServicesSite, TownHall

DATA = Path(__file__).parent / "data"
POMMERIEUX = "53180"
# Approximate centroids: Château-Gontier (53062) about 10 km east, Craon (53084) 14 km west.
CENTROIDS = {"53180": (-0.83, 47.82), "53062": (-0.70, 47.83), "53084": (-1.01, 47.85)}


def place(code: str, lon: float, lat: float) -> None:
    CommuneOutline.objects.update_or_create(
        commune_id=code,
        defaults={
            "path": "M0 0l1 0 0 1z",
            "points": 3,
            "centroid_longitude": lon,
            "centroid_latitude": lat,
            "min_longitude": lon - 0.02,
            "max_longitude": lon + 0.02,
            "min_latitude": lat - 0.02,
            "max_latitude": lat + 0.02,
        },
    )


@pytest.fixture
def pommerieux(db):
    return Commune.objects.get(code=POMMERIEUX)


@pytest.fixture
def directory(pommerieux):
    for code, (lon, lat) in CENTROIDS.items():
        place(code, lon, lat)
    import_files(
        [
            DATA / "structures.json",
            DATA / "services.json",
            DATA / "structures.csv",
            DATA / "services.csv",
        ],
        record=False,
    )
    structure = Structure.objects.create(name="Les Amis de Pommerieux", commune=pommerieux)
    Service.objects.create(
        public_id="visites000001",
        source=LOCAL_SOURCE,
        structure=structure,
        name="Visites de convivialité",
        local_themes=["visites-isolement"],
        themes=["remobilisation--lien-social"],
        commune=pommerieux,
        phone="06 12 34 56 78",
    )
    FranceServicesSite.objects.create(
        identifier="FS-TEST-1",
        name="France Services de Château-Gontier",
        commune_id="53062",
        latitude=47.829,
        longitude=-0.702,
        phone="02 43 09 55 55",
    )
    TownHall.objects.update_or_create(commune=pommerieux, defaults={"phone": "02 43 70 70 70"})
    return pommerieux
