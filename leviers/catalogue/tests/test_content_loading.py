import shutil
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from leviers.catalogue.content import CONTENT_DIR, export_content, read_content
from leviers.catalogue.models import Experience, Lever, Resource, Scheme

pytestmark = pytest.mark.django_db


def test_shipped_catalogue_meets_the_minimum_and_covers_the_seed(catalogue):
    assert Scheme.objects.count() >= 40
    assert Lever.objects.count() >= 12
    assert Experience.objects.count() >= 10
    assert Resource.objects.count() >= 20
    for slug in [
        "rural-consult",
        "edurenov",
        "villages-davenir",
        "petites-villes-de-demain",
        "lieux-de-convivialite",
        "1000-cafes",
        "leader",
        "dla",
        "fabrique-a-initiatives",
        "france-services",
        "france-ruralites-revitalisation",
    ]:
        assert Scheme.objects.filter(slug=slug).exists(), slug
    communes = set(Experience.objects.values_list("commune_id", flat=True))
    assert {"53096", "53180", "72013", "49127"} <= communes  # Ernée, Pommerieux, Aubigné, Durtal
    assert {"49301"} <= communes  # Sèvremoine (Locaux moteurs)
    # Khera: the source names no commune, so the experience stands in its department.
    khera = Experience.objects.get(slug="khera-prevention-sante-bien-vieillir")
    assert (khera.commune, khera.department_id, khera.place) == (None, "49", "Maine-et-Loire (49)")


def test_every_entry_has_a_source_and_no_date_is_stamped_in_bulk(catalogue):
    read_on, total = Counter(), 0
    for model in (Scheme, Lever, Experience, Resource):
        for entry in (
            model.objects.filter(origin="leviers") if model is Scheme else model.objects.all()
        ):
            assert entry.sources, entry.slug
            assert all(s["url"].startswith("http") for s in entry.sources), entry.slug
            read_on.update(s["checked_on"] for s in entry.sources if s.get("checked_on"))
            total += len(entry.sources)
            if entry.verification != "verifie":
                assert entry.verification_note, entry.slug
    # `checked_on` is the day someone read that source: never one day for the whole catalogue.
    # A day of research may date the sources of the entries written that day (2026-12-06: the
    # regions' CRESS and experiences), never most of the catalogue.
    assert all(count <= max(10, total // 4) for count in read_on.values()), (
        read_on.most_common(3),
        total,
    )


def test_loading_twice_changes_nothing(catalogue, capsys):
    call_command("load-catalogue")
    assert "créés=0 mis à jour=0" in capsys.readouterr().out


def copy_content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def break_file(folder: Path, kind: str, slug: str, old: str, new: str) -> Path:
    path = folder / kind / f"{slug}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "kind, slug, old, new, expected",
    [
        ("schemes", "rural-consult", "kind: ingenierie", "kind: miracle", "« kind »"),
        ("schemes", "rural-consult", "lt: 5000", "lt: beaucoup", "rural-consult"),
        ("levers", "cafe-associatif", "needs:", "besoins_inconnus: []\nneeds:", "champ inconnu"),
        ("experiences", "ernee-guinguette", 'commune: "53096"', 'commune: "99999"', "99999"),
        ("experiences", "ernee-guinguette", 'commune: "53096"', "", "« commune »"),
        (
            "experiences",
            "ernee-guinguette",
            'commune: "53096"',
            'commune: "53096"\ndepartment: "53"',
            "pas les deux",
        ),
        (
            "experiences",
            "khera-prevention-sante-bien-vieillir",
            'department: "49"',
            'department: "999"',
            "département de code INSEE « 999 » inconnu",
        ),
        ("resources", "avise-dla", "url:", "url: [", "YAML invalide"),
    ],
)
def test_a_bad_file_is_refused_naming_it_and_nothing_is_loaded(
    empty_catalogue, tmp_path, kind, slug, old, new, expected
):
    folder = copy_content(tmp_path)
    if not (folder / kind / f"{slug}.yaml").exists():
        pytest.skip(f"{kind}/{slug}.yaml n'existe plus")
    break_file(folder, kind, slug, old, new)
    with pytest.raises(CommandError) as error:
        call_command("load-catalogue", source=str(folder))
    message = str(error.value)
    assert f"{slug}.yaml" in message
    assert expected in message
    assert "Rien n'a été modifié" in message
    assert Scheme.objects.count() == 0
    assert Lever.objects.count() == 0


