"""The run's SQLite databases, made once per test run and copied wherever a test needs one.

`leviers migrate` on an empty database takes about three seconds (ten before the squashed
migrations of decision 44), most of it Django rendering the models of each migration, whatever
the database; loading the shipped referential and catalogue takes about five more. A run used
to pay the migration in every xdist worker, in the browser tests' site and in the tests that
start Leviers in a fresh process, and the loading in every worker. Now the first process of the
run that needs them runs leviers/testing/build_databases.py on an empty SQLite file, under a
file lock in the run's common temporary folder: it migrates, keeps a copy, loads the shipped
data, keeps a second copy. The others wait for it, then copy a file: the workers load the
loaded one into their in-memory test database (`restore_test_database`), the browser site and
the fresh processes start from a copy of either and run `migrate` on it, which finds nothing
left to apply. PostgreSQL test databases are still created, migrated and loaded by each worker.

Also here, for the tests that run Leviers in processes of their own on a folder (its
`LEVIERS_VAR_DIR`): their production-like environment and `run_leviers`.
"""

import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from leviers.testing import build_databases

SERVER_HOST = "127.0.0.1"
# The SQLite file of a Leviers folder (`LEVIERS_VAR_DIR`) when DATABASE_URL says none.
SITE_DATABASE = "leviers.sqlite3"


def server_environment(var_dir: Path) -> dict[str, str]:
    """Production-like settings for the server process, on its own SQLite file."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        {
            "LEVIERS_VAR_DIR": str(var_dir),
            "STATIC_ROOT": str(var_dir / "static"),
            "DEBUG": "0",
            "ALLOWED_HOSTS": SERVER_HOST,
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def leviers_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "leviers", *args]


def run_leviers(var_dir: Path, *args: str, timeout: float = 300) -> None:
    """Run a `leviers` command on the site in `var_dir`; a failure says what it printed."""
    run_in_folder(var_dir, leviers_command(*args), f"`leviers {' '.join(args)}`", timeout=timeout)


def run_in_folder(var_dir: Path, command: list[str], what: str, *, timeout: float) -> None:
    """Run `command` with the Leviers folder `var_dir`; a failure says what it printed."""
    done = subprocess.run(
        command,
        env=server_environment(var_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(
            f"{what} a échoué (code {done.returncode}) :\n"
            f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
        )


def start_in_folder(var_dir: Path, command: list[str]) -> subprocess.Popen:
    """Start `command` with the Leviers folder `var_dir`, in the background and silent (a
    failure shows in its return code: whoever needs the result again runs it with
    `run_in_folder`, which reports what it printed)."""
    return subprocess.Popen(
        command,
        env=server_environment(var_dir),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_root(request, tmp_path_factory) -> Path:
    """The temporary folder common to every xdist worker of this run (or this session's)."""
    root = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):
        root = root.parent
    return root


def run_databases(root: Path) -> tuple[Path, Path]:
    """The run's migrated database and its copy loaded with the shipped referential and
    catalogue (leviers/testing/build_databases.py), made in one process of their own the first
    time a process of the run asks; the others wait on a file lock, then reuse them as they are."""
    with databases_lock(root).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not databases_built(root):
            folder = _building_folder(root)
            command = _build_command(folder)
            run_in_folder(folder, command, "la préparation des bases de test", timeout=600)
            _keep_built(root, folder)
    return databases_built(root)


def start_building_databases(root: Path) -> Callable[[], None]:
    """Take the lock of the run's databases now and build them in the background, while the
    xdist workers start and collect the tests: a worker that asks for them waits on the lock.
    Returns `stop`, for the end of the run: it ends a build nobody waited for. A build that
    fails leaves nothing: the first worker that asks builds again, and reports the error."""
    lock = databases_lock(root).open("w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    if databases_built(root):
        lock.close()
        return lambda: None
    folder = _building_folder(root)
    process = start_in_folder(folder, _build_command(folder))

    def keep_and_release() -> None:
        try:
            if process.wait() == 0:
                _keep_built(root, folder)
        except OSError:
            pass  # nothing kept: a worker builds again
        finally:
            lock.close()

    waiter = threading.Thread(target=keep_and_release, name="leviers-databases", daemon=True)
    waiter.start()

    def stop() -> None:
        if process.poll() is None:
            process.kill()
        waiter.join()

    return stop


def databases_lock(root: Path) -> Path:
    """The file whose lock the process building the run's databases holds."""
    return root / "leviers-databases.lock"


def _paths(root: Path) -> tuple[Path, Path]:
    """Where the run's (migrated, loaded) databases are kept."""
    return root / "leviers-migrated.sqlite3", root / "leviers-loaded.sqlite3"


def databases_built(root: Path) -> tuple[Path, Path] | None:
    """(migrated, loaded) once both are there."""
    return _paths(root) if _paths(root)[1].exists() else None


def _building_folder(root: Path) -> Path:
    folder = root / "leviers-building"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def _build_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "leviers.testing.build_databases", str(folder)]


def _keep_built(root: Path, folder: Path) -> None:
    """Move the files the build made into place, the loaded one last (its presence says done)."""
    migrated, loaded = _paths(root)
    (folder / build_databases.MIGRATED).rename(migrated)
    (folder / build_databases.LOADED).rename(loaded)
    shutil.rmtree(folder)


def migrated_database(root: Path) -> Path:
    """An SQLite file holding every migration and nothing else (beyond what `migrate` writes:
    content types, permissions)."""
    return run_databases(root)[0]


def loaded_database(root: Path) -> Path:
    """An SQLite file holding every migration, the shipped referential and catalogue."""
    return run_databases(root)[1]


def copy_migrated_database(root: Path, var_dir: Path) -> Path:
    """Put a copy of the run's migrated database in the Leviers folder `var_dir`; its path."""
    return _copy_into(migrated_database(root), var_dir)


def copy_loaded_database(root: Path, var_dir: Path) -> Path:
    """Put a copy of the run's loaded database (the shipped referential and catalogue) in the
    Leviers folder `var_dir`; its path."""
    return _copy_into(loaded_database(root), var_dir)


def _copy_into(database: Path, var_dir: Path) -> Path:
    var_dir.mkdir(parents=True, exist_ok=True)
    target = var_dir / SITE_DATABASE
    shutil.copyfile(database, target)
    return target


def is_sqlite_in_memory(alias: str = "default") -> bool:
    """True when Django would make this alias's test database an in-memory SQLite one."""
    from django.db import connections

    connection = connections[alias]
    return connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.creation._get_test_db_name()
    )


def restore_test_database(source: Path, alias: str = "default", serialize: bool = False):
    """What Django's `create_test_db` does for an in-memory SQLite test database, with
    `migrate` replaced by a copy of the migrated database `source`. Returns the configuration
    that `django.test.utils.teardown_databases` takes, as `setup_databases` does."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    connection.close()
    settings.DATABASES[alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    with closing(sqlite3.connect(source)) as migrated:
        migrated.backup(connection.connection)
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    call_command("createcachetable", database=alias)
    return [(connection, old_name, True)]
