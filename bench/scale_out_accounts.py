"""The signed-in people of bench/scale_out.py (run by it, in the run's environment; not alone).

    python bench/scale_out_accounts.py PEOPLE.json N

Creates N people with a password and a verified address (allauth's table, as after a first
sign-in by code), grouped in organisations of about four, each organisation leading a private
project of a commune with a weekly meeting; writes PEOPLE.json: one {email, password, projects}
per person, the projects being those whose team the person is in. One password hash for all
(hashing costs ~0.3 s each: the sign-in pays it, not the set-up).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
import zoneinfo

PEOPLE_PER_ORGANISATION = 4


def main() -> None:
    target, count = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leviers.settings")
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from leviers.accounts.models import Membership, Organisation, User
    from leviers.meetings.models import Meeting
    from leviers.territories.models import Commune
    from leviers.workspace.models import Project

    password = secrets.token_urlsafe(16)
    hashed = make_password(password)
    communes = list(Commune.objects.order_by("?")[: max(1, count // PEOPLE_PER_ORGANISATION)])
    people = []
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(
                username=f"mesure-{n}",
                email=f"mesure-{n}@mairie.example",
                first_name="Camille",
                last_name=f"Mesure-{n}",
                password=hashed,
            )
            for n in range(count)
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users
        )
        projects = []
        for index, commune in enumerate(communes):
            organisation = Organisation.objects.create(
                name=f"Association de mesure n° {index}", kind="association"
            )
            project = Project.objects.create(
                title=f"Un tiers-lieu à {commune.name}",
                organisation=organisation,
                commune=commune,
                is_public=False,
            )
            Meeting.objects.create(
                project=project,
                title="Réunion du samedi",
                place="Salle des fêtes",
                starts_at=dt.datetime.now(zoneinfo.ZoneInfo("Europe/Paris")).replace(
                    hour=10, minute=0, second=0, microsecond=0
                )
                + dt.timedelta(days=3),
                frequency="hebdomadaire",
            )
            projects.append((organisation, project))
        for n, user in enumerate(users):
            organisation, project = projects[n % len(projects)]
            role = "admin" if n < len(projects) else "membre"
            Membership.objects.create(user=user, organisation=organisation, role=role)
            people.append(
                {"email": user.email, "password": password, "projects": [project.public_id]}
            )
    with open(target, "w") as out:
        json.dump(people, out)


if __name__ == "__main__":
    main()
