"""Who gives the outreach roles: the team's coordinators, never its admins (who would read the
people), never a superuser; the first coordinator named by the operator's command; every role
given or taken written to the team's access log. Deactivating a worker only takes access away:
the organisation's admins may do that too, never undo it."""

from html import unescape

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from leviers.accounts.models import Invitation, Membership
from leviers.outreach.models import AccessLog
from leviers.testing.factories import MembershipFactory, UserFactory


def _membership_url(team, membership):
    return reverse("accounts:membership", args=[team.public_id, membership.public_id])


def _role_log(team):
    return list(
        AccessLog.objects.filter(organisation=team, role__gt="")
        .order_by("id")
        .values_list("action", "role", "user_id", "member_id")
    )


@pytest.mark.django_db
def test_an_admin_cannot_give_themselves_the_intervenant_role(client, world):
    admin = world.users["admin"]
    membership = Membership.objects.get(user=admin, organisation=world.team)
    client.force_login(admin)
    page = unescape(client.get(world.team.get_absolute_url()).content.decode())
    own_row = page.split(f'id="role-{membership.public_id}"')[1].split("</select>")[0]
    assert 'value="admin"' in own_row and 'value="intervenant"' not in own_row
    assert 'value="coordinateur"' not in own_row
    response = client.post(
        _membership_url(world.team, membership), {"role": "intervenant", "is_active": "1"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == "admin" and _role_log(world.team) == []
    # Nor through an invitation sent to their own address.
    response = client.post(
        reverse("accounts:organisation-invite", args=[world.team.public_id]),
        {"email": admin.email, "role": "intervenant"},
    )
    assert response.status_code == 400
    assert "Rôle : vous ne pouvez pas inviter avec ce rôle" in unescape(response.content.decode())
    assert not Invitation.objects.filter(organisation=world.team).exists()


@pytest.mark.django_db
def test_an_admin_cannot_take_a_worker_off_nor_a_superuser_give_the_role(client, world):
    intervenant = Membership.objects.get(user=world.users["intervenant"])
    client.force_login(world.users["admin"])
    response = client.post(
        _membership_url(world.team, intervenant), {"role": "membre", "is_active": "1"}
    )
    assert response.status_code == 403
    member = MembershipFactory(organisation=world.team, role="membre")
    client.force_login(world.users["superuser"])
    response = client.post(
        _membership_url(world.team, member), {"role": "intervenant", "is_active": "1"}
    )
    assert response.status_code == 403
    intervenant.refresh_from_db(), member.refresh_from_db()
    assert intervenant.role == "intervenant" and member.role == "membre"


@pytest.mark.django_db
def test_an_admin_deactivates_a_worker_who_left_but_cannot_bring_them_back(client, world):
    """Someone leaves the organisation: an admin cuts their access to the journal at once, even
    the team's only coordinator's; giving it back is the coordination's (or the operator's)."""
    admin, worker = world.users["admin"], world.users["coordinateur"]
    membership = Membership.objects.get(user=worker, organisation=world.team)
    client.force_login(admin)
    page = unescape(client.get(world.team.get_absolute_url()).content.decode())
    row = page.split(f'id="role-{membership.public_id}"')[1].split("</form>")[0]
    assert 'value="0"' in row and 'value="intervenant"' not in row
    url = _membership_url(world.team, membership)
    assert client.post(url, {"role": "coordinateur", "is_active": "0"}).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert _role_log(world.team) == [("role-retire", "coordinateur", admin.pk, worker.pk)]
    # The worker no longer opens the journal.
    client.force_login(worker)
    journal = reverse("outreach:journal", args=[world.team.public_id])
    assert client.get(journal).status_code == 404
    # The admin's page offers no way back, and the way back is refused.
    client.force_login(admin)
    page = unescape(client.get(world.team.get_absolute_url()).content.decode())
    assert f'id="role-{membership.public_id}"' not in page
    assert client.post(url, {"role": "coordinateur", "is_active": "1"}).status_code == 403
    assert client.post(url, {"role": "membre", "is_active": "0"}).status_code == 403
    membership.refresh_from_db()
    assert not membership.is_active and membership.role == "coordinateur"


@pytest.mark.django_db
def test_a_coordinator_gives_and_takes_the_role_and_the_log_says_so(client, world):
    coordinator = world.users["coordinateur"]
    member = MembershipFactory(organisation=world.team, role="membre")
    client.force_login(coordinator)
    page = unescape(client.get(world.team.get_absolute_url()).content.decode())
    row = page.split(f'id="role-{member.public_id}"')[1].split("</select>")[0]
    assert 'value="intervenant"' in row and 'value="admin"' not in row
    url = _membership_url(world.team, member)
    assert client.post(url, {"role": "intervenant", "is_active": "1"}).status_code == 302
    member.refresh_from_db()
    assert member.role == "intervenant"
    assert client.post(url, {"role": "intervenant", "is_active": "0"}).status_code == 302
    assert _role_log(world.team) == [
        ("role-donne", "intervenant", coordinator.pk, member.user_id),
        ("role-retire", "intervenant", coordinator.pk, member.user_id),
    ]
    # A coordinator who is not an admin gives no admin role.
    response = client.post(url, {"role": "admin", "is_active": "1"})
    assert response.status_code == 403
    # The coordinator reads it in the team's access log.
    page = unescape(
        client.get(reverse("outreach:access_log", args=[world.team.public_id])).content.decode()
    )
    assert "Rôle donné" in page and "Rôle retiré" in page and member.user.display_name() in page


@pytest.mark.django_db
def test_a_coordinator_invites_an_intervenant_logged_when_accepted(client, world, mailoutbox):
    coordinator = world.users["coordinateur"]
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:organisation-invite", args=[world.team.public_id]),
        {"email": "nouvelle@exemple.fr", "role": "intervenant"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=world.team)
    assert invitation.role == "intervenant" and invitation.invited_by == coordinator
    from leviers.accounts.actions import invitation_accept

    newcomer = UserFactory(email="nouvelle@exemple.fr")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=newcomer, email=newcomer.email, defaults={"verified": True, "primary": True}
    )
    invitation_accept(invitation, newcomer)
    assert _role_log(world.team) == [("role-donne", "intervenant", coordinator.pk, newcomer.pk)]


@pytest.mark.django_db
def test_the_operator_names_the_first_coordinator(world):
    person = UserFactory(email="coordination@locaux-moteurs.fr")
    with pytest.raises(CommandError, match="introuvable"):
        call_command("nommer-coordinateur", "inconnue", person.email)
    with pytest.raises(CommandError, match="créer son compte"):
        call_command("nommer-coordinateur", world.team.public_id, "personne@exemple.fr")
    call_command("nommer-coordinateur", world.team.public_id, "Coordination@locaux-moteurs.fr")
    membership = Membership.objects.get(user=person, organisation=world.team)
    assert membership.role == "coordinateur" and membership.is_active
    assert _role_log(world.team) == [("role-donne", "coordinateur", None, person.pk)]
