"""/api/v1/catalogue/…: lists, filters, full-text search, pages, entries, errors — on the real
catalogue (leviers/catalogue/content)."""

import pytest

from leviers.catalogue import vocabulary
from leviers.catalogue.models import Experience, Lever, Resource, Scheme

pytestmark = pytest.mark.django_db

API = "/api/v1/catalogue"


def get(client, path: str, status: int = 200, **params) -> dict:
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


def every_page(client, path: str, **params) -> list[dict]:
    results, page = [], 1
    while True:
        data = get(client, path, page=page, taille=100, **params)
        results += data["results"]
        if data["next"] is None:
            return results
        page += 1


# Lists


@pytest.mark.parametrize(
    "segment, model, name",
    [
        ("dispositifs", Scheme, "name"),
        ("leviers", Lever, "name"),
        ("experiences", Experience, "name"),
        ("ressources", Resource, "title"),
    ],
)
def test_list_gives_every_entry_once_by_name(catalogue, client, segment, model, name):
    results = every_page(client, segment)
    assert [r["slug"] for r in results] == list(
        model.objects.order_by(name, "slug").values_list("slug", flat=True)
    )
    assert all(r["score"] is None for r in results)
    assert all(r["api_url"] == f"/api/v1/catalogue/{segment}/{r['slug']}" for r in results)


