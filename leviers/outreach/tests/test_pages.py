"""The journal as a team uses it: a person created with their consent, a visit, an orientation
followed up, a right obtained; the access log; a withdrawal that closes the record; export
and deletion; the statistics with their small cells; query counts pinned."""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from leviers.outreach.models import AccessLog, Person
from leviers.outreach.tests.conftest import make_person
from leviers.testing.pins import assert_every_url_pinned, read, url_paths


def _page(response) -> str:
    return unescape(response.content.decode())


def _client(client, world, role="intervenant"):
    client.force_login(world.users[role])
    return client


def _url(name, world, *args):
    return reverse(f"outreach:{name}", args=[world.team.public_id, *args])


@pytest.mark.django_db
def test_a_worker_creates_a_person_with_their_consent(client, world):
    _client(client, world)
    response = client.post(
        _url("person_create", world),
        {
            "label": "R. T.",
            "commune": "Pommerieux (53180)",
            "birth_year": "1938",
            "lives_alone": "oui",
            "preferred_contact": "telephone",
            "phone": "02 43 11 22 33",
            "accord-given": "on",
            "accord-scopes": ["journal", "droits"],
        },
    )
    person = Person.objects.get(label="R. T.")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.lives_alone is True and person.commune_id == "53180"
    consent = person.consents.get()
    assert (
        consent.scopes == ["journal", "droits"]
        and consent.recorded_by == world.users["intervenant"]
    )
    assert len(person.public_id) >= 12 and str(person.pk) not in response["Location"].split("/")


@pytest.mark.django_db
def test_a_birth_year_after_this_one_is_refused_and_this_one_accepted(client, world):
    """The bound is today's year, not a fixed one that a later year would overtake."""
    _client(client, world)
    year = timezone.localdate().year
    for label, birth_year, created in (("A. A.", year + 1, False), ("B. B.", year, True)):
        response = client.post(
            _url("person_create", world),
            {
                "label": label,
                "commune": "Pommerieux (53180)",
                "birth_year": str(birth_year),
                "preferred_contact": "visite",
                "accord-given": "on",
                "accord-scopes": ["journal"],
            },
        )
        assert Person.objects.filter(label=label).exists() is created
        if not created:
            assert response.status_code == 400
            assert f"inférieure ou égale à {year}" in _page(response)


@pytest.mark.django_db
def test_without_consent_nothing_is_written(client, world):
    _client(client, world)
    response = client.post(
        _url("person_create", world),
        {"label": "R. T.", "commune": "Pommerieux (53180)", "preferred_contact": "visite"},
    )
    assert response.status_code == 400
    assert "Sans l'accord de la personne, rien n'est noté." in _page(response)
    assert not Person.objects.filter(label="R. T.").exists()


@pytest.mark.django_db
def test_an_unknown_commune_is_named_in_the_error(client, world):
    _client(client, world)
    response = client.post(
        _url("person_create", world),
        {
            "label": "R. T.",
            "commune": "Atlantis",
            "preferred_contact": "visite",
            "accord-given": "on",
            "accord-scopes": ["journal"],
        },
    )
    assert response.status_code == 400
    assert "Commune « Atlantis » introuvable" in _page(response)


@pytest.mark.django_db
def test_reading_a_record_is_logged_for_the_coordinator(client, world):
    _client(client, world)
    client.get(world.person.get_absolute_url())
    entry = AccessLog.objects.get(person=world.person)
    assert (entry.user, entry.action) == (world.users["intervenant"], "lecture")
    coordinator = _client(client, world, "coordinateur")
    page = _page(coordinator.get(_url("access_log", world)))
    assert world.users["intervenant"].display_name() in page and "Lecture de la fiche" in page


@pytest.mark.django_db
def test_opening_the_records_form_is_a_logged_read(client, world):
    """« Modifier la fiche » shows the phones and the relative: a read like the record's."""
    _client(client, world)
    page = _page(client.get(_url("person_edit", world, world.person.public_id)))
    assert "06 12 34 56 78" in page
    entry = AccessLog.objects.get(person=world.person)
    assert (entry.user, entry.action) == (world.users["intervenant"], "lecture")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["consent", "person_delete"])
