"""Factories of clubs, for the clubs tests and the apps above (training).

ClubFactory()                         # the Pays de la Loire, run by a network organisation
ClubMemberFactory(club=club)          # a member association
make_facilitator(club)                # an « animateur » of the club's first organiser
ClubMeetingFactory(club=club)         # an announced meeting in a month, at Durtal
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from leviers.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

DURTAL = "49127"


class ClubFactory(DjangoModelFactory):
    class Meta:
        model = "clubs.Club"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"club-{n}")
    name = factory.Sequence(lambda n: f"Club des collectivités n° {n}")
    region = factory.LazyFunction(
        lambda: __import__("leviers.territories.models", fromlist=["Region"]).Region.objects.get(
            code="52"
        )
    )

    @factory.post_generation
    def organisers(club, create, extracted, **kwargs):
        if not create:
            return
        club.organisers.set(
            extracted or [OrganisationFactory(kind="reseau", name=f"Réseau de {club.name}")]
        )


class ClubMemberFactory(DjangoModelFactory):
    class Meta:
        model = "clubs.ClubMember"

    club = factory.SubFactory(ClubFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def make_facilitator(club, role="animateur"):
    """A person holding `role` in the club's first organiser organisation."""
    return MembershipFactory(organisation=club.organisers.first(), role=role).user


def make_member(club):
    """A person of a member organisation of `club` (the organisation is created)."""
    member = ClubMemberFactory(club=club)
    return MembershipFactory(organisation=member.organisation).user


class ClubMeetingFactory(DjangoModelFactory):
    class Meta:
        model = "clubs.ClubMeeting"

    club = factory.SubFactory(ClubFactory)
    title = factory.Sequence(lambda n: f"Rencontre n° {n}")
    theme = "L'ESS dans les territoires ruraux"
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    start_time = datetime.time(9, 30)
    end_time = datetime.time(16, 30)
    host_commune = factory.LazyFunction(
        lambda: __import__("leviers.territories.models", fromlist=["Commune"]).Commune.objects.get(
            code=DURTAL
        )
    )


class SequenceFactory(DjangoModelFactory):
    class Meta:
        model = "clubs.Sequence"

    meeting = factory.SubFactory(ClubMeetingFactory)
    title = factory.Sequence(lambda n: f"Séquence n° {n}")
    start_time = datetime.time(10, 0)


__all__ = ["UserFactory"]
