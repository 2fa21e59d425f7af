"""The rotas pages through the client: the series page (queries pinned), the slot page's
actions, the week ahead, the poster and the CSV, the reminders command."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from leviers.rotas import actions
from leviers.rotas.models import Slot, Volunteer
from leviers.rotas.recurrence import PARIS
from leviers.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_rota,
    make_series,
)

pytestmark = pytest.mark.django_db


def _admin(project):
    return MembershipFactory(organisation=project.organisation, role="admin").user


def test_the_series_page_reads_a_fixed_number_of_queries(client, django_assert_num_queries):
    rota = make_rota()
    user = _admin(rota.project)
    for slot in rota.slots.all()[:10]:
        actions.sign_up(slot, Volunteer.objects.create(project=rota.project, name="Léa"))
    client.force_login(user)
    url = reverse("rotas:series", args=[rota.project.public_id, rota.public_id])
    # session, user, project, series, permissions (2), slots, my sign-ups, the team's sign-ups
    with django_assert_num_queries(9):
        response = client.get(url + "?depuis=2026-06-01")
    assert response.status_code == 200
    assert response.content.decode().count("Léa") == 10


def test_a_person_signs_up_from_the_series_page_and_sees_it(client):
    rota = make_rota(capacity=1)
    client.force_login(UserFactory())
    slot = rota.slots.first()
    url = reverse("rotas:sign_up", args=[rota.project.public_id, rota.public_id, slot.public_id])
    response = client.post(url, follow=True)
    assert "est inscrit(e)" in response.content.decode()
    again = client.post(url, follow=True)
    assert "déjà inscrit" in again.content.decode()
    assert Slot.objects.get(pk=slot.pk).taken == 1


def test_a_licence_refusal_is_shown_in_french_and_changes_nothing(client, settings):
    settings.ROTAS_DRINKS_LICENCES_PER_YEAR = 1
    series = make_series()
    club = OrganisationFactory(name="Club de foot")
    actions.slot_give(series.slots.first(), organisation=club)
    client.force_login(_admin(series.project))
    slot = series.slots.all()[1]
    url = reverse("rotas:give", args=[series.project.public_id, series.public_id, slot.public_id])
    response = client.post(url, {"organisation": club.pk}, follow=True)
    assert "la limite légale est de 1" in response.content.decode()
    assert Slot.objects.get(pk=slot.pk).organisation is None


def test_the_week_ahead_lists_what_is_missing(client):
    today = datetime.now(PARIS).date()
    monday = today + timedelta(days=7 - today.weekday())
    rota = make_rota(first_day=monday, last_day=monday + timedelta(days=6))
    full = rota.slots.first()
    for name in ("Anne", "Paul"):
        actions.sign_up(full, Volunteer.objects.create(project=rota.project, name=name))
    client.force_login(_admin(rota.project))
    response = client.get(reverse("rotas:thin", args=[rota.project.public_id]))
    assert len(response.context["slots"]) == 6
    assert response.context["missing"] == 12


def test_the_poster_is_a_pdf_in_a4_and_a3(client):
    series = make_series()
    actions.slot_give(series.slots.first(), name="Comité des fêtes")
    url = reverse("rotas:poster", args=[series.project.public_id, series.public_id])
    a4, a3 = client.get(url), client.get(url + "?format=A3")
    assert a4["Content-Type"] == "application/pdf" and a4.content.startswith(b"%PDF")
    assert b"/MediaBox [0 0 595.28 841.89]" in a4.content
    assert b"/MediaBox [0 0 841.89 1190.55]" in a3.content


def _csv(client, series):
    response = client.get(reverse("rotas:csv", args=[series.project.public_id, series.public_id]))
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_csv_neutralises_formulas(client):
    rota = make_rota()
    actions.sign_up(rota.slots.first(), Volunteer.objects.create(project=rota.project, name="=1+1"))
    client.force_login(_admin(rota.project))
    body = _csv(client, rota)
    assert body.splitlines()[0].startswith("serie,date,debut,fin")
    assert "'=1+1" in body and len(body.splitlines()) == 31


def test_the_csv_has_a_line_per_slot_with_its_people_in_one_query(
    client, django_assert_num_queries
):
    rota = make_rota()
    first, second, third = rota.slots.all()[:3]
    lea, jo = (Volunteer.objects.create(project=rota.project, name=n) for n in ("Léa", "Jo"))
    actions.sign_up(first, lea)
    actions.no_show_mark(actions.sign_up(first, jo), True)
    actions.replacement_ask(actions.sign_up(third, lea))
    actions.slot_cancel(second)
    client.force_login(_admin(rota.project))
    # session, user, project, series, permissions (2), the slots with their people
    with django_assert_num_queries(7):
        lines = _csv(client, rota).splitlines()
    assert lines[1].split(",")[1:] == [
        "2026-06-01", "07:30", "09:00", "Épicerie associative", "", "non", "non", "2", "2",
        "Léa ; Jo", "Jo", "",
    ]  # fmt: skip
    assert lines[2].split(",")[7:11] == ["oui", "2", "0", ""]
    assert lines[3].split(",")[10:] == ["Léa", "", "Léa"]
    assert len(lines) == 31


def test_the_csv_of_evenings_names_the_holding_associations(client):
    series = make_series()
    club = OrganisationFactory(name="Club de foot")
    first, second = series.slots.all()[:2]
    actions.slot_take(first, club)
    actions.slot_give(second, name="Les Amis du Lavoir")
    client.force_login(_admin(series.project))
    lines = _csv(client, series).splitlines()
    assert [line.split(",")[5] for line in lines[1:4]] == ["Club de foot", "Les Amis du Lavoir", ""]
    assert lines[1].split(",")[6:10] == ["oui", "non", "", ""]


def test_reminders_go_once_to_the_association_and_the_volunteers(settings):
    now = datetime.now(PARIS)
    series = make_series(
        first_day=now.date() + timedelta(days=1),
        last_day=now.date() + timedelta(days=1),
        weekdays=str((now.weekday() + 1) % 7),
    )
    club = OrganisationFactory()
    member = MembershipFactory(organisation=club).user
    actions.slot_take(series.slots.first(), club)
    call_command("rappeler-creneaux")
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Guinguette du vendredi" in mail.outbox[0].body
    call_command("rappeler-creneaux")
    assert len(mail.outbox) == 1


def test_the_team_edits_a_series_words_and_its_slots_stay(client):
    series = make_series()
    taken = series.slots.first()
    actions.slot_give(taken, name="Comité des fêtes")
    slots = list(series.slots.values_list("pk", "starts_at", "holder_name"))
    client.force_login(_admin(series.project))
    url = reverse("rotas:edit", args=[series.project.public_id, series.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"title": "Guinguette de l'étang", "place": "Étang", "description": "Avec musique."},
        follow=True,
    )
    assert "Série modifiée" in response.content.decode()
    series.refresh_from_db()
    assert (series.title, series.place, series.is_public) == (
        "Guinguette de l'étang",
        "Étang",
        False,
    )
    assert list(series.slots.values_list("pk", "starts_at", "holder_name")) == slots


def test_a_series_without_a_title_is_refused_and_unchanged(client):
    series = make_series()
    client.force_login(_admin(series.project))
    url = reverse("rotas:edit", args=[series.project.public_id, series.public_id])
    response = client.post(url, {"title": "", "is_public": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rien n'a été enregistré" in page and "Guinguette du vendredi" in page
    series.refresh_from_db()
    assert series.title == "Guinguette du vendredi"


def test_the_proposing_association_withdraws_its_swap_from_the_slot_page(client):
    series = make_series()
    mine, theirs = series.slots.all()[:2]
    membership = MembershipFactory(organisation=OrganisationFactory(name="Club de foot"))
    actions.slot_give(mine, organisation=membership.organisation)
    actions.slot_give(theirs, organisation=OrganisationFactory(name="Comité des fêtes"))
    swap = actions.swap_propose(mine, theirs)
    client.force_login(membership.user)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Retirer ma proposition" in page and "Accepter" not in page
    url = reverse("rotas:swap_withdraw", args=[series.project.public_id, swap.public_id])
    response = client.post(url, follow=True)
    assert "Échange retiré." in response.content.decode()
    swap.refresh_from_db()
    assert swap.status == "retiree"


def test_a_return_address_to_another_site_is_ignored(client):
    rota = make_rota()
    slot = rota.slots.first()
    client.force_login(UserFactory())
    url = reverse("rotas:sign_up", args=[rota.project.public_id, rota.public_id, slot.public_id])
    response = client.post(url, {"retour": "https://ailleurs.example/"})
    assert response["Location"] == slot.get_absolute_url()


def test_a_slot_address_is_the_one_its_url_pattern_gives():
    slot = make_rota().slots.select_related("series__project").first()
    expected = reverse(
        "rotas:slot", args=[slot.series.project.public_id, slot.series.public_id, slot.public_id]
    )
    assert slot.get_absolute_url() == expected
