"""An outreach team in every role, people with a journal, and the module switched on."""

from datetime import date
from decimal import Decimal

import pytest

from leviers.outreach.models import (
    Consent,
    Orientation,
    OrientationChange,
    Person,
    Right,
    Visit,
)
from leviers.territories.models import Commune
from leviers.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

ROLES = (
    "anonymous",
    "inhabitant",
    "other",
    "facilitator",
    "superuser",
    "admin",
    "intervenant",
    "coordinateur",
    "other_intervenant",
)


@pytest.fixture(autouse=True)
def outreach_on(settings):
    settings.OUTREACH_ENABLED = True
    settings.OUTREACH_MIN_CELL = 5
    settings.OUTREACH_ANONYMISE_AFTER_MONTHS = 24


def make_person(team, commune_code="53180", **fields):
    """A person with their consent, a visit, an orientation with its history and a right."""
    worker = fields.pop("worker", None)
    person = Person.objects.create(
        organisation=team,
        commune=Commune.objects.get(code=commune_code),
        **{
            "label": "M. D.",
            "birth_year": 1941,
            "lives_alone": True,
            "phone": "02 43 98 76 54",
            "referent_name": "Sa fille Hélène",
            "referent_phone": "06 12 34 56 78",
            **fields,
        },
    )
    Consent.objects.create(
        person=person, scopes=["journal", "orientation", "droits", "proche"], recorded_by=worker
    )
    Visit.objects.create(
        person=person,
        worker=worker,
        visited_on=date(2026, 3, 10),
        themes=["portage-repas", "visites-isolement"],
        needs="Ne sort plus depuis la chute de l'hiver, voisin Bernard passe le mardi",
    )
    orientation = Orientation.objects.create(
        person=person,
        service_label="Portage de repas du CCAS de Pommerieux",
        status="transmise",
        follow_up_on=date(2026, 3, 20),
        created_by=worker,
    )
    OrientationChange.objects.create(orientation=orientation, status="transmise", by=worker)
    Right.objects.create(
        person=person,
        kind="autre",
        other_label="Aide ménagère de la caisse de retraite de M. Dupont",
        status="obtenu",
        monthly_amount=Decimal("120.50"),
        decided_on=date(2026, 3, 25),
    )
    return person


class World:
    def __init__(self):
        self.team = OrganisationFactory(name="Locaux moteurs")
        self.network = OrganisationFactory(name="Réseau gérontologie", kind="reseau")
        self.team.networks.add(self.network)
        self.other_team = OrganisationFactory(name="CCAS de Durtal")
        self.users = {"anonymous": None, "inhabitant": UserFactory()}
        self.users["other"] = MembershipFactory().user
        self.users["facilitator"] = MembershipFactory(
            organisation=self.network, role="animateur"
        ).user
        self.users["superuser"] = UserFactory(superuser=True)
        self.users["admin"] = MembershipFactory(organisation=self.team, role="admin").user
        for role in ("intervenant", "coordinateur"):
            self.users[role] = MembershipFactory(organisation=self.team, role=role).user
        self.users["other_intervenant"] = MembershipFactory(
            organisation=self.other_team, role="intervenant"
        ).user
        self.person = make_person(self.team, worker=self.users["intervenant"])
        self.foreign = make_person(self.other_team, worker=self.users["other_intervenant"])


@pytest.fixture
def world(db):
    return World()
