"""The ladder of apps: each app imports only apps below it, templates included.

    core ← territories ← {catalogue, observatory, accounts, services, screening}
        ← {journey, outreach} ← workspace ← {meetings, rotas, funding, clubs}
        ← {participation, training} ← api

Read from the code, not declared: every Python import of `leviers.<app>` (inside functions
too), every template name written in Python ("observatory/_summary.html"), and every
`{% load %}`, `{% include "…" %}` and `{% extends "…" %}` of the templates. Apps on one rung
do not know each other either. Tests follow the same rule: they may use the test support of
their own app, of the apps below, and `leviers.testing`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LEVIERS = Path(__file__).resolve().parents[2]

RUNGS = {
    "core": 0,
    "territories": 1,
    "catalogue": 2,
    "observatory": 2,
    "accounts": 2,
    "services": 2,
    "screening": 2,
    "journey": 3,
    "outreach": 3,
    "workspace": 4,
    "meetings": 5,
    "rotas": 5,
    "funding": 5,
    "clubs": 5,
    "participation": 6,
    "training": 6,
    "api": 7,
}

# A template name as Python writes it ("observatory/_summary.html"); not a file path.
TEMPLATE_NAME = re.compile(r"^([\w-]+)/(?!.*templates/)[\w./-]+\.(?:html|txt|xml|svg)$")
TEMPLATE_TAG = re.compile(r"{%\s*(load|include|extends)\s+(.*?)\s*%}", re.S)


@dataclass(frozen=True)
class Use:
    """`app` is used from line `line` of `path`, as `what` says."""

    path: Path
    line: int
    app: str
    what: str


def python_uses(path: Path, folders: dict[str, str]) -> Iterator[Use]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            # `from leviers import journey` names the app in the imported names.
            if node.module == "leviers":
                modules = [f"leviers.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if (match := TEMPLATE_NAME.match(node.value)) and match.group(1) in folders:
                yield Use(path, node.lineno, folders[match.group(1)], f'template "{node.value}"')
            continue
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "leviers" and len(parts) > 1 and parts[1] in RUNGS:
                yield Use(path, node.lineno, parts[1], f"import {module}")


def template_uses(path: Path, libraries: dict[str, str], folders: dict[str, str]) -> Iterator[Use]:
    text = path.read_text(encoding="utf-8")
    for match in TEMPLATE_TAG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        tag, argument = match.groups()
        if tag == "load":
            words = argument.split()
            names = words[words.index("from") + 1 :] if "from" in words else words
            for name in names:
                if name in libraries:
                    yield Use(path, line, libraries[name], f"{{% load {name} %}}")
            continue
        quoted = re.match(r"""^["']([^"']+)["']""", argument)
        if not quoted:
            continue  # a template chosen at run time: its name is written elsewhere
        name = quoted.group(1)
        folder = name.split("/", 1)[0]
        if "/" in name and folder in folders:
            yield Use(path, line, folders[folder], f'{{% {tag} "{name}" %}}')


# Crossings that parallel work removes, each with its reason: (file, module) → why. Nothing else
# is allowed, and an entry no longer needed fails the ladder test too.
ALLOWED: dict[tuple[str, str], str] = {}


def violations(root: Path, allowed: dict | None = None) -> list[str]:
    """Every use, in the apps under `root`, of an app on the same rung or a higher one."""
    apps = {app: root / app for app in RUNGS if (root / app).is_dir()}
    libraries = {
        module.stem: app
        for app, folder in apps.items()
        for module in (folder / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }
    folders = {
        sub.name: app
        for app, folder in apps.items()
        for sub in (folder / "templates").glob("*")
        if sub.is_dir()
    }
    found, allowed_used = [], set()
    for app, folder in apps.items():
        uses: list[Use] = []
        for path in sorted(folder.rglob("*.py")):
            uses += python_uses(path, folders)
        for path in sorted((folder / "templates").rglob("*")):
            if path.is_file():
                uses += template_uses(path, libraries, folders)
        for use in uses:
            if use.app == app:
                continue
            relative = use.path.relative_to(root.parent).as_posix()
            if allowed is not None and (relative, use.what) in allowed:
                allowed_used.add((relative, use.what))
                continue
            where = f"{relative}:{use.line}"
            if RUNGS[use.app] > RUNGS[app]:
                found.append(
                    f"{where}: {use.what} climbs from {app} (rung {RUNGS[app]}) up to "
                    f"{use.app} (rung {RUNGS[use.app]}); an app uses only the apps below it"
                )
            elif RUNGS[use.app] == RUNGS[app]:
                found.append(
                    f"{where}: {use.what} goes sideways from {app} to {use.app}, both on rung "
                    f"{RUNGS[app]}; apps on one rung do not know each other"
                )
    if allowed is not None:
        for path, what in sorted(set(allowed) - allowed_used):
            found.append(f"{path}: no longer does {what}: remove it from ALLOWED")
    return found


def test_every_app_uses_only_the_apps_below_it():
    found = violations(LEVIERS, ALLOWED)
    assert not found, "\n".join(found)


# --- The check itself, on a fake tree -----------------------------------------------------------


def write(root: Path, name: str, text: str = "") -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def fake_tree(tmp_path: Path) -> Path:
    root = tmp_path / "leviers"
    write(root, "core/models.py", "from django.db import models\n")
    write(root, "core/templates/core/base.html", "<main>{% block content %}{% endblock %}</main>")
    write(root, "territories/models.py", "from leviers.core.models import Dataset\n")
    write(root, "catalogue/models.py", "from leviers.territories.models import Commune\n")
    write(root, "observatory/templatetags/observatory.py")
    write(root, "observatory/templates/observatory/_summary.html")
    write(root, "journey/templatetags/journey.py")
    write(root, "journey/templates/journey/home.html", '{% extends "core/base.html" %}')
    write(root, "journey/views.py", "from leviers.catalogue.models import Experience\n")
    return root


def test_a_tree_that_keeps_to_the_ladder_passes(tmp_path):
    assert violations(fake_tree(tmp_path)) == []


def test_an_import_upward_inside_a_function_names_file_line_and_rungs(tmp_path):
    root = fake_tree(tmp_path)
    write(root, "core/views.py", "def home(request):\n    from leviers.journey import pages\n")
    [found] = violations(root)
    assert found.startswith("leviers/core/views.py:2: import leviers.journey climbs")
    assert "from core (rung 0) up to journey (rung 3)" in found


def test_from_leviers_import_an_app_is_an_import_of_that_app(tmp_path):
    root = fake_tree(tmp_path)
    write(root, "territories/views.py", "from leviers import catalogue\n")
    [found] = violations(root)
    assert "leviers/territories/views.py:1" in found and "up to catalogue (rung 2)" in found


def test_apps_on_one_rung_must_not_import_each_other(tmp_path):
    root = fake_tree(tmp_path)
    write(root, "catalogue/views.py", "import leviers.observatory.indicators\n")
    [found] = violations(root)
    assert "sideways from catalogue to observatory, both on rung 2" in found


def test_a_template_loading_a_tag_library_from_above_is_caught(tmp_path):
    root = fake_tree(tmp_path)
    write(
        root, "territories/templates/territories/commune.html", "<h1>x</h1>\n{% load observatory %}"
    )
    [found] = violations(root)
    assert found.startswith(
        "leviers/territories/templates/territories/commune.html:2: {% load observatory %}"
    )
    assert "up to observatory (rung 2)" in found


def test_a_template_including_or_extending_one_from_above_is_caught(tmp_path):
    root = fake_tree(tmp_path)
    write(
        root,
        "observatory/templates/observatory/contribute.html",
        '{% extends "journey/home.html" %}\n{% include "journey/home.html" with x=1 %}',
    )
    found = violations(root)
    where = "leviers/observatory/templates/observatory/contribute.html"
    assert [f.split(" climbs")[0] for f in found] == [
        f'{where}:1: {{% extends "journey/home.html" %}}',
        f'{where}:2: {{% include "journey/home.html" %}}',
    ]


def test_a_template_named_in_python_counts_as_a_use_of_its_app(tmp_path):
    root = fake_tree(tmp_path)
    write(
        root,
        "core/views.py",
        'def home(request):\n    return render(request, "journey/home.html")\n',
    )
    [found] = violations(root)
    assert 'leviers/core/views.py:2: template "journey/home.html" climbs' in found


def test_tests_may_use_the_test_support_of_apps_below_but_not_above(tmp_path):
    root = fake_tree(tmp_path)
    write(root, "journey/tests/test_pages.py", "from leviers.territories.tests.conftest import x\n")
    write(root, "core/tests/test_browser.py", "from leviers.observatory.tests.conftest import y\n")
    [found] = violations(root)
    assert found.startswith("leviers/core/tests/test_browser.py:1")


def test_an_allowed_crossing_passes_and_a_stale_allowance_fails(tmp_path):
    root = fake_tree(tmp_path)
    write(root, "core/tests/test_browser.py", "from leviers.observatory import synthetic\n")
    allowed = {("leviers/core/tests/test_browser.py", "import leviers.observatory"): "why"}
    assert violations(root, allowed) == []
    write(root, "core/tests/test_browser.py", "")
    [found] = violations(root, allowed)
    assert "no longer does import leviers.observatory: remove it from ALLOWED" in found
