"""The training pages as a person uses them: reading freely, answering a self-check, keeping
progress with an account, resuming a path and printing the certificate."""

import pytest
from django.test import Client
from django.urls import reverse

from leviers.testing.factories import UserFactory
from leviers.training.models import Module, Path, Progress

pytestmark = pytest.mark.django_db


def _right_answers(module: Module) -> dict[str, str]:
    return {
        f"q{i}": str(next(n for n, a in enumerate(q["answers"]) if a["correct"]))
        for i, q in enumerate(module.questions)
    }


def _wrong_answers(module: Module) -> dict[str, str]:
    return {
        f"q{i}": str(next(n for n, a in enumerate(q["answers"]) if not a["correct"]))
        for i, q in enumerate(module.questions)
    }


def test_anyone_reads_a_module_with_its_readings_case_and_catalogue_links(training, client):
    module = Module.objects.get(slug="financer-projet-ess")
    page = client.get(module.get_absolute_url()).content.decode()
    assert module.readings[0]["title"] in page
    assert reverse("catalogue:experience", args=["aubigne-racan-tiers-lieu"]) in page
    assert reverse("catalogue:scheme", args=["lieux-de-convivialite"]) in page
    assert "Connectez-vous" in page and "J&#x27;ai lu ce module" not in page


def test_an_anonymous_visitor_answers_the_self_check_without_any_progress_kept(training, client):
    module = Module.objects.get(slug="ess-loi-2014")
    url = reverse("training:self_check", args=[module.slug])
    page = client.post(url, _right_answers(module)).content.decode()
    assert f"{len(module.questions)} bonnes réponses sur {len(module.questions)}" in page
    assert "Auto-évaluation réussie" in page
    assert not Progress.objects.exists()


def test_every_answer_is_explained_after_the_self_check(training, client):
    module = Module.objects.get(slug="commande-publique-ess")
    page = client.post(
        reverse("training:self_check", args=[module.slug]), _wrong_answers(module)
    ).content.decode()
    assert "0 bonne réponse sur 3" in page and "Il en faut 3 pour la réussir" in page
    for question in module.questions:
        for answer in question["answers"]:
            assert answer["explanation"].replace("'", "&#x27;") in page


def test_an_unanswered_question_is_named_and_nothing_is_kept(training):
    module = Module.objects.get(slug="ess-loi-2014")
    client = Client()
    client.force_login(UserFactory())
    answers = _right_answers(module)
    del answers["q2"]
    page = client.post(reverse("training:self_check", args=[module.slug]), answers)
    assert "Choisissez une réponse à la question 3." in page.content.decode()
    assert not Progress.objects.exists()


def test_a_signed_in_person_keeps_the_best_score_and_the_day_passed(training):
    person = UserFactory()
    module = Module.objects.get(slug="ess-loi-2014")
    client = Client()
    client.force_login(person)
    url = reverse("training:self_check", args=[module.slug])
    client.post(url, _wrong_answers(module))
    progress = Progress.objects.get(user=person, module=module)
    assert (progress.attempts, progress.best_score, progress.passed_on) == (1, 0, None)
    client.post(url, _right_answers(module))
    client.post(url, _wrong_answers(module))
    progress.refresh_from_db()
    assert progress.attempts == 3 and progress.best_score == len(module.questions)
    assert progress.passed_on is not None


def test_marking_a_module_read_needs_an_account(training, client):
    module = Module.objects.get(slug="ess-loi-2014")
    url = reverse("training:module_read", args=[module.slug])
    assert client.post(url)["Location"].startswith("/compte/connexion/")
    person = UserFactory()
    client.force_login(person)
    client.post(url)
    assert Progress.objects.get(user=person, module=module).read_on is not None
    assert "Module lu" in client.get(module.get_absolute_url()).content.decode()


def _pass(client, slug):
    module = Module.objects.get(slug=slug)
    client.post(reverse("training:self_check", args=[slug]), _right_answers(module))


def test_the_path_page_resumes_at_the_first_module_not_passed(training):
    client = Client()
    client.force_login(UserFactory())
    path = Path.objects.get(slug="nouvel-elu")
    steps = list(path.steps.values_list("module__slug", flat=True))
    page = client.get(path.get_absolute_url()).content.decode()
    assert "Commencer" in page and "0 module réussi sur 6" in page
    _pass(client, steps[0])
    page = client.get(path.get_absolute_url()).content.decode()
    resume = reverse("training:module", args=[steps[1]])
    assert f'href="{resume}">Reprendre' in page and "1 module réussi sur 6" in page


def test_the_certificate_waits_for_every_module_then_prints_name_path_and_date(training):
    person = UserFactory(first_name="Claire", last_name="Martin")
    client = Client()
    client.force_login(person)
    path = Path.objects.get(slug="nouvel-elu")
    certificate = reverse("training:certificate", args=[path.slug])
    pdf = reverse("training:certificate_pdf", args=[path.slug])
    slugs = list(path.steps.values_list("module__slug", flat=True))
    for slug in slugs[:-1]:
        _pass(client, slug)
    page = client.get(certificate).content.decode()
    assert "5 sur 6 pour l'instant" in page and "Claire Martin" not in page
    assert client.get(pdf).status_code == 404
    _pass(client, slugs[-1])
    page = client.get(certificate).content.decode()
    assert "Claire Martin" in page and path.title in page and "Parcours terminé le" in page
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="attestation-nouvel-elu.pdf"' in response["Content-Disposition"]


def test_my_progress_lists_each_path_with_its_state(training):
    client = Client()
    client.force_login(UserFactory())
    _pass(client, "ess-loi-2014")
    page = client.get(reverse("training:mine")).content.decode()
    assert "1 sur 6 modules réussi." in page and "Réussi" in page