def test_the_consent_page_and_the_deletion_confirmation_are_logged_reads(client, world, name):
    """Both name the person (and the consent page what she accepted, noted by whom)."""
    _client(client, world, "coordinateur")
    page = _page(client.get(_url(name, world, world.person.public_id)))
    assert "M. D." in page
    entry = AccessLog.objects.get(person=world.person)
    assert (entry.user, entry.action) == (world.users["coordinateur"], "lecture")


@pytest.mark.django_db
def test_a_status_change_is_kept_in_the_orientations_history(client, world):
    _client(client, world)
    orientation = world.person.orientations.get()
    client.post(
        _url("orientation_status", world, world.person.public_id, orientation.public_id),
        {"status": "prise-en-charge"},
    )
    assert list(orientation.changes.values_list("status", flat=True)) == [
        "transmise",
        "prise-en-charge",
    ]


@pytest.mark.django_db
def test_a_withdrawal_closes_the_record_and_wipes_its_free_texts(client, world):
    _client(client, world)
    person = world.person
    Person.objects.filter(pk=person.pk).update(preferred_contact="telephone")
    client.post(_url("consent_withdraw", world, person.public_id))
    person.refresh_from_db()
    assert person.withdrawn_at and person.phone == "" and person.referent_name == ""
    # The legal minimum only: label, commune, year of birth (docs/registre-des-traitements.md).
    assert person.lives_alone is None and person.preferred_contact == "visite"
    assert (person.label, person.commune_id, person.birth_year) == ("M. D.", "53180", 1941)
    assert person.visits.get().needs == "" and person.consents.get().withdrawn_at
    response = client.post(
        _url("visit_add", world, person.public_id), {"visited_on": "2026-04-02", "needs": "x"}
    )
    assert response.status_code == 302 and person.visits.count() == 1
    assert "Cette fiche est fermée" in _page(client.get(response["Location"]))


@pytest.mark.django_db
def test_the_coordinator_exports_then_deletes_a_persons_data(client, world):
    _client(client, world, "coordinateur")
    person = world.person
    response = client.get(_url("person_export", world, person.public_id))
    data = json.loads(response.content)
    assert data["personne"]["initiales_ou_pseudonyme"] == "M. D."
    assert data["visites"][0]["besoins"].startswith("Ne sort plus")
    client.post(_url("person_delete", world, person.public_id))
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AccessLog.objects.filter(action="suppression", person=None).count() == 1


@pytest.mark.django_db
def test_the_export_carries_every_date_text_and_amount_recorded_about_the_person(client, world):
    """Her right of access: each value typed or set about her is in the file (the keys and the
    workers' accounts apart), read from every row as the anonymisation test does."""
    from datetime import date, datetime
    from decimal import Decimal

    from leviers.outreach.models import Orientation, Right, Visit

    person = world.person
    Orientation.objects.filter(person=person).update(theme="teleassistance")
    Right.objects.filter(person=person).update(requested_on=date(2026, 3, 12))
    _client(client, world, "coordinateur")
    text = client.get(_url("person_export", world, person.public_id)).content.decode()
    skipped = {"id", "public_id", "person_id", "organisation_id", "commune_id", "service_id"}
    missing = []
    for model in (Person, Visit, Orientation, Right):
        rows = (
            model.objects.filter(pk=person.pk)
            if model is Person
            else model.objects.filter(person=person)
        )
        for row in rows.values():
            for field, value in row.items():
                if field in skipped or field.endswith("_by_id") or field == "worker_id":
                    continue
                if isinstance(value, datetime | date):
                    value = value.isoformat()
                elif isinstance(value, Decimal):
                    value = str(value)
                elif not isinstance(value, str) or not value or field in ("status", "kind"):
                    continue  # choices are exported by their label, lists by their labels
                if field == "theme":
                    from leviers.outreach.themes import theme_label

                    value = theme_label(value)
                if value not in text:
                    missing.append(f"{model.__name__}.{field} = {value}")
    assert not missing, missing


