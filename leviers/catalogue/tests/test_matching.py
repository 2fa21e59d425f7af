"""Matching through the shared service, on the real catalogue and the real referential."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    call_command("match", *args)
    return capsys.readouterr()


def test_cli_json_for_pommerieux_commerce(catalogue, capsys):
    out = run(
        capsys,
        "--commune",
        "53180",
        "--porteur",
        "commune",
        "--etape",
        "emergence",
        "--besoin",
        "commerce",
        "--format",
        "json",
    ).out
    data = json.loads(out)
    assert data["territory"]["commune"]["name"] == "Pommerieux"
    assert data["levers"][0]["reasons"][0].startswith("Répond à votre besoin")
    schemes = {s["slug"]: s for s in data["schemes"]}
    rural_consult = schemes["rural-consult"]
    assert rural_consult["verdict"] == "eligible"
    sentences = [c for c in rural_consult["criteria"]] + [
        d for c in rural_consult["criteria"] for d in c.get("details", [])
    ]
    assert any(
        "Pommerieux compte 667 habitants (INSEE, COG 2026)" in c["text"] and c["met"] is True
        for c in sentences
    )
    verdicts = [s["verdict"] for s in data["schemes"]]
    # Open schemes by verdict, then the closed ones, then the resources (no verdict).
    order = {"eligible": 0, "to_check": 1, "not_eligible": 2, "closed": 3, "resource": 4}
    assert verdicts == sorted(verdicts, key=order.__getitem__)
    assert schemes["conseillers-numeriques"]["verdict"] == "closed"
    assert schemes["rtes-adhesion"]["verdict"] == "resource"


def test_a_commune_over_5000_is_not_eligible_to_rural_consult(catalogue, capsys):
    # Laval (53130) has about 50,000 inhabitants.
    data = json.loads(
        run(
            capsys,
            "--commune",
            "53130",
            "--porteur",
            "commune",
            "--besoin",
            "commerce",
            "--format",
            "json",
        ).out
    )
    rural_consult = next(s for s in data["schemes"] if s["slug"] == "rural-consult")
    assert rural_consult["verdict"] == "not_eligible"


def test_answering_a_question_updates_the_verdict(catalogue, capsys):
    base = [
        "--commune",
        "53180",
        "--porteur",
        "commune",
        "--besoin",
        "commerce",
        "--format",
        "json",
    ]
    data = json.loads(run(capsys, *base).out)
    question, scheme = next(
        (q, s)
        for s in data["schemes"]
        if s["verdict"] == "to_check"
        for q in s["questions"]
        if len(s["questions"]) == 1
    )
    answered = json.loads(run(capsys, *base, "--reponse", f"{question['id']}=non").out)
    after = next(s for s in answered["schemes"] if s["slug"] == scheme["slug"])
    assert after["verdict"] == "not_eligible"


def test_seed_experiences_rank_first_for_their_own_commune(catalogue, capsys):
    data = json.loads(
        run(capsys, "--commune", "53180", "--besoin", "lien-social", "--format", "json").out
    )
    assert data["experiences"][0]["commune"]["code"] == "53180"
    assert "Dans votre commune." in data["experiences"][0]["reasons"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--commune", "99999"], "Aucune commune de code INSEE « 99999 »"),
        (["--commune", "53180", "--porteur", "mairie"], "Valeurs possibles : commune, epci"),
        (["--commune", "53180", "--etape", "debut"], "Étape inconnu"),
        (["--commune", "53180", "--besoin", "bonheur"], "Besoin inconnu « bonheur »"),
        (["--commune", "53180", "--reponse", "x=peut-etre"], "Réponse illisible"),
    ],
)
def test_bad_input_exits_2_with_the_valid_values(catalogue, capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        call_command("match", *args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_text_output_explains_each_criterion(catalogue, capsys):
    out = run(capsys, "--commune", "53180", "--porteur", "commune", "--besoin", "commerce").out
    assert "Dispositifs — Éligible" in out
    assert "✔ " in out
    assert "Pommerieux compte 667 habitants (INSEE, COG 2026)" in out


def test_api_match_has_the_same_shape_and_400_in_french(catalogue, client):
    response = client.get(
        "/api/v1/match",
        {"commune": "53180", "porteur": "commune", "besoin": ["commerce", "lien-social"]},
    )
    assert response.status_code == 200
    data = response.json()
    assert {"territory", "levers", "experiences", "schemes", "questions"} <= set(data)
    assert {"slug", "name", "verdict", "criteria"} <= set(data["schemes"][0])
    bad = client.get("/api/v1/match", {"commune": "53180", "etape": "hier"})
    assert bad.status_code == 400
    assert "Valeurs possibles" in bad.json()["erreur"]


def test_an_experience_known_by_its_department_only_is_matched_on_it(catalogue, capsys):
    # Durtal (49127) is in Maine-et-Loire, where the source places Khera without a commune.
    data = json.loads(run(capsys, "--commune", "49127", "--format", "json").out)
    khera = next(
        e for e in data["experiences"] if e["slug"] == "khera-prevention-sante-bien-vieillir"
    )
    assert khera["commune"] is None
    assert khera["department"] == {"code": "49", "name": "Maine-et-Loire"}
    assert khera["reasons"] == ["Dans le même département (Maine-et-Loire)."]
    # Elsewhere in the region it is only "in the same region"; never "in your commune".
    data = json.loads(run(capsys, "--commune", "53180", "--format", "json").out)
    khera = next(
        e for e in data["experiences"] if e["slug"] == "khera-prevention-sante-bien-vieillir"
    )
    assert khera["reasons"] == ["Dans la même région."]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"commune": "1234"}, "Code INSEE « 1234 » invalide"),
        ({"commune": "2a00"}, "Code INSEE « 2A00 » invalide"),
        ({"epci": "12345678"}, "SIREN d'intercommunalité « 12345678 » invalide"),
    ],
)
def test_a_territory_code_that_cannot_exist_is_refused_alike_by_api_and_cli(
    catalogue, client, capsys, params, expected
):
    response = client.get("/api/v1/match", params)
    assert response.status_code == 400
    assert response.json()["erreur"].startswith(expected)
    ((name, value),) = params.items()
    with pytest.raises(SystemExit) as exit_:
        call_command("match", f"--{name}", value)
    assert exit_.value.code == 2
    assert expected in capsys.readouterr().err


def test_the_situation_is_bounded_alike_everywhere():
    from django.utils.datastructures import MultiValueDict

    from leviers.catalogue.profiles import MAX_ANSWERS, MAX_TEXT, read_situation

    situation = read_situation(
        MultiValueDict(
            {
                "commune": [" 2a004 "],
                "besoin": ["commerce", "commerce", "", "lien-social"],
                "texte": ["x" * (MAX_TEXT + 10)],
                "reponse": [f"q{i}=oui" for i in range(MAX_ANSWERS + 5)],
            }
        )
    )
    assert situation.commune == "2A004"
    assert situation.needs == ("commerce", "lien-social")
    assert len(situation.text) == MAX_TEXT
    assert len(situation.answers) == MAX_ANSWERS
