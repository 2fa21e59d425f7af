"""factory_boy factories for tests: one line gives a valid object, traits give its variants.

    UserFactory()                      # a user who can log in with PASSWORD
    UserFactory(staff=True)            # may open the admin, sees nothing in it
    UserFactory(superuser=True)        # may do everything in the admin
    RoadmapFactory()                   # Pommerieux, a lever and a scheme of the shipped catalogue
    RoadmapFactory(for_epci=True)      # the roadmap of Pommerieux's EPCI

The user model is read from AUTH_USER_MODEL, so the factory follows the accounts app's custom
user when it comes; organisations get their factory here with their model.
"""

import datetime
import zoneinfo
from decimal import Decimal

import factory
from django.conf import settings
from factory.django import DjangoModelFactory, Password

PASSWORD = "mot-de-passe-de-test"
POMMERIEUX = "53180"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = settings.AUTH_USER_MODEL
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"elu-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@mairie.example")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin-{n}")
    password = Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        """The address is verified (allauth's table), as after a first sign-in by code;
        `verified_email=False` for a person who never confirmed it."""
        if create and user.email:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user,
                email=user.email.lower(),
                defaults={"primary": True, "verified": extracted is not False},
            )


def _commune(code: str = POMMERIEUX):
    from leviers.territories.models import Commune

    return Commune.objects.get(code=code)


def _first(model_name: str):
    """The first entry by slug of the shipped catalogue (loaded once per test session)."""
    from django.apps import apps

    return apps.get_model("catalogue", model_name).objects.order_by("slug").first()


class RoadmapItemFactory(DjangoModelFactory):
    """A lever of the catalogue by default; `scheme=...` or the `of_scheme` trait for a scheme."""

    class Meta:
        model = "journey.RoadmapItem"

    class Params:
        of_scheme = factory.Trait(lever=None, scheme=factory.LazyFunction(lambda: _first("Scheme")))

    roadmap = factory.SubFactory("leviers.testing.factories.RoadmapFactory", items=[])
    lever = factory.LazyFunction(lambda: _first("Lever"))
    scheme = None
    name = factory.LazyAttribute(lambda item: (item.lever or item.scheme).name)
    position = factory.Sequence(lambda n: n)
    next_step = "Présenter le projet au conseil municipal"
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))


class RoadmapFactory(DjangoModelFactory):
    """A roadmap for Pommerieux with one lever and one scheme (`items=[]` for none)."""

    class Meta:
        model = "journey.Roadmap"
        skip_postgeneration_save = True

    class Params:
        for_epci = factory.Trait(commune=None, epci=factory.LazyFunction(lambda: _commune().epci))

    commune = factory.LazyFunction(_commune)
    epci = None
    title = factory.LazyAttribute(
        lambda roadmap: f"Un café associatif : {(roadmap.commune or roadmap.epci).name}"
    )
    needs = factory.LazyFunction(lambda: ["commerce", "lien-social"])
    beneficiary = "commune"
    stage = "emergence"

    @factory.post_generation
    def items(roadmap, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:  # items=[...] given: only those
            for item in extracted:
                item.roadmap = roadmap
                item.save()
            return
        RoadmapItemFactory(roadmap=roadmap, position=0)
        RoadmapItemFactory(roadmap=roadmap, position=1, of_scheme=True)


class OrganisationFactory(DjangoModelFactory):
    """An association by default; `commune_of=True` for the commune of Pommerieux."""

    class Meta:
        model = "accounts.Organisation"

    class Params:
        commune_of = factory.Trait(
            kind="commune",
            commune=factory.LazyFunction(_commune),
            name=factory.LazyAttribute(lambda organisation: organisation.commune.name),
        )

    name = factory.Sequence(lambda n: f"Association des habitants n° {n}")
    kind = "association"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.Membership"

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "membre"


class ProjectFactory(DjangoModelFactory):
    """A public project of the commune of Pommerieux, led by an organisation of its own."""

    class Meta:
        model = "workspace.Project"

    title = factory.Sequence(lambda n: f"Une guinguette au bord de l'étang n° {n}")
    description = "Un lieu de convivialité tenu à tour de rôle par les associations."
    organisation = factory.SubFactory(OrganisationFactory)
    commune = factory.LazyFunction(_commune)


# --- meetings -----------------------------------------------------------------------------------


class MeetingFactory(DjangoModelFactory):
    """Pommerieux's Saturday meeting: every Saturday at 10:00 from 6 June 2026, except August."""

    class Meta:
        model = "meetings.Meeting"

    class Params:
        once = factory.Trait(frequency="", skipped_months=[])

    project = factory.SubFactory(ProjectFactory)
    title = "Réunion participative du samedi"
    place = "Salle des fêtes"
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 6, 6, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    )
    frequency = "hebdomadaire"
    skipped_months = factory.LazyFunction(lambda: [8])
    agenda = "Point sur la guinguette ; tour de table."


