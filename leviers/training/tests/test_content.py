"""The training content: the shipped files load, a bad file is refused with a French message
naming the file, the entry and the field, and nothing is written."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from leviers.core.importing import ImportFileError
from leviers.core.models import Dataset
from leviers.training.content import CONTENT_DIR, load_training, read_training
from leviers.training.models import Module, PathStep
from leviers.training.models import Path as TrainingPath

pytestmark = pytest.mark.django_db

TOPICS = {
    "ess-loi-2014",
    "commune-catalyseur",
    "co-construction-habitants",
    "financer-projet-ess",
    "commande-publique-ess",
    "leviers-du-catalogue",
}


def test_shipped_content_loads_the_six_modules_and_the_new_councillor_path():
    load_training()
    assert set(Module.objects.values_list("slug", flat=True)) == TOPICS
    path = TrainingPath.objects.get(slug="nouvel-elu")
    assert path.title == "Nouvel élu : la première année du mandat"
    steps = list(path.steps.values_list("module__slug", flat=True))
    assert set(steps) == TOPICS and steps[0] == "ess-loi-2014"


def test_every_shipped_module_has_readings_a_case_a_self_check_and_sources():
    for module in read_training().modules.values():
        assert 2 <= len(module["readings"]) <= 4, module["slug"]
        assert 3 <= len(module["questions"]) <= 5, module["slug"]
        assert module["case"]["experience"] and module["resources"], module["slug"]
        assert module["sources"], module["slug"]
        for question in module["questions"]:
            assert all(answer["explanation"] for answer in question["answers"])


def _copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_catalogue_slug_is_refused_naming_file_module_and_field(tmp_path):
    content = _copy(tmp_path)
    module_file = content / "modules" / "04-financer.yaml"
    _edit(module_file, "schemes: lieux-de-convivialite", "schemes: fonds-imaginaire")
    with pytest.raises(ImportFileError) as error:
        load_training(content)
    message = str(error.value)
    assert "04-financer.yaml" in message
    assert "module « financer-projet-ess »" in message
    assert "colonne « resources[1] »" in message
    assert "dispositif « fonds-imaginaire » introuvable dans le catalogue" in message
    assert not Module.objects.exists() and not Dataset.objects.filter(key="formation").exists()


def test_an_unknown_case_experience_is_refused(tmp_path):
    content = _copy(tmp_path)
    _edit(
        content / "modules" / "03-co-construction.yaml",
        "experience: ernee-guinguette",
        "experience: ernee-disparue",
    )
    with pytest.raises(ImportFileError, match="case.experience"):
        read_training(content)


def test_two_right_answers_are_refused(tmp_path):
    content = _copy(tmp_path)
    _edit(content / "modules" / "01-ess-loi-2014.yaml", "correct: false", "correct: true")
    with pytest.raises(ImportFileError) as error:
        read_training(content)
    assert "self_check[1].answers" in str(error.value)
    assert "une et une seule réponse juste" in str(error.value)


def test_an_answer_without_explanation_is_refused(tmp_path):
    content = _copy(tmp_path)
    _edit(
        content / "modules" / "06-leviers-catalogue.yaml",
        "        explanation: Le même outil ne convient pas partout ; le besoin guide le choix.\n",
        "",
    )
    with pytest.raises(ImportFileError, match="chaque réponse a son explication"):
        read_training(content)


def test_a_module_with_one_reading_is_refused(tmp_path):
    content = _copy(tmp_path)
    module_file = content / "modules" / "02-commune-catalyseur.yaml"
    text = module_file.read_text(encoding="utf-8")
    start = text.index("  - title: Connaître le potentiel")
    module_file.write_text(text[:start] + text[text.index("resources:") :], encoding="utf-8")
    with pytest.raises(ImportFileError) as error:
        read_training(content)
    assert "colonne « readings »" in str(error.value)
    assert "entre 2 et 4 éléments attendus, 1 lus" in str(error.value)


def test_a_path_naming_an_unknown_module_is_refused(tmp_path):
    content = _copy(tmp_path)
    _edit(content / "paths" / "nouvel-elu.yaml", "module: ess-loi-2014", "module: ess-2015")
    with pytest.raises(ImportFileError) as error:
        read_training(content)
    assert "parcours « nouvel-elu »" in str(error.value)
    assert "module « ess-2015 » introuvable" in str(error.value)


def test_a_verified_module_needs_a_source_and_a_partial_one_a_note(tmp_path):
    content = _copy(tmp_path)
    _edit(
        content / "modules" / "05-commande-publique.yaml",
        "verification: partiel",
        "verification: flou",
    )
    with pytest.raises(ImportFileError, match="valeurs permises"):
        read_training(content)


def test_reloading_keeps_progress_and_the_module(tmp_path):
    from leviers.testing.factories import UserFactory
    from leviers.training.actions import progress_mark_read

    load_training()
    module = Module.objects.get(slug="ess-loi-2014")
    progress_mark_read(UserFactory(), module)
    content = _copy(tmp_path)
    _edit(
        content / "modules" / "01-ess-loi-2014.yaml", "duration: 15 minutes", "duration: 20 minutes"
    )
    load_training(content)
    module.refresh_from_db()
    assert module.duration == "20 minutes" and module.progress.count() == 1
    assert PathStep.objects.filter(path__slug="nouvel-elu").count() == 6


def test_the_bootstrap_step_loads_the_training_once():
    """`leviers bootstrap` (journey) calls the step of every AppConfig that has one."""
    from django.apps import apps

    lines = []
    step = apps.get_app_config("training").bootstrap
    step(lines.append)
    assert lines[-1].startswith("formation chargée")
    assert Module.objects.count() == len(TOPICS)
    step(lines.append)
    assert lines[-1] == "Formation : déjà chargée."


def test_load_training_command_names_the_bad_file_and_changes_nothing(tmp_path):
    from django.core.management.base import CommandError

    content = _copy(tmp_path)
    _edit(content / "paths" / "nouvel-elu.yaml", "slug: nouvel-elu", "slug: [nouvel-elu]")
    with pytest.raises(CommandError) as error:
        call_command("load-training", dossier=str(content))
    assert "nouvel-elu.yaml" in str(error.value) and "Rien n'a été modifié" in str(error.value)
    assert not Module.objects.exists()
