"""`python -m leviers.testing.build_databases FOLDER`: the run's two SQLite databases, made in
one process by leviers/testing/database.py (`run_databases`), on the Leviers folder FOLDER:

- `migrated.sqlite3`: every migration and nothing else (beyond what `migrate` writes: content
  types, permissions);
- `loaded.sqlite3`: the same, with the referential and the catalogue shipped with Leviers,
  loaded as `leviers bootstrap` loads them (the same `imported_from`).

Each is a self-contained file (no write-ahead log beside it) that can be copied.
"""

import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

MIGRATED = "migrated.sqlite3"
LOADED = "loaded.sqlite3"


def save_copy(connection, target: Path) -> None:
    """Copy the open SQLite database of `connection` (Django's) into the file `target`."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")


def load_shipped_data() -> None:
    """The referential and the catalogue shipped with Leviers, as `leviers bootstrap` loads
    them (the same `imported_from`)."""
    from leviers.catalogue.content import load_content
    from leviers.core.importing import SHIPPED_WITH_LEVIERS
    from leviers.territories.importers.decoupage import import_referential

    import_referential(progress=False)
    load_content(label=SHIPPED_WITH_LEVIERS)


def main(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leviers.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    save_copy(connection, folder / MIGRATED)
    load_shipped_data()
    save_copy(connection, folder / LOADED)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
