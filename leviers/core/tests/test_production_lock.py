"""requirements/production.txt pins every runtime dependency of pyproject.toml, inside its bounds:
a stale lock (a bound raised in pyproject.toml, `make lock` forgotten) fails here."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]


def pinned() -> dict[str, str]:
    versions = {}
    for line in (ROOT / "requirements" / "production.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")  # an exact pin, or this fails
            versions[canonicalize_name(name)] = version
    return versions


def test_lock_pins_each_runtime_dependency_within_its_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["redis"]
    versions = pinned()
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{requirement.name} n'est pas figé : lancez make lock"
        assert requirement.specifier.contains(versions[name]), (
            f"{requirement.name}=={versions[name]} hors de {requirement.specifier} : make lock"
        )
