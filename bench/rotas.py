"""The rota pages of a big project: server time of each, as a ratio to the health view.

    .venv/bin/python bench/rotas.py [--databases sqlite,postgres] [--rounds 40]

For each database: a fresh database with the referential, one project of Pommerieux with a
bread sale every day for two years (730 slots, two places each, from a year ago), 60
volunteers filling about 85 % of the places (one of them on every day of a year), and
Ernée's five Friday evenings held by associations. Each page of the rotas app is requested
`--rounds` times by the team's admin through Django's test `Client` (the whole middleware
stack, no network), side by side with `/sante/` (one SELECT 1).
Targets (issue 13): p95 ≤ 150 ms per page; a year's iCalendar feed ≤ 200 ms.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 150.0
TARGET_FEED_MS = 200.0


def _prepare() -> dict[str, str]:
    import random
    from datetime import time as clock
    from datetime import timedelta

    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from leviers.accounts.models import Membership, Organisation, User
    from leviers.rotas import actions
    from leviers.rotas.models import Series, SignUp, Slot, Volunteer
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.workspace.models import Project

    import_referential(progress=False)
    rng = random.Random(13)
    commune = Commune.objects.get(code="53180")
    organisation = Organisation.objects.create(name="Pommerieux", kind="commune", commune=commune)
    user = User.objects.create_user("bench", password="bench", email="bench@example.org")
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    project = Project.objects.create(title="Épicerie", organisation=organisation, commune=commune)
    today = timezone.localdate()
    bread = actions.series_create(
        Series(
            project=project,
            kind="benevoles",
            title="Vente de pain",
            place="Épicerie",
            first_day=today - timedelta(days=365),
            last_day=today + timedelta(days=364),
            weekdays="0123456",
            start_time=clock(7, 30),
            end_time=clock(9),
            capacity=2,
        )
    )
    evenings = actions.series_create(
        Series(
            project=project,
            kind="associations",
            title="Guinguette",
            first_day=today,
            last_day=today + timedelta(days=34),
            weekdays="4",
            start_time=clock(18),
            end_time=clock(23),
            needs_licence=True,
        )
    )
    for i, slot in enumerate(evenings.slots.all()):
        actions.slot_give(slot, name=f"Association {i}")
    volunteers = [Volunteer.objects.create(project=project, name="Bench", user=user)] + [
        Volunteer(project=project, name=f"Bénévole {i}") for i in range(59)
    ]
    Volunteer.objects.bulk_create(volunteers[1:])
    volunteers = list(Volunteer.objects.filter(project=project))
    me = next(v for v in volunteers if v.user_id)
    slots = list(bread.slots.all())
    signups = []
    for day, slot in enumerate(slots):
        people = [me] if slot.starts_at.date() >= today - timedelta(days=1) and day < 730 else []
        people = (people + rng.sample([v for v in volunteers if v != me], 2))[:2]
        if rng.random() < 0.3:
            people = people[:1]
        signups += [SignUp(slot=slot, volunteer=v) for v in people]
    SignUp.objects.bulk_create(signups)
    for slot_id, n in SignUp.objects.values_list("slot").annotate(n=Count("id")):
        Slot.objects.filter(pk=slot_id).update(taken=n)
    token = actions.feed_create(project, user, "personne")
    project_token = actions.feed_create(project, user, "projet")
    slot = bread.slots.filter(starts_at__gte=timezone.now()).first()
    p, s = project.public_id, bread.public_id
    return {
        "sante": "/sante/",
        "liste": f"/projets/{p}/creneaux/",
        "serie": f"/projets/{p}/creneaux/{s}/",
        "serie-passee": f"/projets/{p}/creneaux/{s}/?depuis={today - timedelta(days=200)}",
        "creneau": slot.get_absolute_url(),
        "qui-manque": f"/projets/{p}/creneaux/qui-manque/",
        "agendas": f"/projets/{p}/creneaux/agendas/",
        "creneaux.csv": f"/projets/{p}/creneaux/{s}/creneaux.csv",
        "affiche.pdf": f"/projets/{p}/creneaux/{evenings.public_id}/affiche.pdf",
        "ics-personne": f"/projets/{p}/creneaux/agenda/{token}.ics",
        "ics-projet": f"/projets/{p}/creneaux/agenda/{project_token}.ics",
    }


def child(rounds: int) -> None:
    _support.setup_django()
    paths = _prepare()
    from django.test import Client

    from leviers.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench"))
    times: dict[str, list[float]] = {name: [] for name in paths}
    events = client.get(paths["ics-personne"]).content.count(b"BEGIN:VEVENT")
    for path in paths.values():
        assert client.get(path).status_code == 200, path
    for _ in range(rounds):
        for name, path in paths.items():
            started = time.perf_counter()
            response = client.get(path)
            times[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    result = {name: _support.percentile(values, 95) for name, values in times.items()}
    result["evenements_ics_personne"] = events
    _support.report(result)


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], "sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    if args.child:
        child(args.rounds)
        return
    results = _support.run_each_database(__file__, args, ["--rounds", str(args.rounds)])
    skip = {"wall_s", "evenements_ics_personne"}
    names = [n for n in next(iter(results.values())) if n not in skip]
    events = next(iter(results.values()))["evenements_ics_personne"]
    print(
        f"p95 en ms ({args.rounds} requêtes par page), rapport à /sante/, cible ≤ "
        f"{TARGET_P95_MS:.0f} ms (agendas .ics ≤ {TARGET_FEED_MS:.0f} ms ; l'agenda d'une "
        f"personne compte {events} événements)"
    )
    print(f"{'page':<16}" + "".join(f"{db:>28}" for db in results))
    for name in names:
        target = TARGET_FEED_MS if name.startswith("ics") else TARGET_P95_MS
        cells = []
        for measured in results.values():
            p95, floor = measured[name], measured["sante"]
            cells.append(f"{p95:8.1f} ms ×{p95 / floor:5.1f} {_support.verdict(p95, target):>6}")
        print(f"{name:<16}" + "".join(f"{cell:>28}" for cell in cells))


if __name__ == "__main__":
    main()
