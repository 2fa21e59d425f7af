"""The meetings pages of a big project: server time of each, as a ratio to the health view.

    .venv/bin/python bench/meetings.py [--databases sqlite,postgres] [--rounds 40]

For each database: a fresh database with the referential, one project of Pommerieux with
200 meetings (150 one-off over two years, each with its sitting, ten named attendees and a
decision; 50 recurring, weekly or monthly, some « sauf en août »), 40 copil members. Each page
of the meetings app is requested `--rounds` times by its team's admin through Django's test
`Client` (the whole middleware stack, no network), side by side with `/sante/` (one SELECT 1).
Target (issue 12): p95 ≤ 150 ms per page.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 150.0


def _prepare() -> dict[str, str]:
    import random
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from leviers.accounts.models import Membership, Organisation, User
    from leviers.meetings.models import Attendee, CommitteeMember, Decision, Meeting, Sitting
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.workspace.models import Project

    import_referential(progress=False)
    rng = random.Random(12)
    paris = ZoneInfo("Europe/Paris")
    commune = Commune.objects.get(code="53180")
    organisation = Organisation.objects.create(name="Pommerieux", kind="commune", commune=commune)
    user = User.objects.create_user("bench", password="bench")
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    project = Project.objects.create(title="Guinguette", organisation=organisation, commune=commune)
    colleges = ["elus", "associations", "artisans", "agriculteurs", "habitants", "partenaires"]
    members = CommitteeMember.objects.bulk_create(
        CommitteeMember(project=project, college=colleges[i % 6], name=f"Membre {i}")
        for i in range(40)
    )
    start = datetime(2025, 1, 4, 10, tzinfo=paris)
    one_offs = Meeting.objects.bulk_create(
        Meeting(
            project=project,
            title=f"Réunion {i}",
            place="Salle des fêtes",
            starts_at=start + timedelta(days=5 * i),
            kind=rng.choice(["publique", "copil", "atelier"]),
        )
        for i in range(150)
    )
    Meeting.objects.bulk_create(
        Meeting(
            project=project,
            title=f"Série {i}",
            place="Mairie",
            starts_at=start + timedelta(days=i),
            frequency=rng.choice(["hebdomadaire", "mensuelle", "bimensuelle"]),
            skipped_months=[8] if i % 2 else [],
            registration=True,
        )
        for i in range(50)
    )
    sittings = Sitting.objects.bulk_create(
        Sitting(meeting=m, held_on=m.starts_at.astimezone(paris).date(), headcount=15)
        for m in one_offs
    )
    Attendee.objects.bulk_create(
        Attendee(sitting=s, name=f"Personne {j}", member=members[j] if j < 5 else None)
        for s in sittings
        for j in range(10)
    )
    Decision.objects.bulk_create(
        Decision(
            project=project,
            title=f"Décision {i}",
            decided_on=s.held_on,
            body="copil",
            method="consensus",
            sitting=s,
        )
        for i, s in enumerate(sittings)
    )
    meeting = Meeting.objects.filter(project=project, frequency="hebdomadaire").first()
    sitting = sittings[-1]
    p, m = project.public_id, meeting.public_id
    return {
        "sante": "/sante/",
        "liste": f"/projets/{p}/reunions/",
        "reunion": f"/projets/{p}/reunions/{m}/",
        "seance": f"/projets/{p}/reunions/{sitting.meeting.public_id}/seances/{sitting.public_id}/",
        "copil": f"/projets/{p}/copil/",
        "decisions": f"/projets/{p}/decisions/",
        "agenda.ics": f"/projets/{p}/reunions/agenda.ics",
        "presences.csv": f"/projets/{p}/reunions/presences.csv",
        "nouvelle": f"/projets/{p}/reunions/nouvelle/",
    }


def child(rounds: int) -> None:
    _support.setup_django()
    paths = _prepare()
    from django.test import Client

    from leviers.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench"))
    times: dict[str, list[float]] = {name: [] for name in paths}
    for path in paths.values():
        assert client.get(path).status_code == 200, path
    for _ in range(rounds):
        for name, path in paths.items():
            started = time.perf_counter()
            response = client.get(path)
            times[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    _support.report({name: _support.percentile(values, 95) for name, values in times.items()})


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], "sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    if args.child:
        child(args.rounds)
        return
    results = _support.run_each_database(__file__, args, ["--rounds", str(args.rounds)])
    names = [n for n in next(iter(results.values())) if n != "wall_s"]
    print(
        f"p95 en ms ({args.rounds} requêtes par page), rapport à /sante/, "
        f"cible ≤ {TARGET_P95_MS:.0f} ms"
    )
    print(f"{'page':<16}" + "".join(f"{db:>28}" for db in results))
    for name in names:
        cells = []
        for measured in results.values():
            p95, floor = measured[name], measured["sante"]
            cells.append(
                f"{p95:8.1f} ms ×{p95 / floor:5.1f} {_support.verdict(p95, TARGET_P95_MS):>6}"
            )
        print(f"{name:<16}" + "".join(f"{cell:>28}" for cell in cells))


if __name__ == "__main__":
    main()
