"""A big project's pages (workspace, meetings, participation): server time of each, side by
side with the health view.

    .venv/bin/python bench/workspace.py [--databases sqlite,postgres] [--rounds 30]

For each database: a fresh database with the referential, and one project of Pommerieux as a
busy rural project would have after two years (issue 12):

- 5,000 contributions over eighteen months, of every provenance (online, door to door over 60
  streets and hamlets, paper, meeting, phone), typed by the team or by 300 inhabitants, 8 %
  waiting for moderation and 4 % hidden, 20 tags (0 to 3 each), 40 groups;
- 60 proposals drawn from them, 3,000 supports, some answered with a decision;
- 200 meetings: 150 one-off (from eighteen months ago to three months ahead) and 50 recurring
  (weekly, fortnightly or monthly, some « sauf en août »), 150 sittings with ten named
  attendees each; 40 copil members over six colleges; 150 decisions;
- 3 partner organisations, a team of 12, 400 activities, a stage history.

Every URL of the `workspace`, `meetings` and `participation` namespaces is found in the URL
resolver and requested with GET, `--rounds` times, by the project's admin through Django's
test `Client` (the whole middleware stack, no network; downloads read to their end),
interleaved with `/sante/` (one `SELECT 1`): the ratio of p95s is what to compare between
machines. The pages an anonymous visitor may read are measured for them too (« anonyme »).
URLs that only take POST are listed, not measured. On PostgreSQL the tables are analysed once
built, as autovacuum would do in production. The number of queries of each page is
counted once (Django's `CaptureQueriesContext`). Once the data is built, the child freezes
what it holds out of the garbage collector's full collections, as the server does when it is
ready (`leviers/wsgi.py`, `core/memory.py`, decision 37): without it, a full collection walks
the whole process (some 160,000 objects here, 140,000 in a fresh worker, 60 ms of CPU) every
few CSV downloads, the p95 of `participation:csv` was twice its p50. `--no-freeze` measures
without, the column « GC » counts the full collections during the requests of each page
(`_support.GcPauses`). Target (issue 12): p95 ≤ 150 ms per page;
the council report PDF, a download made on demand (fpdf2 embeds its font), and the CSV
downloads are given against the same target.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 150.0
NAMESPACES = ("workspace", "meetings", "participation")
FLOOR = "/sante/"
# Extra views of a page worth measuring apart (a filter, a page far down a list).
VARIANTS = {
    "participation:moderation": ["?etat=a-moderer", "?page=50"],
    "participation:contributions": ["?page=80", "?etiquette=marché"],
    "participation:campaign": ["?provenance=toutes"],
    "workspace:partners": ["?q=asso"],
}


# --- The data --------------------------------------------------------------------------------


def _prepare() -> dict[str, str]:
    """Migrate, load the referential, build the project; the values of the URL parameters."""
    import random
    from datetime import datetime, time, timedelta

    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from leviers.accounts.models import Membership, Organisation, User
    from leviers.meetings.models import (
        Attendee,
        CommitteeMember,
        Decision,
        Meeting,
        Registration,
        Sitting,
    )
    from leviers.meetings.recurrence import PARIS
    from leviers.participation.models import (
        Contribution,
        ContributionGroup,
        Proposal,
        Support,
        Tag,
    )
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.workspace.models import Activity, Partner, Project, StageChange, TeamRole

    import_referential(progress=False)
    rng = random.Random(12)
    now = timezone.now()
    today = timezone.localdate()
    commune = Commune.objects.get(code="53180")
    organisation = Organisation.objects.create(name="Pommerieux", kind="commune", commune=commune)
    admin = User.objects.create_user(
        "bench", password="bench", first_name="Jeanne", last_name="Martin"
    )
    Membership.objects.create(user=admin, organisation=organisation, role="admin")
    team = [admin]
    for i in range(11):
        person = User.objects.create_user(f"equipe{i}", first_name="Agent", last_name=f"N{i}")
        Membership.objects.create(
            user=person, organisation=organisation, role=["membre", "animateur"][i % 2]
        )
        team.append(person)
    project = Project.objects.create(
        title="Guinguette de Pommerieux",
        description="Rouvrir le café du bourg avec ses habitants.",
        organisation=organisation,
        commune=commune,
        stage="montage",
        anonymous_contributions=True,
    )
    for i, name in enumerate(["Association Les Amis du bourg", "Scic Mayenne", "Asso Culture"]):
        partner = Organisation.objects.create(name=name, kind="association")
        Partner.objects.create(
            project=project, organisation=partner, role=["copilote", "partenaire"][i % 2]
        )
    Organisation.objects.bulk_create(
        Organisation(name=f"Association {i}", kind="association") for i in range(200)
    )
    TeamRole.objects.bulk_create(
        TeamRole(project=project, user=person, function=f"Fonction {i}")
        for i, person in enumerate(team[:6])
    )
    StageChange.objects.bulk_create(
        StageChange(project=project, from_stage=a, to_stage=b, changed_by=admin)
        for a, b in [("idee", "etude"), ("etude", "montage")]
    )
    kinds = ["project", "contribution", "proposal", "meeting", "decision", "copil"]
    Activity.objects.bulk_create(
        Activity(
            project=project,
            kind=kinds[i % 6],
            text=f"Activité {i}",
            url=f"/projets/{project.public_id}/",
            actor=team[i % len(team)],
            created_at=now - timedelta(hours=3 * i),
        )
        for i in range(400)
    )

    # Contributions.
    inhabitants = User.objects.bulk_create(User(username=f"habitant{i}") for i in range(300))
    tags = Tag.objects.bulk_create(
        Tag(project=project, name=name)
        for name in ["marché", "horaires", "jeunes", "aînés", "parking", "concerts", "repas"]
        + [f"thème {i}" for i in range(13)]
    )
    groups = ContributionGroup.objects.bulk_create(
        ContributionGroup(project=project, title=f"Regroupement {i}") for i in range(40)
    )
    places = [f"Rue {i}" for i in range(40)] + [f"Hameau {i}" for i in range(20)]
    channels = ["en-ligne"] * 4 + ["porte-a-porte"] * 4 + ["papier", "reunion", "telephone"]
    contributions = []
    for i in range(5000):
        channel = rng.choice(channels)
        online = channel == "en-ligne"
        wants = rng.random() < 0.2
        roll = rng.random()
        contributions.append(
            Contribution(
                project=project,
                kind=rng.choice(["idee", "besoin", "remarque"]),
                text=f"Contribution {i} : "
                + "un café ouvert le dimanche matin. " * rng.randint(1, 6),
                channel=channel,
                author=rng.choice(inhabitants) if online and rng.random() < 0.7 else None,
                author_name=f"Habitant {i}" if rng.random() < 0.3 else "",
                recorded_by=None if online else rng.choice(team),
                collector="" if online else f"Agent N{i % 11}",
                place="" if online and rng.random() < 0.8 else rng.choice(places),
                collected_on=today - timedelta(days=rng.randint(0, 540)),
                wants_contact=wants,
                contact=f"habitant{i}@example.org" if wants else "",
                status="a-moderer" if roll < 0.08 else "masquee" if roll < 0.12 else "publiee",
                group=rng.choice(groups) if rng.random() < 0.3 else None,
            )
        )
    contributions = Contribution.objects.bulk_create(contributions, batch_size=500)
    Through = Contribution.tags.through
    Through.objects.bulk_create(
        (
            Through(contribution_id=c.pk, tag_id=t.pk)
            for c in contributions
            for t in rng.sample(tags, rng.randint(0, 3))
        ),
        batch_size=2000,
    )

    # The copil, meetings, sittings, decisions.
    colleges = ["elus", "associations", "artisans", "agriculteurs", "habitants", "partenaires"]
    members = CommitteeMember.objects.bulk_create(
        CommitteeMember(
            project=project,
            college=colleges[i % 6],
            name=f"Membre {i}",
            quality="adjointe au maire" if i % 6 == 0 else "",
            organisation=organisation if i % 6 == 0 else None,
            user=team[i] if i < len(team) else None,
            is_active=i < 36,
        )
        for i in range(40)
    )
    first = datetime.combine(today - timedelta(days=540), time(20), PARIS)
    one_offs = Meeting.objects.bulk_create(
        Meeting(
            project=project,
            title=f"Réunion {i}",
            place="Salle des fêtes",
            starts_at=first + timedelta(days=4 * i),  # the last ones three months ahead
            kind=rng.choice(["publique", "copil", "atelier", "equipe"]),
            is_public=i % 5 != 0,
            agenda="Point d'étape, budget, suite du porte-à-porte.",
        )
        for i in range(150)
    )
    series = Meeting.objects.bulk_create(
        Meeting(
            project=project,
            title=f"Série {i}",
            place="Mairie",
            starts_at=datetime.combine(today - timedelta(days=400 - 3 * i), time(10), PARIS),
            frequency=["hebdomadaire", "mensuelle", "bimensuelle"][i % 3],
            until=today + timedelta(days=200) if i % 4 == 0 else None,
            skipped_months=[8] if i % 2 else [],
            cancelled_dates=[(today + timedelta(days=7 * k)).isoformat() for k in range(i % 3)],
            registration=i % 2 == 0,
            capacity=30 if i % 4 == 0 else None,
        )
        for i in range(50)
    )
    weekly = series[0]  # hebdomadaire, registration, the page measured for a series
    past = [m for m in one_offs if m.starts_at < now]
    held = past[-140:]
    sittings = Sitting.objects.bulk_create(
        [
            Sitting(meeting=m, held_on=m.starts_at.astimezone(PARIS).date(), headcount=15)
            for m in held
        ]
        + [
            Sitting(meeting=weekly, held_on=d.date(), minutes="Compte rendu.")
            for d in weekly.recurrence.between(now - timedelta(days=75), now)[-10:]
        ]
    )
    Attendee.objects.bulk_create(
        Attendee(
            sitting=s,
            name=f"Personne {j}",
            member=members[(j * 7 + k) % 40] if j < 5 else None,
            user=inhabitants[j] if j in (5, 6) else None,
        )
        for k, s in enumerate(sittings)
        for j in range(10)
    )
    methods = ["consensus", "vote", "deliberation"]
    decisions = Decision.objects.bulk_create(
        Decision(
            project=project,
            title=f"Décision {i}",
            decided_on=s.held_on,
            body=["copil", "conseil-municipal", "reunion-publique"][i % 3],
            method=methods[i % 3],
            votes_for=9 if i % 3 == 1 else None,
            votes_against=2 if i % 3 == 1 else None,
            deliberation_number=f"2025-{i:03d}" if i % 3 == 2 else "",
            sitting=s,
            recorded_by=admin,
        )
        for i, s in enumerate(sittings)
    )
    Registration.objects.bulk_create(
        Registration(meeting=weekly, user=u, occurs_on=o.day)
        for o in weekly.occurrences(now, 3)
        for u in inhabitants[:20]
    )

    # Proposals and their supports.
    proposals = Proposal.objects.bulk_create(
        Proposal(
            project=project,
            title=f"Proposition {i}",
            text="Ouvrir le dimanche matin.",
            status=["ouverte", "a-l-etude", "retenue", "non-retenue"][i % 4],
            paper_supports=rng.randint(0, 40),
            decision=decisions[i] if i % 4 >= 2 else None,
            answer="Retenue par le conseil." if i % 4 >= 2 else "",
            answered_at=now if i % 4 >= 2 else None,
            created_by=admin,
        )
        for i in range(60)
    )
    Origin = Proposal.contributions.through
    Origin.objects.bulk_create(
        Origin(proposal_id=p.pk, contribution_id=c.pk)
        for p in proposals
        for c in rng.sample(contributions, 8)
    )
    Support.objects.bulk_create(
        Support(proposal=p, user=u) for p in proposals for u in rng.sample(inhabitants, 50)
    )
    # PostgreSQL's autovacuum would have analysed these tables within a minute of the load; a
    # bench measuring at once would see a planner without statistics (5,000 contributions taken
    # for one, nested loops: the tag filter of the list took 34 ms instead of 2).
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    decision = decisions[-1]
    proposal = proposals[-1]
    return {
        "public_id": project.public_id,
        "meeting_id": weekly.public_id,
        "sitting_id": sittings[-1].public_id,
        "member_id": members[0].public_id,
        "decision_id": decision.public_id,
        "proposal_id": proposal.public_id,
        "contribution_id": contributions[0].public_id,
        "organisation_id": Partner.objects.filter(project=project).first().organisation.public_id,
    }


def pages(values: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """{name: path} of every URL of NAMESPACES (and its variants), from the URL resolver; and
    the names needing a parameter the bench does not know."""
    from django.urls import get_resolver, reverse

    found, unknown = {}, []
    resolver = get_resolver()
    for namespace in NAMESPACES:
        _prefix, sub = resolver.namespace_dict[namespace]
        for pattern in sub.url_patterns:
            name = f"{namespace}:{pattern.name}"
            params = list(pattern.pattern.converters)
            if any(p not in values for p in params):
                unknown.append(name)
                continue
            path = reverse(name, kwargs={p: values[p] for p in params})
            found[name] = path
            for variant in VARIANTS.get(name, []):
                found[f"{name} {variant}"] = path + variant
    return found, unknown


# --- The child: one database -----------------------------------------------------------------


def _get(client, path: str):
    """GET `path`, a streamed download read to its end (its whole server time counts)."""
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
        response.close()
    return response


def child(rounds: int, freeze: bool) -> None:
    _support.setup_django()
    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 405s of POST-only URLs
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from leviers.accounts.models import User

    started = time.perf_counter()
    values = _prepare()
    setup_s = time.perf_counter() - started
    if freeze:
        # What the server does before its first request (the bench's data, built here, is
        # mostly freed already; what is left is frozen with Django rather than walked again).
        from leviers.core.memory import freeze_startup

        freeze_startup()
    else:
        gc.collect()
    paths, unknown = pages(values)
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(User.objects.get(username="bench"))
    anonymous = Client(HTTP_HOST="127.0.0.1")
    measured, post_only, statuses = {}, [], {}
    for name, path in paths.items():
        response = _get(admin, path)  # also warms the per-process caches
        if response.status_code == 405:
            post_only.append(name)
            continue
        statuses[name] = response.status_code
        measured[(name, "admin")] = path
        if _get(anonymous, path).status_code == 200:
            measured[(name, "anonyme")] = path
    clients = {"admin": admin, "anonyme": anonymous}
    queries = {}
    for (name, who), path in measured.items():
        with CaptureQueriesContext(connection) as captured:
            _get(clients[who], path)
        queries[f"{name}|{who}"] = len(captured)
    times: dict[str, list[float]] = {"plancher": []}
    times.update({f"{name}|{who}": [] for name, who in measured})
    collections = dict.fromkeys(times, 0)
    pauses = _support.GcPauses()
    gc.callbacks.append(pauses)
    for _ in range(rounds):
        for (name, who), path in measured.items():
            started = time.perf_counter()
            admin.get(FLOOR)
            times["plancher"].append((time.perf_counter() - started) * 1000)
            started, before = time.perf_counter(), len(pauses.full)
            response = _get(clients[who], path)
            times[f"{name}|{who}"].append((time.perf_counter() - started) * 1000)
            collections[f"{name}|{who}"] += len(pauses.full) - before
            assert response.status_code == statuses[name], (path, response.status_code)
    gc.callbacks.remove(pauses)
    _support.report(
        {
            "vendor": connection.vendor,
            "setup_s": setup_s,
            "rounds": rounds,
            "frozen": gc.get_freeze_count(),
            "collections": collections,
            "full_gc_ms": sum(pauses.full),
            "times": times,
            "queries": queries,
            "statuses": statuses,
            "post_only": post_only,
            "unknown": unknown,
        }
    )


# --- The parent: side by side ----------------------------------------------------------------


def print_report(results: dict[str, dict]) -> None:
    p = _support.percentile
    for db, r in results.items():
        floor = p(r["times"]["plancher"], 95)
        print(
            f"\n== {db} ({r['vendor']}) : données en {r['setup_s']:.0f} s ; {r['rounds']} "
            f"requêtes par page ; plancher {FLOOR} p50 {p(r['times']['plancher'], 50):.1f} ms, "
            f"p95 {floor:.1f} ms ; {r['frozen']} objets gelés, "
            f"{sum(r['collections'].values())} GC complets ({r['full_gc_ms']:.0f} ms)"
        )
        print(
            f"{'page':52}{'qui':>8}{'req.':>5}{'GC':>4}{'p50':>8}{'p95':>8}{'×plancher':>10}"
            f"   (ms, temps serveur en processus ; cible p95 ≤ {TARGET_P95_MS:g} ms)"
        )
        missed = []
        for key, values in r["times"].items():
            if key == "plancher":
                continue
            name, who = key.split("|")
            p95 = p(values, 95)
            status = r["statuses"][name]
            label = name if status == 200 else f"{name} [{status}]"
            print(
                f"{label:52}{who:>8}{r['queries'][key]:5d}{r['collections'][key]:4d}"
                f"{p(values, 50):8.1f}{p95:8.1f}"
                f"{p95 / floor:10.1f}   {_support.verdict(p95, TARGET_P95_MS)}"
            )
            if p95 > TARGET_P95_MS:
                missed.append(key)
        print(f"pages au-dessus de la cible : {len(missed)} ({', '.join(missed) or 'aucune'})")
        if r["post_only"]:
            print(f"POST seulement, non mesurées : {', '.join(r['post_only'])}")
        if r["unknown"]:
            print(f"paramètre inconnu du banc, non mesurées : {', '.join(r['unknown'])}")


def main() -> None:
    parser = _support.arguments(__doc__.splitlines()[0], "sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=30, help="requêtes par page")
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="sans gc.freeze() une fois les données construites (le serveur, lui, gèle)",
    )
    args = parser.parse_args()
    if args.child:
        child(args.rounds, freeze=not args.no_freeze)
        return
    extra = ["--rounds", str(args.rounds)] + (["--no-freeze"] if args.no_freeze else [])
    print_report(_support.run_each_database(__file__, args, extra))


if __name__ == "__main__":
    main()
