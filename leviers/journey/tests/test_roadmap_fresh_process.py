"""A shared roadmap read by a server process that has done nothing else before: what the page
shows must come from the catalogue itself, never from state that some earlier request (or the
test run) happened to fill in the process."""

import os
import subprocess
import sys
import textwrap

from leviers.testing.database import copy_loaded_database, run_root

SETUP = """
import django
django.setup()
from django.core.management import call_command
from leviers.catalogue.profiles import ProfileRequest
from leviers.journey.actions import roadmap_create

call_command("migrate", verbosity=0)
situation = ProfileRequest(commune="53180", answers=("local-vacant-identifie=oui",))
print(roadmap_create(situation, ["cafe-associatif"], [], "").public_token)
"""
SHOW = """
import sys
import django
django.setup()
from django.test import Client

print(Client(HTTP_HOST="localhost").get(f"/projets/feuilles-de-route/{sys.argv[1]}/").content.decode())
"""


def run(script: str, env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_shared_roadmap_of_levers_names_its_questions_in_a_fresh_process(
    request, tmp_path, tmp_path_factory
):
    # The run's database, with the shipped referential and catalogue: SETUP's `migrate` finds
    # nothing left to apply.
    database = copy_loaded_database(run_root(request, tmp_path_factory), tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leviers.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "LEVIERS_VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "PYTHONWARNINGS": "ignore",
    }
    token = run(SETUP, env).strip().splitlines()[-1]
    page = run(SHOW, env, token)  # a new process: nothing has read the catalogue yet
    assert "La commune a-t-elle repéré un local vacant" in page
    assert "<dd>local-vacant-identifie" not in page