def test_a_criterion_error_names_the_scheme_and_the_criterion(tmp_path):
    folder = copy_content(tmp_path)
    break_file(folder, "schemes", "rural-consult", "lt: 5000", "environ: 5000")
    with pytest.raises(Exception) as error:
        read_content(folder)
    assert "dispositif « rural-consult »" in str(error.value)
    assert "environ" in str(error.value)


def test_export_then_reload_gives_the_same_catalogue(catalogue, tmp_path):
    lever = Lever.objects.get(slug="cafe-associatif")
    lever.summary = "Résumé modifié par une curatrice."
    lever.save()
    written, unchanged = export_content(tmp_path)
    assert unchanged == 0
    assert written == Scheme.objects.filter(origin="leviers").count() + Lever.objects.count() + (
        Experience.objects.count() + Resource.objects.count()
    )
    content = read_content(tmp_path)
    assert content.entries["levers"]["cafe-associatif"]["summary"] == lever.summary
    assert set(content.entries["levers"]["cafe-associatif"]["schemes"]) == set(
        lever.schemes.values_list("slug", flat=True)
    )


def test_admin_edits_are_kept_in_history(catalogue, admin_client):
    scheme = Scheme.objects.get(slug="rural-consult")
    scheme.amounts = "Gratuit"
    scheme.save()
    assert scheme.history.count() >= 1
    response = admin_client.get(f"/admin/catalogue/scheme/{scheme.pk}/history/")
    assert response.status_code == 200


def test_an_experience_needs_a_commune_or_else_a_department(catalogue):
    from django.core.exceptions import ValidationError

    ernee = Experience.objects.get(slug="ernee-guinguette")
    ernee.department_id = "53"
    with pytest.raises(ValidationError) as both:
        ernee.full_clean()
    assert "l'un ou l'autre" in str(both.value)
    ernee.department_id, ernee.commune_id = None, None
    with pytest.raises(ValidationError):
        ernee.full_clean()


@pytest.mark.parametrize("folder", ["absent", "vide"])
def test_a_missing_or_empty_source_is_refused_and_changes_nothing(catalogue, tmp_path, folder):
    from leviers.core.models import Dataset

    (tmp_path / "vide" / "schemes").mkdir(parents=True)
    before = Dataset.objects.get(key="catalogue")
    schemes = Scheme.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("load-catalogue", source=str(tmp_path / folder))
    message = str(error.value)
    assert str(tmp_path / folder) in message
    assert "Rien n'a été modifié" in message
    after = Dataset.objects.get(key="catalogue")
    assert (after.imported_from, after.imported_at) == (before.imported_from, before.imported_at)
    assert Scheme.objects.count() == schemes


def test_marking_an_entry_verified_records_who_and_when(catalogue, admin_client, admin_user):
    import datetime

    scheme = Scheme.objects.get(slug="villages-davenir")
    assert (scheme.verification, scheme.verified_on) == ("partiel", None)
    response = admin_client.post(
        "/admin/catalogue/scheme/",
        {"action": "mark_verified", "_selected_action": [scheme.pk]},
        follow=True,
    )
    assert response.status_code == 200
    scheme.refresh_from_db()
    assert scheme.verification == "verifie"
    assert scheme.verified_on == datetime.date.today()
    assert scheme.verified_by == admin_user.get_username()
    assert scheme.last_checked == datetime.date.today().isoformat()
    assert "Marqué comme vérifié" in (scheme.history.first().history_change_reason or "")
    page = admin_client.get(scheme.get_absolute_url()).content.decode()
    assert f"par {admin_user.get_username()}" in page
