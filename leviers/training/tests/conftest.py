import pytest


@pytest.fixture
def training(db):
    """The real training content shipped in leviers/training/content (after the catalogue,
    loaded once per session); rolled back with the test."""
    from leviers.training.content import load_training

    load_training()


def make_club(name: str, region: str = "52"):
    """A club of `region`, its organiser network with an « animateur », and a member commune
    organisation with one member: (club, facilitator, member organisation, member)."""
    from leviers.clubs.models import Club, ClubMember
    from leviers.testing.factories import MembershipFactory, OrganisationFactory

    club = Club.objects.create(slug=name.lower(), name=f"Club {name}", region_id=region)
    network = OrganisationFactory()
    club.organisers.add(network)
    facilitator = MembershipFactory(organisation=network, role="animateur").user
    commune = OrganisationFactory()
    ClubMember.objects.create(club=club, organisation=commune)
    member = MembershipFactory(organisation=commune).user
    return club, facilitator, commune, member
