"""The directory's permission matrix (leviers/testing/matrix.py): every URL of the namespace,
every role. The project's organisation is the commune of Pommerieux: its members (any role)
keep the commune's local entries; the directory itself is public. An imported service is
edited by nobody here (403), a local entry of another commune neither."""

import pytest
from django.test import Client

from leviers.services.models import LOCAL_SOURCE, Service, Structure
from leviers.territories.models import Commune
from leviers.testing.factories import OrganisationFactory
from leviers.testing.matrix import Row, assert_matrix, build_world, missing_rows

ROLES = ("anonymous", "inhabitant", "other", "member", "facilitator", "admin")
PUBLIC = dict.fromkeys(ROLES, 200)


def expect(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


KEEPERS_READ = expect("login", 403, 403, 200, 200, 200)
KEEPERS_WRITE = expect("login", 403, 403, 302, 302, 302)
NOBODY = expect("login", 403, 403, 403, 403, 403)


def _world():
    world = build_world(organisation=OrganisationFactory(commune_of=True))
    commune = world.project.commune
    structure = Structure.objects.create(name="Les Amis", source=LOCAL_SOURCE, commune=commune)
    local = Service.objects.create(
        structure=structure, name="Visites", commune=commune, phone="0600000000"
    )
    imported_structure = Structure.objects.create(name="CCAS", source="dora", di_id="dora--1")
    imported = Service.objects.create(
        structure=imported_structure, name="Aide", source="dora", di_id="dora--2", commune=commune
    )
    elsewhere = Commune.objects.exclude(code=commune.code).first()
    foreign = Service.objects.create(
        structure=Structure.objects.create(name="Ailleurs", commune=elsewhere),
        name="Ailleurs",
        commune=elsewhere,
        phone="0600000001",
    )
    world.extra.update(commune=commune, local=local, imported=imported, foreign=foreign)
    return world


def _entry(name):
    return lambda w: {
        "name": name,
        "structure_name": "Les Amis",
        "local_themes": ["visites-isolement"],
        "phone": "06 00 00 00 00",
    }


ROWS = [
    Row("services:directory", lambda w: [], PUBLIC),
    Row("services:sheet", lambda w: [w.commune.code], PUBLIC),
    Row("services:sheet_pdf", lambda w: [w.commune.code], PUBLIC),
    Row("services:detail", lambda w: [w.local.public_id], PUBLIC),
    Row("services:detail", lambda w: [w.imported.public_id], PUBLIC),
    Row("services:create", lambda w: [w.commune.code], KEEPERS_READ),
    Row("services:create", lambda w: [w.commune.code], KEEPERS_WRITE, "post", _entry("Repas")),
    Row("services:edit", lambda w: [w.local.public_id], KEEPERS_READ),
    Row("services:edit", lambda w: [w.local.public_id], KEEPERS_WRITE, "post", _entry("Visites")),
    Row("services:edit", lambda w: [w.imported.public_id], NOBODY),
    Row("services:edit", lambda w: [w.foreign.public_id], NOBODY),
    Row("services:create", lambda w: [w.foreign.commune_id], NOBODY),
]


@pytest.mark.django_db
def test_services_matrix():
    assert_matrix(Client, _world(), ROWS)


def test_every_url_has_its_row():
    assert missing_rows("services", ROWS) == set()
