"""`migrate`, which first adopts the users of a database made before the accounts app.

Such a database has Django's `auth_user` table and the record of `auth.0001_initial`.
`accounts.0001_initial` describes that very table (accounts.User keeps it), so it is recorded
as applied instead of run; the later accounts migrations then change it like any other.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder


def adopt_legacy_users(connection) -> bool:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    if ("accounts", "0001_initial") in applied or ("auth", "0001_initial") not in applied:
        return False
    if "auth_user" not in connection.introspection.table_names():
        return False
    recorder.record_applied("accounts", "0001_initial")
    return True


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if adopt_legacy_users(connections[options["database"]]) and options["verbosity"]:
            self.stdout.write("Comptes : les utilisateurs existants sont repris (auth_user).")
        return super().handle(*args, **options)