@pytest.mark.django_db
def test_small_counts_are_hidden_on_the_page_and_in_the_csv(client, world):
    for index in range(5):
        make_person(world.team, "49127", label=f"P{index}")  # five in Durtal
    _client(client, world, "coordinateur")
    page = _page(client.get(_url("statistics", world) + "?year=2026&by=annee"))
    assert "< 5" in page
    response = client.get(_url("statistics_csv", world) + "?year=2026&by=annee")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    by_commune = {row[0]: row for row in rows[1:]}
    visits = rows[0].index("Visites")
    assert by_commune["Durtal"][visits] == "5"
    assert by_commune["Pommerieux"][visits] == "< 5"  # one person: never exported as 1
    assert "1" not in by_commune["Pommerieux"][2:]


@pytest.mark.django_db
def test_two_communes_of_the_same_name_are_counted_apart(client, world):
    """Saint-Denis (Aude, 11339) and Saint-Denis (Gard, 30247): grouped by INSEE code, each
    named with its department, on the page and in the CSV."""
    for code, count in (("11339", 5), ("30247", 6)):
        for index in range(count):
            make_person(world.team, code, label=f"S{code}-{index}")
    _client(client, world, "coordinateur")
    page = _page(client.get(_url("statistics", world) + "?year=2026&by=annee"))
    assert "Saint-Denis (Aude)" in page and "Saint-Denis (Gard)" in page
    response = client.get(_url("statistics_csv", world) + "?year=2026&by=annee")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    visits = rows[0].index("Visites")
    by_commune = {row[0]: row[visits] for row in rows[1:]}
    assert by_commune == {"Pommerieux": "< 5", "Saint-Denis (Aude)": "5", "Saint-Denis (Gard)": "6"}


@pytest.mark.django_db
def test_the_follow_up_page_lists_the_open_orientations_due(client, world):
    _client(client, world)
    page = _page(client.get(_url("follow_ups", world)))
    assert "M. D." in page and "Portage de repas du CCAS de Pommerieux" in page


@pytest.mark.openfisca
@pytest.mark.django_db
def test_a_likely_right_of_the_screening_is_followed_with_its_amount(client, world):
    """A woman of 84 alone, 700 € of pension, tenant in Pommerieux: the ASPA is likely; its
    button adds it to the record, « identifié », with the estimated amount. Nothing of the
    answers is stored."""
    _client(client, world)
    person = world.person
    response = client.post(
        _url("screening", world, person.public_id),
        {
            "age": "84",
            "couple": "non",
            "pensions": "700",
            "housing": "tenant",
            "rent": "380",
            "commune": "53180",
        },
    )
    page = _page(response)
    assert response.status_code == 200 and "Estimation des droits" in page
    assert "Suivre : " in page
    import re

    amount = re.search(
        r'name="kind" value="aspa">\s*<input type="hidden" name="monthly_amount" value="([0-9.]+)"',
        page,
    )
    assert amount, page[page.find("Estimation des droits") :][:3000]
    client.post(
        _url("right_add", world, person.public_id),
        {"kind": "aspa", "monthly_amount": amount.group(1), "identified_on": "2026-04-02"},
    )
    right = person.rights.get(kind="aspa")
    assert right.status == "identifie" and str(right.monthly_amount) == amount.group(1)


# --- Query counts -------------------------------------------------------------------------------

QUERIES = {
    "home": 3,
    "journal": 7,
    "follow_ups": 6,
    "access_log": 5,
    "statistics": 8,
    "statistics_csv": 8,
    "person_create": 5,
    "person": 11,
    "person_edit": 7,  # + the read, logged
    "visit_add": 6,  # + the consent's scopes (Consent.Scope)
    "consent": 7,  # + the consent in force, shown with its boxes; + the read, logged
    "orientation_add": 7,  # + the consent's scopes
    "right_add": 6,  # + the consent's scopes
    "person_export": 12,
    "person_delete": 6,  # + the read, logged
    "screening": 7,  # + the consent's scopes
}
POST_ONLY = {"consent_withdraw", "orientation_status", "right_status"}


def test_every_page_has_its_pin():
    assert_every_url_pinned("outreach", set(QUERIES), POST_ONLY)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_page_reads_a_fixed_number_of_queries(client, world, name, django_assert_num_queries):
    for index in range(3):
        make_person(world.team, label=f"P{index}", worker=world.users["intervenant"])
    client.force_login(
        world.users["coordinateur"] if name != "home" else world.users["intervenant"]
    )
    paths = url_paths(
        "outreach",
        {
            "team_id": world.team.public_id,
            "person_id": world.person.public_id,
            "orientation_id": "x",
            "right_id": "x",
        },
    )
    with django_assert_num_queries(QUERIES[name]):
        response = read(client, paths[name])
    assert response.status_code in (200, 302)


