"""The writes of the rotas: taking, giving, swapping, licences, sign-ups, replacements."""

from datetime import date

import pytest
from django.test import override_settings

from leviers.rotas import actions
from leviers.rotas.models import SignUp, Slot, Swap, Volunteer
from leviers.testing.factories import (
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    make_rota,
    make_series,
)
from leviers.workspace.models import Activity

pytestmark = pytest.mark.django_db


def test_creating_a_series_writes_its_slots_and_an_activity():
    series = make_series()
    assert series.slots.count() == 5
    assert all(s.needs_licence and s.capacity == 0 for s in series.slots.all())
    assert Activity.objects.filter(project=series.project, kind="project").exists()


def test_an_association_takes_a_free_slot_and_a_second_one_is_refused():
    series = make_series()
    slot = series.slots.first()
    first, second = OrganisationFactory(name="Comité des fêtes"), OrganisationFactory()
    actions.slot_take(slot, first)
    with pytest.raises(actions.Refused, match="vient d'être pris"):
        actions.slot_take(Slot.objects.get(pk=slot.pk), second)
    assert Slot.objects.get(pk=slot.pk).organisation == first


def test_the_team_gives_a_slot_to_an_association_without_an_account():
    slot = make_series().slots.first()
    actions.slot_give(slot, name="Les Amis du Lavoir")
    assert Slot.objects.get(pk=slot.pk).holder == "Les Amis du Lavoir"
    with pytest.raises(actions.Refused, match="l'un|Choisissez"):
        actions.slot_give(slot, organisation=OrganisationFactory(), name="Aussi")


@override_settings(ROTAS_DRINKS_LICENCES_PER_YEAR=3, ROTAS_DRINKS_LICENCES_WARN_REMAINING=1)
def test_drinks_licences_warn_before_the_limit_and_refuse_past_it_across_projects():
    club = OrganisationFactory(name="Club de foot")
    slots = list(make_series().slots.all()) + list(make_series().slots.all())
    assert actions.slot_take(slots[0], club) == ""
    warning = actions.slot_take(slots[5], club)  # another project, same year
    assert "2 autorisation(s)" in warning and "encore 1" in warning
    assert "plus aucune autre" in actions.slot_take(slots[1], club)
    with pytest.raises(actions.Refused) as refused:
        actions.slot_take(slots[2], club)
    assert "la limite légale est de 3" in str(refused.value)
    assert "L3334-2" in str(refused.value)
    assert Slot.objects.get(pk=slots[2].pk).organisation is None


@override_settings(ROTAS_DRINKS_LICENCES_PER_YEAR=1)
def test_a_slot_without_a_bar_counts_no_licence_and_the_year_is_the_calendar_year():
    club = OrganisationFactory()
    actions.slot_take(make_series().slots.first(), club)
    dry = make_series(needs_licence=False).slots.first()
    assert actions.slot_take(dry, club) == ""
    next_year = make_series(first_day=date(2027, 6, 4), last_day=date(2027, 6, 4)).slots.first()
    actions.slot_take(next_year, club)
    assert Slot.objects.filter(organisation=club).count() == 3


def test_a_swap_accepted_exchanges_both_slots_at_once():
    series = make_series()
    a, b = series.slots.all()[:2]
    first, second = OrganisationFactory(), OrganisationFactory()
    actions.slot_take(a, first)
    actions.slot_take(b, second)
    swap = actions.swap_propose(Slot.objects.get(pk=a.pk), Slot.objects.get(pk=b.pk))
    assert (swap.from_organisation, swap.to_organisation) == (first, second)
    actions.swap_answer(swap, accept=True)
    assert Slot.objects.get(pk=a.pk).organisation == second
    assert Slot.objects.get(pk=b.pk).organisation == first
    assert Swap.objects.get(pk=swap.pk).status == Swap.Status.ACCEPTED
    with pytest.raises(actions.Refused, match="déjà reçu une réponse"):
        actions.swap_answer(swap, accept=True)


def test_a_swap_refused_changes_no_slot():
    series = make_series()
    a, b = series.slots.all()[:2]
    first, second = OrganisationFactory(), OrganisationFactory()
    actions.slot_take(a, first)
    actions.slot_take(b, second)
    swap = actions.swap_propose(Slot.objects.get(pk=a.pk), Slot.objects.get(pk=b.pk))
    actions.swap_answer(swap, accept=False)
    assert Slot.objects.get(pk=a.pk).organisation == first
    assert Swap.objects.get(pk=swap.pk).status == Swap.Status.REFUSED


def test_a_swap_whose_slot_changed_hands_is_stale_and_changes_nothing():
    series = make_series()
    a, b = series.slots.all()[:2]
    first, second, third = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    actions.slot_take(a, first)
    actions.slot_take(b, second)
    swap = actions.swap_propose(Slot.objects.get(pk=a.pk), Slot.objects.get(pk=b.pk))
    actions.slot_give(Slot.objects.get(pk=b.pk), organisation=third)
    with pytest.raises(actions.Refused, match="caduc"):
        actions.swap_answer(swap, accept=True)
    assert Swap.objects.get(pk=swap.pk).status == Swap.Status.STALE
    assert Slot.objects.get(pk=a.pk).organisation == first
    assert Slot.objects.get(pk=b.pk).organisation == third


