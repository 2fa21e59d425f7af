"""deploy/sauvegarde.sh and deploy/restauration.sh on a real PostgreSQL server.

Skipped, with the reason, where pg_dump/pg_restore or the server are missing. The server is
LEVIERS_TEST_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres by default); the test
creates two databases of its own and drops them.
"""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from leviers.core.tests.environment import start

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
SERVER = os.environ.get("LEVIERS_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")

FILL = """
import django
django.setup()
from django.core.management import call_command
from django.utils import timezone
from leviers.core.models import Dataset

call_command("migrate", verbosity=0)
for key, label in [("mairies", "Annuaire des mairies"), ("pvd", "Petites villes de demain")]:
    Dataset.objects.create(
        key=key, label=label, producer="ANCT", vintage="2025", licence="Licence Ouverte 2.0",
        source_url="https://www.data.gouv.fr/", imported_from=f"/données/{key}.csv",
        imported_at=timezone.now(), created=3, rejected=1,
    )
"""


@pytest.fixture
def server():
    psycopg = pytest.importorskip("psycopg")
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} est absent de cette machine : sauvegarde non testée.")
    try:
        connection = psycopg.connect(SERVER, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"Pas de serveur PostgreSQL à {SERVER} : {error}")
    created = []

    def create_database(role):
        name = f"leviers_{role}_{uuid.uuid4().hex[:10]}"
        connection.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return SERVER.rsplit("/", 1)[0] + "/" + name

    yield connection, create_database
    for name in created:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def rows(url):
    import psycopg

    with psycopg.connect(url) as connection:
        datasets = connection.execute(
            "SELECT id, key, label, vintage, imported_from, imported_at, created, rejected "
            "FROM core_dataset ORDER BY key"
        ).fetchall()
        migrations = connection.execute(
            "SELECT app, name FROM django_migrations ORDER BY app, name"
        ).fetchall()
        sequence = connection.execute("SELECT last_value FROM core_dataset_id_seq").fetchone()
    return datasets, migrations, sequence


def test_backup_restores_into_a_fresh_database_with_the_same_rows(server, tmp_path):
    _connection, create_database = server
    source = create_database("sauvegarde")
    filled = start(tmp_path, FILL, DJANGO_SETTINGS_MODULE="leviers.settings", DATABASE_URL=source)
    assert filled.returncode == 0, filled.stderr
    before = rows(source)
    assert len(before[0]) == 2

    backup = subprocess.run(
        [DEPLOY / "sauvegarde.sh", source, tmp_path / "sauvegardes"],
        capture_output=True,
        text=True,
    )
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    assert dump.parent == tmp_path / "sauvegardes" and dump.stat().st_size > 0

    target = create_database("restauration")
    restore = subprocess.run(
        [DEPLOY / "restauration.sh", dump, target], capture_output=True, text=True
    )
    assert restore.returncode == 0, restore.stderr
    assert rows(target) == before


def test_restoring_a_missing_file_changes_nothing_and_says_so(tmp_path):
    result = subprocess.run(
        [DEPLOY / "restauration.sh", tmp_path / "absent.dump", "postgres://x@127.0.0.1/x"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "fichier de sauvegarde lisible" in result.stderr


def test_backup_archives_the_uploaded_files_of_media_root(server, tmp_path):
    import tarfile

    _connection, create_database = server
    source = create_database("fichiers")
    media = tmp_path / "media" / "clubs"
    media.mkdir(parents=True)
    (media / "abc.pdf").write_bytes(b"%PDF-1.4\n")
    backup = subprocess.run(
        [DEPLOY / "sauvegarde.sh", source, tmp_path / "sauvegardes"],
        capture_output=True,
        text=True,
        env=os.environ | {"MEDIA_ROOT": str(tmp_path / "media")},
    )
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    archive = dump.parent / dump.name.replace("leviers-", "leviers-fichiers-").replace(
        ".dump", ".tar.gz"
    )
    with tarfile.open(archive) as tar:
        assert "./clubs/abc.pdf" in tar.getnames()
