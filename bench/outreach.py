"""The visit journal of a big outreach team: server time of each page, as a ratio to /sante/.

    .venv/bin/python bench/outreach.py [--databases sqlite,postgres] [--rounds 40]

For each database: a fresh database with the referential, one team (an association with an
intervenant and a coordinator) following 2,000 people in the 30 communes around Pommerieux,
with 10,000 visits over two years (themes drawn at random), 3,000 orientations with their
history and follow-up dates, 1,500 rights in every status, 20,000 entries in the access log.
Each page of the journal is requested `--rounds` times by the coordinator through Django's
test `Client` (the whole middleware stack, no network), side by side with `/sante/`. The
screening page is measured without its POST (OpenFisca: bench/screening.py of the services
helper). Target (issue 14): p95 ≤ 150 ms per page on both databases.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 150.0
PEOPLE, VISITS, ORIENTATIONS, RIGHTS, ACCESSES = 2000, 10000, 3000, 1500, 20000


def _prepare() -> dict[str, str]:
    import random
    from datetime import date, timedelta
    from decimal import Decimal

    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    settings.OUTREACH_ENABLED = True
    from leviers.accounts.models import Membership, Organisation, User
    from leviers.outreach.models import (
        AccessLog,
        Consent,
        Orientation,
        OrientationChange,
        Person,
        Right,
        Visit,
    )
    from leviers.outreach.themes import THEMES
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune

    import_referential(progress=False)
    rng = random.Random(14)
    pommerieux = Commune.objects.get(code="53180")
    communes = list(Commune.objects.filter(department_id=pommerieux.department_id)[:30])
    team = Organisation.objects.create(name="Locaux moteurs", kind="association")
    worker = User.objects.create_user("intervenant", password="bench")
    coordinator = User.objects.create_user("bench", password="bench")
    Membership.objects.create(user=worker, organisation=team, role="intervenant")
    Membership.objects.create(user=coordinator, organisation=team, role="coordinateur")
    now = timezone.now()
    people = Person.objects.bulk_create(
        Person(
            organisation=team,
            label=f"P. {i}",
            birth_year=rng.randint(1925, 1950),
            commune=rng.choice(communes),
            lives_alone=rng.random() < 0.6,
            last_activity_at=now - timedelta(hours=i),
        )
        for i in range(PEOPLE)
    )
    Consent.objects.bulk_create(
        Consent(person=p, scopes=["journal", "orientation", "droits"], recorded_by=worker)
        for p in people
    )
    themes = list(THEMES)
    start = date.today() - timedelta(days=730)
    Visit.objects.bulk_create(
        Visit(
            person=people[i % PEOPLE],
            worker=worker,
            visited_on=start + timedelta(days=rng.randint(0, 730)),
            themes=rng.sample(themes, rng.randint(1, 3)),
            needs="Besoin noté en quelques mots",
        )
        for i in range(VISITS)
    )
    statuses = list(Orientation.Status.values)
    orientations = Orientation.objects.bulk_create(
        Orientation(
            person=people[rng.randrange(PEOPLE)],
            service_label="Portage de repas du CCAS",
            status=rng.choice(statuses),
            follow_up_on=date.today() + timedelta(days=rng.randint(-60, 60)),
            created_by=worker,
        )
        for _ in range(ORIENTATIONS)
    )
    OrientationChange.objects.bulk_create(
        OrientationChange(orientation=o, status=s, by=worker)
        for o in orientations
        for s in statuses[: statuses.index(o.status) + 1]
    )
    kinds = ["aspa", "css", "aide_logement", "apa"]
    Right.objects.bulk_create(
        Right(
            person=people[rng.randrange(PEOPLE)],
            kind=rng.choice(kinds),
            status=rng.choice(Right.Status.values),
            monthly_amount=Decimal(rng.randint(20, 900)),
            decided_on=start + timedelta(days=rng.randint(0, 730)),
        )
        for _ in range(RIGHTS)
    )
    AccessLog.objects.bulk_create(
        AccessLog(organisation=team, person=people[rng.randrange(PEOPLE)], user=worker)
        for _ in range(ACCESSES)
    )
    # The planner's statistics, as autovacuum would have them after such a load (without them
    # PostgreSQL sorts a team's 20,000 accesses for a page the index gives in order).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    t, p = team.public_id, people[5].public_id
    year = date.today().year
    # Page 200 of the access log (50 a page): the entries older than the 9,950th.
    from leviers.outreach.reports import bound_of

    page_200 = bound_of(AccessLog.objects.filter(organisation=team).order_by("-at", "-id")[9949])
    return {
        "sante": "/sante/",
        "personnes": f"/aller-vers/{t}/",
        "personnes p.30": f"/aller-vers/{t}/?page=30",
        "recherche": f"/aller-vers/{t}/?q=P.+17",
        "fiche": f"/aller-vers/{t}/personnes/{p}/",
        "nouvelle visite": f"/aller-vers/{t}/personnes/{p}/visites/nouvelle/",
        "orienter": f"/aller-vers/{t}/personnes/{p}/orientations/nouvelle/",
        "estimer": f"/aller-vers/{t}/personnes/{p}/droits/estimer/",
        "nouvelle pers.": f"/aller-vers/{t}/personnes/nouvelle/",
        "à relancer": f"/aller-vers/{t}/a-relancer/",
        "accès": f"/aller-vers/{t}/journal-des-acces/",
        "accès p.200": f"/aller-vers/{t}/journal-des-acces/?avant={page_200}",
        "stats année": f"/aller-vers/{t}/statistiques/?year={year}",
        "stats trim.": f"/aller-vers/{t}/statistiques/?year={year}&by=trimestre",
        "stats.csv": f"/aller-vers/{t}/statistiques.csv?year={year}&by=annee",
        "export": f"/aller-vers/{t}/personnes/{p}/export.json",
    }


if __name__ == "__main__":
    _support.pages_bench(__file__, __doc__.splitlines()[0], _prepare, TARGET_P95_MS)