@override_settings(ROTAS_DRINKS_LICENCES_PER_YEAR=1)
def test_a_swap_that_would_pass_the_licence_limit_is_refused_whole():
    club, other = OrganisationFactory(), OrganisationFactory()
    actions.slot_take(make_series().slots.first(), club)  # its one licence of 2026
    series = make_series(needs_licence=False)
    a, b = series.slots.all()[:2]
    Slot.objects.filter(pk=b.pk).update(needs_licence=True)
    actions.slot_take(a, club)
    actions.slot_take(Slot.objects.get(pk=b.pk), other)
    swap = actions.swap_propose(Slot.objects.get(pk=a.pk), Slot.objects.get(pk=b.pk))
    with pytest.raises(actions.Refused, match="limite légale"):
        actions.swap_answer(swap, accept=True)
    assert Slot.objects.get(pk=a.pk).organisation == club
    assert Slot.objects.get(pk=b.pk).organisation == other
    assert Swap.objects.get(pk=swap.pk).status == Swap.Status.PROPOSED


def test_the_last_place_goes_to_one_person_and_the_next_gets_a_clear_message():
    rota = make_rota(capacity=1)
    slot = rota.slots.first()
    anne = actions.volunteer_for(rota.project, UserFactory())
    paul = Volunteer.objects.create(project=rota.project, name="Paul, sans compte")
    actions.sign_up(slot, anne)
    with pytest.raises(actions.Refused, match="complet"):
        actions.sign_up(Slot.objects.get(pk=slot.pk), paul)
    with pytest.raises(actions.Refused, match="déjà inscrit"):
        actions.sign_up(Slot.objects.get(pk=slot.pk), anne)
    assert Slot.objects.get(pk=slot.pk).taken == 1


def test_withdrawing_frees_the_place():
    rota = make_rota(capacity=1)
    slot = rota.slots.first()
    signup = actions.sign_up(slot, Volunteer.objects.create(project=rota.project, name="Léa"))
    actions.withdraw(signup)
    assert Slot.objects.get(pk=slot.pk).taken == 0
    assert not SignUp.objects.exists()


def test_a_replacement_request_is_taken_once():
    rota = make_rota()
    slot = rota.slots.first()
    signup = actions.sign_up(slot, Volunteer.objects.create(project=rota.project, name="Léa"))
    with pytest.raises(actions.Refused, match="déjà été reprise"):
        actions.replacement_take(signup, Volunteer.objects.create(project=rota.project, name="X"))
    actions.replacement_ask(signup)
    marc = Volunteer.objects.create(project=rota.project, name="Marc")
    actions.replacement_take(signup, marc)
    assert SignUp.objects.get(pk=signup.pk).volunteer == marc
    with pytest.raises(actions.Refused):
        actions.replacement_take(signup, Volunteer.objects.create(project=rota.project, name="Y"))
    assert Slot.objects.get(pk=slot.pk).taken == 1


def test_two_volunteers_swap_their_days():
    rota = make_rota()
    monday, tuesday = rota.slots.all()[:2]
    anne = actions.volunteer_for(rota.project, UserFactory())
    paul = actions.volunteer_for(rota.project, UserFactory())
    actions.sign_up(monday, anne)
    actions.sign_up(tuesday, paul)
    swap = actions.swap_propose(monday, tuesday, volunteer=anne)
    assert swap.to_volunteer == paul
    actions.swap_answer(swap, accept=True)
    assert SignUp.objects.get(volunteer=anne).slot == tuesday
    assert SignUp.objects.get(volunteer=paul).slot == monday


def test_no_show_is_marked_and_unmarked():
    rota = make_rota()
    signup = actions.sign_up(
        rota.slots.first(), Volunteer.objects.create(project=rota.project, name="Léa")
    )
    actions.no_show_mark(signup, True)
    assert SignUp.objects.get(pk=signup.pk).no_show
    actions.no_show_mark(signup, False)
    assert not SignUp.objects.get(pk=signup.pk).no_show


def test_a_series_in_another_project_is_apart():
    assert make_series().project != ProjectFactory()


def test_cancelling_a_slot_records_it_once():
    slot = make_rota().slots.first()
    last = Activity.objects.order_by("-pk").values_list("pk", flat=True).first()
    actions.slot_cancel(slot)
    actions.slot_cancel(Slot.objects.get(pk=slot.pk))
    assert Slot.objects.get(pk=slot.pk).is_cancelled
    (recorded,) = Activity.objects.filter(pk__gt=last)
    assert "annulé" in recorded.text and slot.public_id in recorded.url


def test_the_proposer_withdraws_a_swap_which_can_then_not_be_answered():
    series = make_series()
    mine, theirs = series.slots.all()[:2]
    actions.slot_give(mine, organisation=OrganisationFactory())
    actions.slot_give(theirs, organisation=OrganisationFactory())
    swap = actions.swap_propose(mine, theirs)
    actions.swap_withdraw(swap)
    assert Swap.objects.get(pk=swap.pk).status == Swap.Status.WITHDRAWN
    with pytest.raises(actions.Refused, match="déjà reçu une réponse"):
        actions.swap_answer(swap, accept=True)
    with pytest.raises(actions.Refused, match="ne peut plus être retiré"):
        actions.swap_withdraw(swap)
    assert Slot.objects.get(pk=theirs.pk).organisation_id == theirs.organisation_id