def _log_page(client, url):
    """The entries' ids of an access log page (its rows name their person), and its links."""
    page = _page(client.get(url))
    rows = page.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in page else ""
    older = re.search(r'href="\?avant=([0-9-]+)">Plus anciens', page)
    newer = re.search(r'href="\?apres=([0-9-]+)">Plus récents', page)
    labels = re.findall(r">(L\d+)</a>", rows)
    return labels, older and older.group(1), newer and newer.group(1)


@pytest.mark.django_db
def test_the_access_log_pages_go_back_in_time_and_forth(client, world):
    """120 reads, thirty of them at the same instant: page after page (« Plus anciens »), each
    shown once, newest first; then back (« Plus récents ») to the same first page."""
    from datetime import timedelta

    from django.utils import timezone

    from leviers.outreach.models import AccessLog as Log

    now = timezone.now()
    people = [
        Person.objects.create(organisation=world.team, label=f"L{i}", commune=world.person.commune)
        for i in range(120)
    ]
    Log.objects.bulk_create(
        Log(
            organisation=world.team,
            person=person,
            user=world.users["intervenant"],
            # The oldest 30 share one instant: the id decides between them.
            at=now - timedelta(minutes=max(i, 30)),
        )
        for i, person in enumerate(people)
    )
    _client(client, world, "coordinateur")
    url = _url("access_log", world)
    expected = [
        entry.person.label
        for entry in Log.objects.filter(person__in=people)
        .select_related("person")
        .order_by("-at", "-id")
    ]
    seen, pages, older, newer = [], [], "", None
    while True:
        labels, older, newer = _log_page(client, url + (f"?avant={older}" if older else ""))
        pages.append((labels, newer))
        seen += labels
        if not older:
            break
    assert seen == expected and [len(labels) for labels, _ in pages] == [50, 50, 20]
    assert pages[0][1] is None and all(newer for _, newer in pages[1:])
    # Back from the last page: the second, then the first.
    labels, _older, newer = _log_page(client, f"{url}?apres={pages[2][1]}")
    assert labels == pages[1][0]
    labels, older, newer = _log_page(client, f"{url}?apres={newer}")
    assert labels == pages[0][0] and newer is None and older


@pytest.mark.django_db
@pytest.mark.parametrize("bound", ["avant=12ab", "apres=-", "avant=999999999999999999-1"])
def test_a_cut_page_address_of_the_access_log_shows_the_first_page(client, world, bound):
    _client(client, world, "coordinateur")
    response = client.get(_url("access_log", world) + f"?{bound}", follow=True)
    assert response.status_code == 200
    assert "Cette adresse de page est incomplète" in _page(response)


@pytest.mark.django_db
def test_a_page_far_back_in_the_access_log_reads_what_the_first_reads(
    client, world, django_assert_num_queries
):
    from leviers.outreach.models import AccessLog as Log

    Log.objects.bulk_create(
        Log(organisation=world.team, person=world.person, user=world.users["intervenant"])
        for _ in range(260)
    )
    _client(client, world, "coordinateur")
    url = _url("access_log", world)
    older = ""
    for _ in range(4):
        older = _log_page(client, url + (f"?avant={older}" if older else ""))[1]
    with django_assert_num_queries(QUERIES["access_log"]):
        response = client.get(f"{url}?avant={older}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_statistics_by_quarter_put_each_count_in_its_quarter(client, world):
    for index in range(5):
        make_person(world.team, label=f"P{index}")  # visits on 10 March 2026, rights 25 March
    _client(client, world, "coordinateur")
    response = client.get(_url("statistics_csv", world) + "?year=2026&by=trimestre")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = rows[0]
    by_period = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    row = by_period["2026 T1"]
    assert (row["Visites"], row["Droits obtenus"]) == ("6", "6")
    assert row["Montant mensuel des droits obtenus (€)"] == "723.00"