def test_pages_link_to_each_other(catalogue, client):
    first = get(client, "dispositifs", taille=10)
    assert first["count"] == Scheme.objects.count()
    assert first["pages"] == -(-first["count"] // 10)
    assert len(first["results"]) == 10
    assert first["previous"] is None
    assert first["next"] == "/api/v1/catalogue/dispositifs?taille=10&page=2"
    second = get(client, "dispositifs", taille=10, page=2)
    assert second["previous"] == "/api/v1/catalogue/dispositifs?taille=10&page=1"
    assert not {r["slug"] for r in first["results"]} & {r["slug"] for r in second["results"]}


def test_filters_keep_only_matching_schemes(catalogue, client):
    results = every_page(client, "dispositifs", porteur="association", besoin="bien-vieillir")
    expected = {
        s.slug
        for s in Scheme.objects.all()
        if "association" in s.beneficiaries and "bien-vieillir" in s.needs
    }
    assert expected, "le catalogue réel doit avoir de tels dispositifs pour que le test porte"
    assert {r["slug"] for r in results} == expected


def test_a_scheme_without_stages_is_open_at_every_stage(catalogue, client):
    Scheme.objects.create(slug="sans-etape", name="Sans étape", beneficiaries=["commune"])
    Scheme.objects.create(slug="etude-seule", name="Étude seule", stages=["etude"])
    slugs = {r["slug"] for r in every_page(client, "dispositifs", etape="lancement")}
    assert "sans-etape" in slugs
    assert "etude-seule" not in slugs


def test_experiences_are_filtered_by_the_needs_of_their_levers(catalogue, client):
    slugs = {r["slug"] for r in every_page(client, "experiences", besoin="mobilite")}
    expected = {
        e.slug
        for e in Experience.objects.prefetch_related("levers")
        if any("mobilite" in lever.needs for lever in e.levers.all())
    }
    assert slugs == expected


def test_imported_aids_can_be_left_out(catalogue, client):
    Scheme.objects.create(slug="aide-importee", name="Aide importée", origin="aides-territoires")
    assert {r["slug"] for r in every_page(client, "dispositifs", origine="aides-territoires")} == {
        "aide-importee"
    }
    assert "aide-importee" not in {
        r["slug"] for r in every_page(client, "dispositifs", origine="leviers")
    }


def test_full_text_ranks_and_forgives_plurals_accents_and_typos(catalogue, client):
    for query in ("épiceries solidaires", "epicerie solidaire", "epiceri solidare"):
        data = get(client, "leviers", q=query)
        assert data["results"][0]["slug"] == "epicerie-solidaire-cooperative", query
        assert data["results"][0]["score"] > 0
        scores = [r["score"] for r in data["results"]]
        assert scores == sorted(scores, reverse=True)


def test_full_text_and_filters_combine(catalogue, client):
    everything = {r["slug"] for r in every_page(client, "dispositifs", q="tiers lieux")}
    for_associations = {
        r["slug"] for r in every_page(client, "dispositifs", q="tiers lieux", porteur="association")
    }
    beneficiaries = dict(Scheme.objects.values_list("slug", "beneficiaries"))
    assert for_associations == {s for s in everything if "association" in beneficiaries[s]}
    assert for_associations < everything


def test_lists_follow_a_catalogue_edited_in_the_admin(catalogue, client):
    assert get(client, "dispositifs", q="zygomatique")["count"] == 0
    Scheme.objects.create(
        slug="fonds-zygomatique", name="Fonds zygomatique", needs=["culture"], origin="leviers"
    )
    assert [r["slug"] for r in get(client, "dispositifs", q="zygomatique")["results"]] == [
        "fonds-zygomatique"
    ]
    assert "fonds-zygomatique" in {
        r["slug"] for r in every_page(client, "dispositifs", besoin="culture")
    }


def test_a_list_page_costs_a_fixed_number_of_queries(catalogue, client, django_assert_num_queries):
    # Builds what the filters read, then the full-text index (each on its first use).
    get(client, "experiences", taille=100)
    get(client, "dispositifs", q="épicerie")
    # the catalogue's stamp, the page, the levers of its experiences
    with django_assert_num_queries(3):
        get(client, "experiences", taille=100, besoin="commerce")
    with django_assert_num_queries(2):
        get(client, "dispositifs", taille=100, q="café")


# Entries


def test_scheme_gives_its_criteria_as_written_its_sources_and_their_verification(catalogue, client):
    data = get(client, "dispositifs/rural-consult")
    scheme = Scheme.objects.get(slug="rural-consult")
    assert data["name"] == "Rural Consult"
    assert data["criteria"] == scheme.criteria
    assert data["criteria"][0]["any_of"][0] == [
        {"beneficiary": ["commune"]},
        {"commune_population": {"lt": 5000}},
    ]
    assert data["perimeter"] == {"national": True}
    assert data["sources"] == scheme.sources
    assert data["verification"] == "partiel"
    assert "aucune page officielle" in data["verification_note"]
    # Nobody has marked it verified, and no source says when it was read: no date at all.
    assert data["last_checked"] is None
    assert data["url"] == "/catalogue/dispositifs/rural-consult/"
    assert {lever["slug"] for lever in data["levers"]} == set(
        scheme.levers.values_list("slug", flat=True)
    )


def test_lever_links_its_schemes_and_experiences(catalogue, client):
    data = get(client, "leviers/cafe-associatif")
    lever = Lever.objects.get(slug="cafe-associatif")
    assert {s["slug"] for s in data["schemes"]} == set(lever.schemes.values_list("slug", flat=True))
    pommerieux = next(e for e in data["experiences"] if e["slug"] == "pommerieux-bar-associatif")
    assert pommerieux["commune"] == {"code": "53180", "name": "Pommerieux"}
    assert pommerieux["api_url"] == "/api/v1/catalogue/experiences/pommerieux-bar-associatif"
    assert data["steps"] and all("title" in step for step in data["steps"])


def test_experience_names_its_commune_and_department(catalogue, client):
    data = get(client, "experiences/ernee-guinguette")
    assert data["commune"] == {
        "code": "53096",
        "name": "Ernée",
        "department": {"code": "53", "name": "Mayenne"},
    }
    experience = Experience.objects.get(slug="ernee-guinguette")
    assert {lever["slug"] for lever in data["levers"]} == set(
        experience.levers.values_list("slug", flat=True)
    )
    assert "guinguette-associative" in {lever["slug"] for lever in data["levers"]}


def test_an_experience_without_a_commune_names_its_department(catalogue, client):
    data = get(client, "experiences/khera-prevention-sante-bien-vieillir")
    assert data["commune"] is None
    assert data["department"] == {"code": "49", "name": "Maine-et-Loire"}
    assert get(client, "experiences/ernee-guinguette")["department"]["code"] == "53"


def test_resource_gives_its_address_at_its_publisher(catalogue, client):
    resource = Resource.objects.first()
    data = get(client, f"ressources/{resource.slug}")
    assert data["resource_url"] == resource.url
    assert data["title"] == resource.title


@pytest.mark.parametrize(
    "path, message",
    [
        ("dispositifs/inconnu", "Aucun dispositif de slug « inconnu »."),
        ("leviers/inconnu", "Aucun levier de slug « inconnu »."),
        ("experiences/inconnu", "Aucun retour d'expérience de slug « inconnu »."),
        ("ressources/inconnu", "Aucune ressource de slug « inconnu »."),
    ],
)
def test_unknown_slug_is_a_french_404_in_json(catalogue, client, path, message):
    assert get(client, path, status=404) == {"erreur": message}


# Search across the catalogue


def test_search_ranks_every_kind_together(catalogue, client):
    data = get(client, "recherche", q="tiers lieux", taille=100)
    kinds = {r["type"] for r in data["results"]}
    assert {"leviers", "dispositifs"} <= kinds
    assert "tiers-lieu-rural" in {r["slug"] for r in data["results"] if r["type"] == "leviers"}
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    assert data["query"] == "tiers lieux"


def test_search_can_keep_one_kind(catalogue, client):
    data = get(client, "recherche", q="tiers lieux", type="ressources", taille=100)
    assert data["results"]
    assert {r["type"] for r in data["results"]} == {"ressources"}


# Errors


def test_unknown_filter_value_lists_the_valid_ones(catalogue, client):
    data = get(client, "dispositifs", status=400, besoin="boulangerie")
    assert data["erreur"].startswith("Valeur inconnue « boulangerie » pour « besoin ».")
    assert data["valeurs_possibles"] == list(vocabulary.NEEDS)
    data = get(client, "recherche", status=400, q="café", type="cafes")
    assert data["valeurs_possibles"] == ["dispositifs", "leviers", "experiences", "ressources"]


def test_a_filter_of_another_kind_is_refused_rather_than_ignored(catalogue, client):
    data = get(client, "leviers", status=400, porteur="commune")
    assert data == {
        "erreur": "Le filtre « porteur » ne s'applique pas aux leviers. "
        "Filtres possibles : q, besoin."
    }


@pytest.mark.parametrize(
    "params, status, message",
    [
        ({"taille": "101"}, 400, "« taille » doit être un nombre entier entre 1 et 100"),
        ({"taille": "0"}, 400, "entre 1 et 100"),
        ({"page": "deux"}, 400, "« page » doit être un nombre entier à partir de 1"),
        ({"page": "50"}, 404, "La page 50 n'existe pas"),
        ({"q": "x" * 201}, 400, "dépasse 200 caractères"),
        ({"q": "x" * 200 + " "}, 400, "dépasse 200 caractères"),  # as sent, spaces included
        # An empty value is not the absence of the parameter (the OpenAPI document's reading).
        ({"page": ""}, 400, "« page » doit être un nombre entier"),
        ({"taille": ""}, 400, "« taille » doit être un nombre entier"),
        ({"taille": " 5"}, 400, "« taille » doit être un nombre entier"),
        ({"besoin": ""}, 400, "pour « besoin »"),
        ({"porteur": " commune"}, 400, "pour « porteur »"),
    ],
)
def test_bad_pages_and_queries_get_a_french_error(catalogue, client, params, status, message):
    assert message in get(client, "dispositifs", status=status, **params)["erreur"]


def test_an_empty_filter_of_another_kind_is_refused_too(catalogue, client):
    assert "ne s'applique pas" in get(client, "leviers", status=400, porteur="")["erreur"]


def test_search_needs_words(catalogue, client):
    assert "obligatoire" in get(client, "recherche", status=400)["erreur"]


def test_an_empty_result_is_one_empty_page(catalogue, client):
    data = get(client, "recherche", q="qwxzyk")
    assert (data["count"], data["pages"], data["results"]) == (0, 0, [])
