"""The catalogue admin: criteria checked as load-catalogue checks them, help and example on the
form, and a history readable in French (field, before, after, who, why)."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from leviers.catalogue.models import Scheme
from leviers.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

RECOMMENDATIONS = "/projets/recommandations/"
POMMERIEUX = {"commune": "53180", "besoin": ["commerce"], "porteur": "commune"}


@pytest.fixture
def curator(client):
    user = UserFactory(superuser=True, username="claire")
    client.force_login(user)
    return client


def change_url(scheme: Scheme) -> str:
    return f"/admin/catalogue/scheme/{scheme.pk}/change/"


def form_data(scheme: Scheme, change_reason: str = "", **changes) -> dict:
    """What the change form posts for `scheme`, with `changes` (JSON fields as JSON text)."""
    data = {"change_reason": change_reason}
    for name, value in {**model_to_dict(scheme), **changes}.items():
        field = Scheme._meta.get_field(name)
        if field.get_internal_type() == "JSONField":
            data[name] = json.dumps(value, ensure_ascii=False)
        elif value is not None:
            data[name] = value
    data.pop("id", None)
    return data


def load_catalogue_message(tmp_path, criteria: list) -> str:
    """What load-catalogue says of a rural-consult written with `criteria`."""
    import shutil

    import yaml

    from leviers.catalogue.content import CONTENT_DIR

    folder = tmp_path / "contenu"
    shutil.copytree(CONTENT_DIR, folder)
    path = folder / "schemes" / "rural-consult.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["criteria"] = criteria
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load-catalogue", source=str(folder))
    return str(error.value)


@pytest.mark.parametrize(
    "criteria, expected",
    [
        (
            [{"rural": True}, {"habitants": {"lt": 5000}}],
            "critère n° 2 (« habitants ») : clé inconnue",
        ),
        (
            [{"commune_population": {"lt": "5 000"}}],
            "critère n° 1 (« commune_population ») : le seuil « 5 000 » doit être un nombre entier",
        ),
    ],
)
def test_an_invalid_criterion_is_refused_with_the_message_of_load_catalogue(
    catalogue, curator, tmp_path, criteria, expected
):
    scheme = Scheme.objects.get(slug="rural-consult")
    before = scheme.criteria
    response = curator.post(change_url(scheme), form_data(scheme, criteria=criteria))
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["adminform"].form.errors["criteria"]
    assert len(errors) == 1
    assert f"dispositif « rural-consult », {expected}" in errors[0]
    assert errors[0] in load_catalogue_message(tmp_path, criteria)
    scheme.refresh_from_db()
    assert scheme.criteria == before
    page = curator.get(RECOMMENDATIONS, {**POMMERIEUX, "vue": "detail"}).content.decode()
    assert 'id="dispositif-rural-consult"' in page
    assert "Critères illisibles" not in page


def test_a_curated_scheme_needs_a_perimeter_an_imported_aid_may_wait(catalogue, curator):
    scheme = Scheme.objects.get(slug="rural-consult")
    response = curator.post(change_url(scheme), form_data(scheme, perimeter={}))
    assert response.context["adminform"].form.errors["perimeter"] == [
        "dispositif « rural-consult », périmètre : une table à une seule clé est attendue parmi "
        "national, regions, departments, communes, epcis, programme (reçu : rien)."
    ]
    imported = Scheme.objects.create(
        slug="at-aide", name="Aide importée", origin="aides-territoires", criteria=[{"text": "x"}]
    )
    response = curator.post(change_url(imported), form_data(imported, summary="Résumé"))
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.summary == "Résumé"


def test_the_form_explains_criteria_with_an_example(catalogue, curator):
    page = curator.get(change_url(Scheme.objects.get(slug="rural-consult"))).content.decode()
    assert "commune_population" in page and "Format complet : docs/format-catalogue.md" in page
    # (the admin writes help texts as they are)
    assert '{"commune_population": {"lt": 5000}}' in page
    assert '{"departments": ["53", "72"]}' in page
    assert "Raison de la modification" in page


def test_the_history_says_which_field_changed_from_what_to_what_by_whom_and_why(catalogue, curator):
    scheme = Scheme.objects.get(slug="rural-consult")
    criteria = [*scheme.criteria, {"rural": True}]
    response = curator.post(
        change_url(scheme),
        form_data(
            scheme,
            criteria=criteria,
            amounts="Gratuit",
            change_reason="Relu sur la page de la Banque des Territoires",
        ),
    )
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.criteria == criteria
    page = curator.get(f"/admin/catalogue/scheme/{scheme.pk}/history/").content.decode()
    for heading in ("Date", "Action", "Par", "Pourquoi", "Champ", "Avant", "Après"):
        assert f'<th scope="col">{heading}</th>' in page
    assert "Relu sur la page de la Banque des Territoires" in page
    assert "claire" in page
    assert '<th scope="row">Montants</th>' in page
    assert '<th scope="row">Critères d&#x27;éligibilité</th>' in page
    assert "{&quot;rural&quot;: true}" in page  # JSON as written, not a Python repr
    assert "Changes" not in page and "Modification" in page
