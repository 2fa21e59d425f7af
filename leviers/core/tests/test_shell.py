"""`leviers shell`: automatic imports without the history models nor ambiguous names."""

import io

from django.core.management import call_command


def run(command: str, capsys, verbosity: int = 1, **options) -> str:
    """What the command writes and what the code it runs prints."""
    out = io.StringIO()
    call_command("shell", command=command, verbosity=verbosity, stdout=out, **options)
    return out.getvalue() + capsys.readouterr().out


def test_models_with_a_name_of_their_own_are_imported_and_nothing_is_reported_missing(capsys):
    out = run("print(Scheme.__module__, Commune.__module__, Person.__module__)", capsys)
    assert "leviers.catalogue.models leviers.territories.models leviers.outreach.models" in out
    assert "could not be automatically imported" not in out


def test_a_name_several_apps_give_a_model_is_left_to_import_by_its_path(capsys):
    names = "('Contribution', 'Registration', 'FeedToken')"
    out = run(f"print(sorted(n for n in {names} if n in dir()))", capsys)
    assert "[]" in out.splitlines()
    listed = run("pass", capsys, verbosity=2)
    assert "Non importés, leur nom étant porté par plusieurs modèles" in listed
    for path in (
        "leviers.participation.models.Contribution",
        "leviers.observatory.models.Contribution",
        "leviers.meetings.models.FeedToken",
        "leviers.rotas.models.FeedToken",
    ):
        assert f"  {path}\n" in listed


def test_without_automatic_imports_nothing_is_listed(capsys):
    out = run("print('sans imports')", capsys, verbosity=2, no_imports=True)
    assert "sans imports" in out and "Non importés" not in out
