"""A database made before the accounts app (commit 4a9db79, a staff member « gerante » with a
password) is upgraded by `leviers migrate`: the person, the password and the content type of
users stay (the same row, adopted by accounts), and the address joins allauth's table so that
the first sign-in by code works.

`data/before_accounts.sql` is that database's `sqlite3 .dump` (its schema and migration
records, one user; permissions left out: `migrate` writes them again)."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

DUMP = Path(__file__).parent / "data" / "before_accounts.sql"


def test_a_database_made_before_accounts_keeps_its_users(tmp_path):
    database = tmp_path / "avant-comptes.sqlite3"
    with sqlite3.connect(database) as connection:
        # The schema's check constraints call REGEXP, which Django gives SQLite connections.
        connection.create_function(
            "REGEXP",
            2,
            lambda pattern, value: value is not None and bool(re.search(pattern, value)),
        )
        connection.executescript(DUMP.read_text(encoding="utf-8"))
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    result = subprocess.run(
        [sys.executable, "-m", "leviers", "migrate", "--no-input"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "les utilisateurs existants sont repris" in result.stdout
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "leviers",
            "shell",
            "-c",
            "from django.contrib.auth import authenticate, get_user_model;"
            "from allauth.account.models import EmailAddress;"
            "from django.contrib.contenttypes.models import ContentType;"
            "user = get_user_model().objects.get(username='gerante');"
            "print(authenticate(username='gerante', password='un mot de passe solide') == user);"
            "print(EmailAddress.objects.get(user=user).email);"
            "print(ContentType.objects.get(model='user', app_label='accounts').pk);"
            "print(ContentType.objects.filter(model='user', app_label='auth').count())",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
    # The users' content type is the old one (4 in the dump: admin history and permissions
    # point to it), adopted by accounts, not a second one beside a stale auth.user.
    assert check.stdout.split()[-4:] == ["True", "gerante@mairie.example", "4", "0"]
