"""The squashed migrations (decision 44) and the migrations they replace build the same database.

A new database runs the squashed ones; an installation that stopped part-way through the old
history runs the rest of it (Django uses a squashed migration only where none of the migrations
it replaces has been applied). Both must end with the same tables, columns (in order), indexes,
constraints (names included) and migration records, on the database of the run: SQLite, or
PostgreSQL when DATABASE_URL names one (two databases of its own there, dropped at the end).
"""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.db import connection

from leviers.testing.database import copy_migrated_database, run_root

# Where the old history stops: part-way for the first six apps; services and training have
# their one old migration (the new database has the one written again). clubs, outreach, rotas
# and funding are left untouched, so that the last `migrate` runs their squashed migration on
# top of the old migrations that it depends on (accounts, workspace, services).
STOPS = [
    "accounts.0003_memberships_invitations_networks",
    "catalogue.0002_experience_in_a_department",
    "workspace.0002_activity",
    "meetings.0001_meetings_copil_decisions",
    "participation.0002_proposal_decision",
    "observatory.0003_contribution",
    "services.0001_directory",
    "training.0001_initial",
]

SCHEMA = """
import json
import django
django.setup()
from django.db import connection

schema = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        columns = [
            [c.name, str(c.type_code), c.internal_size, c.precision, c.scale, c.null_ok]
            for c in connection.introspection.get_table_description(cursor, table)
        ]
        constraints = sorted(
            [name, c["columns"], c["primary_key"], c["unique"], c["foreign_key"], c["check"],
             c["index"], c.get("type")]
            for name, c in connection.introspection.get_constraints(cursor, table).items()
        )
        schema[table] = {"columns": columns, "constraints": constraints}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations = [list(row) for row in cursor.fetchall()]
print(json.dumps({"tables": schema, "migrations": migrations}, default=list))
"""

OLD_HISTORY_UP_TO_THE_STOPS = """
import sys
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

executor = MigrationExecutor(connection)
# Without the replacements, the graph holds the old migrations as they were (the squashed
# ones stand beside them, outside this plan).
executor.loader = MigrationLoader(connection, replace_migrations=False)
executor.migrate([tuple(stop.split(".")) for stop in sys.argv[1:]])
"""


def run(database_url: str, *arguments: str) -> str:
    """`python ARGUMENTS` in a process of its own, on the database at `database_url`."""
    done = subprocess.run(
        [sys.executable, *arguments],
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "leviers.settings",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def migrate(database_url: str) -> str:
    return run(database_url, "-m", "leviers", "migrate", "--no-input", "-v1")


@pytest.fixture
def databases(request, tmp_path, tmp_path_factory):
    """(fresh, stopped): a database with every migration, and an empty one."""
    if connection.vendor == "sqlite":
        fresh = copy_migrated_database(run_root(request, tmp_path_factory), tmp_path / "neuve")
        yield f"sqlite:///{fresh}", f"sqlite:///{tmp_path / 'ancienne.sqlite3'}"
        return
    psycopg = pytest.importorskip("psycopg")
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = [f"leviers_squash_{role}_{uuid.uuid4().hex[:10]}" for role in ("neuve", "ancienne")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            fresh, stopped = (f"{server}/{name}" for name in names)
            migrate(fresh)
            yield fresh, stopped
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_installation_stopped_in_the_old_history_ends_with_the_schema_of_a_new_one(databases):
    fresh, stopped = databases
    run(stopped, "-c", OLD_HISTORY_UP_TO_THE_STOPS, *STOPS)
    applying = migrate(stopped)
    # The rest of the old history for the apps stopped part-way...
    assert "Applying accounts.0004_email_addresses_of_existing_users... OK" in applying
    assert "Applying observatory.0004_ess_share_over_employers... OK" in applying
    assert "squashed" not in "".join(line for line in applying.splitlines() if "accounts." in line)
    # ...and the squashed migration of the apps left untouched.
    assert "Applying clubs.0001_squashed_0003_example_club_wording... OK" in applying
    assert "Applying rotas.0001_squashed_0002_swap_withdrawn... OK" in applying
    assert "Applying funding.0001_squashed_0001_funding_plan... OK" in applying
    assert "services." not in applying and "training." not in applying

    new, upgraded = json.loads(run(fresh, "-c", SCHEMA)), json.loads(run(stopped, "-c", SCHEMA))
    assert upgraded["migrations"] == new["migrations"]
    assert list(upgraded["tables"]) == list(new["tables"])
    for table, described in new["tables"].items():
        assert upgraded["tables"][table] == described, table
