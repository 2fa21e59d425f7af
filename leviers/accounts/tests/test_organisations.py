"""Organisation pages: members and roles, deactivation, invitations, SIREN/RNA checked."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from leviers.accounts.models import Invitation, Membership, Organisation
from leviers.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_membership():
    return MembershipFactory(role="admin")


def _url(name, *args):
    return reverse(f"accounts:{name}", args=args)


def test_members_see_the_members_and_their_roles_but_not_the_management(client):
    member = MembershipFactory(role="membre")
    MembershipFactory(organisation=member.organisation, role="admin")
    client.force_login(member.user)
    response = client.get(_url("organisation", member.organisation.public_id))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Administrateur" in page and "Membre" in page
    assert "Inviter une personne" not in page


def test_the_organisation_page_reads_a_fixed_number_of_queries(
    client, admin_membership, django_assert_num_queries
):
    for _ in range(5):
        MembershipFactory(organisation=admin_membership.organisation)
    client.force_login(admin_membership.user)
    url = _url("organisation", admin_membership.organisation.public_id)
    # session, user, organisation, may view (roles), memberships, pending invitations
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_an_admin_changes_a_role_and_deactivates_then_reactivates_a_member(
    client, admin_membership
):
    member = MembershipFactory(organisation=admin_membership.organisation)
    client.force_login(admin_membership.user)
    url = _url("membership", member.organisation.public_id, member.public_id)
    client.post(url, {"role": "animateur", "is_active": "0"})
    member.refresh_from_db()
    assert (member.role, member.is_active) == ("animateur", False)
    assert member.deactivated_at is not None
    client.post(url, {"role": "animateur", "is_active": "1"})
    member.refresh_from_db()
    assert member.is_active and member.deactivated_at is None


def test_the_last_admin_cannot_be_deactivated(client, admin_membership):
    client.force_login(admin_membership.user)
    url = _url("membership", admin_membership.organisation.public_id, admin_membership.public_id)
    response = client.post(url, {"role": "admin", "is_active": "0"}, follow=True)
    admin_membership.refresh_from_db()
    assert admin_membership.is_active
    assert "dernier administrateur actif" in response.content.decode()


def test_a_membership_of_another_organisation_is_not_found(client, admin_membership):
    stranger = MembershipFactory()
    client.force_login(admin_membership.user)
    url = _url("membership", admin_membership.organisation.public_id, stranger.public_id)
    assert client.post(url, {"role": "admin", "is_active": "1"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.role == "membre"


def test_an_invitation_is_mailed_and_accepted_once_by_the_invited_address(
    client, admin_membership, django_capture_on_commit_callbacks
):
    client.force_login(admin_membership.user)
    organisation = admin_membership.organisation
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("organisation-invite", organisation.public_id),
            {"email": "dominique@example.org", "role": "animateur"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/compte/invitation/\S+/)", mail.outbox[0].body).group(1)
    invitation = Invitation.objects.get()
    assert invitation.token_hash not in link  # the token travels, only its hash is kept

    other = UserFactory(email="someone-else@example.org")
    client.force_login(other)
    response = client.post(link)
    assert response.status_code == 400
    assert not Membership.objects.filter(user=other).exists()

    invitee = UserFactory(email="dominique@example.org")
    client.force_login(invitee)
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=invitee).role == "animateur"
    assert client.post(link).status_code == 400  # used once


def test_an_expired_invitation_is_refused(client):
    from leviers.testing.factories import InvitationFactory

    InvitationFactory(
        email="dominique@example.org", token="jeton-expire", expires_at="2020-01-01T00:00Z"
    )
    client.force_login(UserFactory(email="dominique@example.org"))
    response = client.post(_url("invitation", "jeton-expire"))
    assert response.status_code == 400
    assert "a expiré" in response.content.decode()


def test_an_unknown_invitation_token_is_not_found(client):
    client.force_login(UserFactory())
    assert client.get(_url("invitation", "nimporte-quoi")).status_code == 404


def test_invitations_are_rate_limited(client, admin_membership, settings):
    from leviers.accounts import views

    views.INVITATIONS.limit = 2
    try:
        client.force_login(admin_membership.user)
        for n in range(3):
            client.post(
                _url("organisation-invite", admin_membership.organisation.public_id),
                {"email": f"personne-{n}@example.org", "role": "membre"},
            )
    finally:
        views.INVITATIONS.limit = 20
    assert Invitation.objects.count() == 2


def test_a_bad_email_sends_nothing_and_says_what_is_wrong(client, admin_membership):
    client.force_login(admin_membership.user)
    response = client.post(
        _url("organisation-invite", admin_membership.organisation.public_id),
        {"email": "pas-une-adresse", "role": "membre"},
    )
    assert response.status_code == 400
    assert "adresse électronique valide" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_person_declares_an_association_and_becomes_its_admin(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        _url("organisation-new"),
        {"name": "Les Amis du lavoir", "kind": "association", "siren": "", "rna": "w532001234"},
    )
    organisation = Organisation.objects.get(name="Les Amis du lavoir")
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.rna == "W532001234"
    assert Membership.objects.get(organisation=organisation).role == "admin"


def test_a_person_gives_the_article_said_before_the_name(client):
    """« Animé par les Amis du four » on a club's page: the article is chosen on the form that
    declares the organisation, and changed on the one that edits it."""
    client.force_login(UserFactory())
    page = client.get(_url("organisation-new")).content.decode()
    assert 'name="article"' in page and "Article devant le nom" in page
    client.post(
        _url("organisation-new"),
        {"name": "Amis du four", "article": "les", "kind": "association", "siren": "", "rna": ""},
    )
    organisation = Organisation.objects.get(name="Amis du four")
    assert organisation.name_in_sentence == "les Amis du four"
    edit = reverse("accounts:organisation-edit", args=[organisation.public_id])
    client.post(edit, {"name": "Amis du four", "article": "", "kind": "association"})
    organisation.refresh_from_db()
    assert organisation.name_in_sentence == "Amis du four"
    response = client.post(edit, {"name": "Amis du four", "article": "des", "kind": "association"})
    assert response.status_code == 200 and "article" in response.context["form"].errors


@pytest.mark.parametrize(
    ("siren", "message"),
    [("21350180", "exactement 9 chiffres"), ("213501807", "clé de contrôle")],
)
def test_a_wrong_siren_is_refused_with_its_reason(client, siren, message):
    client.force_login(UserFactory())
    response = client.post(
        _url("organisation-new"),
        {"name": "Coop du bourg", "kind": "cooperative", "siren": siren, "rna": ""},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.filter(name="Coop du bourg").exists()


def test_a_siren_typed_with_spaces_is_kept_without(client):
    client.force_login(UserFactory())
    client.post(
        _url("organisation-new"),
        {"name": "Coop du bourg", "kind": "cooperative", "siren": "213 501 802", "rna": ""},
    )
    assert Organisation.objects.get(name="Coop du bourg").siren == "213501802"


def test_a_commune_cannot_be_declared_from_the_site(client):
    client.force_login(UserFactory())
    response = client.post(
        _url("organisation-new"), {"name": "Pommerieux", "kind": "commune", "siren": "", "rna": ""}
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Pommerieux").exists()


def test_a_network_facilitator_sees_the_organisations_the_network_accompanies(client):
    network = OrganisationFactory(kind="reseau", name="Réseau des tiers-lieux")
    accompanied = OrganisationFactory()
    accompanied.networks.add(network)
    facilitator = MembershipFactory(organisation=network, role="animateur").user
    plain_member = MembershipFactory(organisation=network, role="membre").user
    assert facilitator.has_perm("accounts.view_organisation", accompanied)
    assert not facilitator.has_perm("accounts.manage_organisation", accompanied)
    assert not plain_member.has_perm("accounts.view_organisation", accompanied)
    assert set(Organisation.objects.visible_to(facilitator)) == {network, accompanied}


@pytest.mark.parametrize(
    ("name", "article", "in_sentence"),
    [
        ("CRESS des Pays de la Loire", "la", "la CRESS des Pays de la Loire"),
        ("RTES", "le", "le RTES"),
        ("IRESA", "l'", "l'IRESA"),
        ("Amis du café", "les", "les Amis du café"),
        ("Durtal", "", "Durtal"),
    ],
)
def test_an_organisation_takes_its_article_in_a_sentence(name, article, in_sentence):
    assert Organisation(name=name, article=article).name_in_sentence == in_sentence