class SittingFactory(DjangoModelFactory):
    class Meta:
        model = "meetings.Sitting"

    meeting = factory.SubFactory(MeetingFactory)
    held_on = datetime.date(2026, 6, 6)
    headcount = 14
    minutes = "Choix du nom de la guinguette : « Chez Nous »."


class CommitteeMemberFactory(DjangoModelFactory):
    class Meta:
        model = "meetings.CommitteeMember"

    project = factory.SubFactory(ProjectFactory)
    college = "associations"
    name = factory.Sequence(lambda n: f"Membre n° {n}")


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = "meetings.Decision"

    project = factory.SubFactory(ProjectFactory)
    title = "Ouvrir la guinguette le vendredi soir"
    decided_on = datetime.date(2026, 6, 12)
    body = "copil"
    method = "consensus"


# --- participation ----------------------------------------------------------------------------


class ContributionFactory(DjangoModelFactory):
    """An idea given online; `collected=True` for one typed after the door-to-door."""

    class Meta:
        model = "participation.Contribution"

    class Params:
        collected = factory.Trait(
            channel="porte-a-porte",
            collector="Jeanne Martin",
            place="Hameau de la Cour",
            recorded_by=factory.SubFactory(UserFactory),
        )

    project = factory.SubFactory(ProjectFactory)
    kind = "idee"
    text = factory.Sequence(lambda n: f"Des bancs à l'ombre près de l'étang (idée n° {n}).")
    channel = "en-ligne"
    collected_on = factory.LazyFunction(datetime.date.today)
    status = "publiee"


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = "participation.Proposal"
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Ouvrir la guinguette le vendredi soir n° {n}")
    text = "Proposée par plusieurs habitants rencontrés au porte-à-porte."

    @factory.post_generation
    def contributions(proposal, create, extracted, **kwargs):
        if create and extracted:
            proposal.contributions.set(extracted)


# --- accounts -------------------------------------------------------------------------------


class InvitationFactory(DjangoModelFactory):
    """A pending invitation; pass `token="..."` to know the token of its link (only its hash
    is stored)."""

    class Meta:
        model = "accounts.Invitation"
        exclude = ["token"]

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee-{n}@example.org")
    role = "membre"
    token = factory.Sequence(lambda n: f"jeton-d-invitation-{n:04d}")
    token_hash = factory.LazyAttribute(lambda o: _hash_token(o.token))
    expires_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=14)
    )


def _hash_token(token: str) -> str:
    from leviers.accounts.models import hash_token

    return hash_token(token)


# --- rotas ----------------------------------------------------------------------------------


def make_series(**fields):
    """A series with its slots written (actions.series_create). Defaults: Ernée's guinguette,
    five Friday evenings 18:00–23:00 from 5 June 2026, held by associations, with a bar."""
    from leviers.rotas import actions
    from leviers.rotas.models import Series

    invited = fields.pop("invited", ())
    values = {
        "kind": "associations",
        "title": "Guinguette du vendredi",
        "place": "Bord de l'étang",
        "first_day": datetime.date(2026, 6, 5),
        "last_day": datetime.date(2026, 7, 3),
        "weekdays": "4",
        "start_time": datetime.time(18, 0),
        "end_time": datetime.time(23, 0),
        "needs_licence": True,
        "capacity": 2,
    } | fields
    if "project" not in values:
        values["project"] = ProjectFactory()
    return actions.series_create(Series(**values), invited)


def make_rota(**fields):
    """Pommerieux's bread sale: every day 7:30–9:00, two volunteers a slot, from 1 June 2026."""
    values = {
        "kind": "benevoles",
        "title": "Vente de pain",
        "place": "Épicerie associative",
        "first_day": datetime.date(2026, 6, 1),
        "last_day": datetime.date(2026, 6, 30),
        "weekdays": "0123456",
        "start_time": datetime.time(7, 30),
        "end_time": datetime.time(9, 0),
        "needs_licence": False,
        "capacity": 2,
    } | fields
    return make_series(**values)


# --- funding ----------------------------------------------------------------------------------


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = "funding.BudgetLine"

    project = factory.SubFactory(ProjectFactory)
    kind = "depense"
    label = "Travaux du local"
    year = 2026
    amount = Decimal("40000")


class ApplicationFactory(DjangoModelFactory):
    """Aubigné-Racan's application to the Lieux de convivialité fund, under review."""

    class Meta:
        model = "funding.Application"

    project = factory.SubFactory(ProjectFactory)
    title = "Rénovation du local du tiers-lieu"
    scheme_slug = "lieux-de-convivialite"
    amount_asked = Decimal("20000")
    year = 2026
    status = "en-instruction"


class InstalmentFactory(DjangoModelFactory):
    class Meta:
        model = "funding.Instalment"

    application = factory.SubFactory(ApplicationFactory)
    year = 2026
    amount = Decimal("10000")


class DeadlineFactory(DjangoModelFactory):
    class Meta:
        model = "funding.Deadline"

    application = factory.SubFactory(ApplicationFactory)
    label = "Pièces complémentaires"
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = "funding.Document"

    application = factory.SubFactory(ApplicationFactory)
    name = "Délibération du conseil municipal"
