import pytest
from django.urls import reverse

from leviers.observatory.models import ActorLink, ActorProfile, Contribution

from .fixtures import POMMERIEUX

pytestmark = pytest.mark.django_db
FOYER = "10000000100011"
COOP = "10000000200011"


def _complete_url(key=FOYER):
    return reverse("observatory:contribute", args=[POMMERIEUX, key])


def _add_url():
    return reverse("observatory:add_volunteer", args=[POMMERIEUX])


def _directory(client) -> str:
    return client.get(reverse("observatory:actors", args=[POMMERIEUX])).content.decode()


def _admin_action(admin_client, action, contribution):
    return admin_client.post(
        reverse("admin:observatory_contribution_changelist"),
        {"action": action, "_selected_action": [contribution.pk]},
        follow=True,
    )


def test_directory_offers_both_forms(client, pommerieux):
    html = _directory(client)
    assert f'href="{_complete_url()}"' in html
    assert "Compléter cette fiche" in html
    assert f'href="{_add_url()}"' in html
    assert "Ajouter une association sans salarié absente de SIRENE" in html


def test_form_warns_against_personal_data(client, pommerieux):
    html = client.get(_complete_url()).content.decode()
    assert "foyer rural de Pommerieux" in html
    assert "n'indiquez pas les données d'une personne" in html.replace("&#x27;", "'")
    assert 'name="csrfmiddlewaretoken"' in html


def test_proposal_is_pending_and_not_shown_then_published_once_accepted(
    client,
    admin_client,
    pommerieux,
):
    response = client.post(
        _complete_url(),
        {
            "description": "Cinéma itinérant et ateliers pour les jeunes.",
            "email": "contact@foyer-pommerieux.fr",
            "website": "https://foyer-pommerieux.fr",
            "link_kind": "mutualisation",
            "link_target": COOP,
            "link_note": "salle partagée",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("observatory:thanks", args=[POMMERIEUX])
    thanks = client.get(response["Location"]).content.decode()
    assert "Merci, votre proposition a été reçue" in thanks
    contribution = Contribution.objects.get()
    assert contribution.status == "en_attente" and contribution.actor_key == FOYER
    assert "Cinéma itinérant" not in _directory(client)
    assert not ActorProfile.objects.exists()

    _admin_action(admin_client, "accept", contribution)
    contribution.refresh_from_db()
    assert contribution.status == "acceptee" and contribution.reviewer is not None
    assert contribution.reviewed_at is not None
    html = _directory(client)
    assert "Cinéma itinérant et ateliers pour les jeunes." in html
    assert "Contact&nbsp;: contact@foyer-pommerieux.fr" in html
    assert "Mutualisation avec Coopérative agricole du Craonnais — salle partagée" in html
    link = ActorLink.objects.get()
    assert (link.source.siret, link.target.siret) == (FOYER, COOP)


def test_rejected_proposal_publishes_nothing(client, admin_client, pommerieux):
    client.post(_complete_url(), {"description": "Texte à ne pas publier."})
    contribution = Contribution.objects.get()
    _admin_action(admin_client, "reject", contribution)
    contribution.refresh_from_db()
    assert contribution.status == "refusee"
    assert "Texte à ne pas publier." not in _directory(client)
    assert not ActorProfile.objects.exists()
    # A decided proposal cannot be accepted afterwards.
    html = _admin_action(admin_client, "accept", contribution).content.decode()
    assert "déjà été relue" in html
    assert not ActorProfile.objects.exists()


def test_volunteer_association_is_added_once_accepted(client, admin_client, pommerieux):
    response = client.post(
        _add_url(),
        {"name": "Les jardins du bourg", "rna": "W532000123", "phone": "02 43 00 00 00"},
    )
    assert response.status_code == 302
    assert "Les jardins du bourg" not in _directory(client)
    _admin_action(admin_client, "accept", Contribution.objects.get())
    html = _directory(client)
    assert "Les jardins du bourg" in html and "RNA W532000123" in html
    assert "Contact&nbsp;: 02 43 00 00 00" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Les jardins", "rna": "W53200012"}, "W suivi de 9 chiffres"),
        ({"name": "Les jardins", "rna": "12345678901"}, "W suivi de 9 chiffres"),
        ({"rna": "W532000123"}, "Ce champ est obligatoire."),
        ({"name": "Les jardins"}, "Ce champ est obligatoire."),
        (
            {"name": "Les jardins", "rna": "W532000123", "link_kind": "partenariat"},
            "Indiquez l'acteur avec qui existe ce lien.",
        ),
        (
            {"name": "Les jardins", "rna": "W532000123", "email": "pas-un-courriel"},
            "Saisissez une adresse de courriel valide.",
        ),
    ],
)
def test_volunteer_form_rejects_bad_input_in_french(client, pommerieux, data, message):
    response = client.post(_add_url(), data)
    assert response.status_code == 400
    html = response.content.decode().replace("&#x27;", "'")
    assert "Proposition non envoyée" in html and message in html
    assert not Contribution.objects.exists()


def test_empty_or_unknown_proposals_are_refused(client, pommerieux):
    response = client.post(_complete_url(), {"description": ""})
    assert response.status_code == 400
    assert "Proposez au moins une description" in response.content.decode()
    response = client.post(
        _complete_url(), {"link_kind": "fournisseur", "link_target": "99999999999999"}
    )
    assert "Aucun acteur de l&#x27;ESS connu sous le numéro 99999999999999" in (
        response.content.decode()
    )
    response = client.post(_complete_url(), {"description": "x" * 2001})
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_honeypot_looks_like_success_but_records_nothing(client, pommerieux):
    response = client.post(
        _complete_url(), {"description": "Spam", "website_confirmation": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not Contribution.objects.exists()


def test_submissions_are_rate_limited(client, pommerieux):
    for n in range(5):
        assert client.post(_complete_url(), {"description": f"n° {n}"}).status_code == 302
    response = client.post(_complete_url(), {"description": "une de trop"})
    assert response.status_code == 429
    assert "réessayez dans 10 minutes" in response.content.decode()
    assert Contribution.objects.count() == 5


def test_csrf_is_required(pommerieux):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(_complete_url(), {"description": "x"})
    assert response.status_code == 403


def test_unknown_actor_has_no_form(client, pommerieux):
    assert client.get(_complete_url("10000000999999")).status_code == 404
    assert client.get(_complete_url("W000000000")).status_code == 404


def test_form_pages_query_count(client, pommerieux, django_assert_num_queries):
    with django_assert_num_queries(2):  # commune, establishment
        client.get(_complete_url())
    with django_assert_num_queries(1):
        client.get(_add_url())
    # Commune, establishment, the linked actor, the new proposal.
    with django_assert_num_queries(4):
        client.post(_complete_url(), {"link_kind": "partenariat", "link_target": COOP})
