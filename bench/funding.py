"""The funding pages of a busy project: server time of each, as a ratio to the health view.

    .venv/bin/python bench/funding.py [--databases sqlite,postgres] [--rounds 40]

For each database: a fresh database with the referential and the shipped catalogue, one
project of Pommerieux with a three-year budget (24 expense lines, own funds, volunteer hours,
some valued) and 30 applications (20 to catalogue schemes, 10 to funders outside it) in every
status, each with its history, up to three instalments, three deadlines and six documents; the
rest of a realistic project beside it (40 meetings, 300 contributions). Each page of the
funding app, and the two pages of participation that show it (dashboard, council report), is
requested `--rounds` times by the team's admin through Django's test `Client` (the whole
middleware stack, no network), side by side with `/sante/` (one SELECT 1).
Target (issue 13): p95 ≤ 150 ms per page.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 150.0
STATUSES = ["a-preparer", "depose", "en-instruction", "accorde", "refuse", "verse", "solde"]


def _prepare() -> dict[str, str]:
    import random
    from datetime import date, datetime, timedelta
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from leviers.accounts.models import Membership, Organisation, User
    from leviers.catalogue.models import Scheme
    from leviers.funding.models import (
        Application,
        BudgetLine,
        Deadline,
        Document,
        Instalment,
        StatusChange,
    )
    from leviers.meetings.models import Meeting
    from leviers.participation.models import Contribution
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.workspace.models import Project

    import_referential(progress=False)
    call_command("load-catalogue", verbosity=0)
    rng = random.Random(13)
    commune = Commune.objects.get(code="53180")
    organisation = Organisation.objects.create(name="Pommerieux", kind="commune", commune=commune)
    user = User.objects.create_user("bench", password="bench")
    Membership.objects.create(user=user, organisation=organisation, role="admin")
    project = Project.objects.create(title="Tiers-lieu", organisation=organisation, commune=commune)
    paris = ZoneInfo("Europe/Paris")
    Meeting.objects.bulk_create(
        Meeting(
            project=project,
            title=f"Réunion {i}",
            place="Salle des fêtes",
            starts_at=datetime(2026, 1, 3, 10, tzinfo=paris) + timedelta(days=9 * i),
        )
        for i in range(40)
    )
    Contribution.objects.bulk_create(
        Contribution(
            project=project,
            text=f"Idée n° {i} pour le tiers-lieu",
            channel="en-ligne",
            collected_on=date(2026, 1, 1) + timedelta(days=i),
        )
        for i in range(300)
    )
    years = (2026, 2027, 2028)
    lines = [
        BudgetLine(project=project, label=f"Dépense {i}", year=years[i % 3], amount=4000 + 250 * i)
        for i in range(24)
    ]
    lines += [
        BudgetLine(project=project, kind="fonds-propres", label="Commune", year=y, amount=15000)
        for y in years
    ]
    lines += [
        BudgetLine(
            project=project, kind="benevolat", label="Chantiers", year=y, hours=300, valued=y > 2026
        )
        for y in years
    ]
    BudgetLine.objects.bulk_create(lines)
    slugs = list(Scheme.objects.filter(origin="leviers").values_list("slug", flat=True)[:20])
    today = date.today()
    applications = Application.objects.bulk_create(
        Application(
            project=project,
            title=f"Demande {i}",
            scheme_slug=slugs[i] if i < 20 else "",
            funder="" if i < 20 else f"Fondation n° {i}",
            amount_asked=Decimal(5000 + 1000 * i),
            amount_granted=Decimal(4000 + 1000 * i)
            if STATUSES[i % 7] in ("accorde", "verse", "solde")
            else None,
            year=years[i % 3],
            status=STATUSES[i % 7],
        )
        for i in range(30)
    )
    StatusChange.objects.bulk_create(
        StatusChange(application=a, status=s, changed_on=today, by=user)
        for a in applications
        for s in STATUSES[: STATUSES.index(a.status) + 1]
    )
    Instalment.objects.bulk_create(
        Instalment(application=a, year=years[j], amount=Decimal(1000))
        for a in applications
        for j in range(rng.randint(0, 3))
    )
    Deadline.objects.bulk_create(
        Deadline(
            application=a,
            label=f"Échéance {j}",
            due_on=today + timedelta(days=rng.randint(-10, 200)),
        )
        for a in applications
        for j in range(3)
    )
    Document.objects.bulk_create(
        Document(
            application=a, name=f"Pièce {j}", state=rng.choice(["a-rassembler", "pret", "transmis"])
        )
        for a in applications
        for j in range(6)
    )
    p, a = project.public_id, applications[3].public_id
    line = BudgetLine.objects.filter(project=project).first()
    return {
        "sante": "/sante/",
        "plan": f"/projets/{p}/financement/",
        "demande": f"/projets/{p}/financement/demandes/{a}/",
        "modifier": f"/projets/{p}/financement/demandes/{a}/modifier/",
        "nouvelle": f"/projets/{p}/financement/demandes/nouvelle/",
        "ligne": f"/projets/{p}/financement/budget/{line.public_id}/",
        "plan.csv": f"/projets/{p}/financement/plan.csv",
        "tableau": f"/projets/{p}/tableau-de-bord/",
        "rapport": f"/projets/{p}/rapport/",
    }


if __name__ == "__main__":
    _support.pages_bench(__file__, __doc__.splitlines()[0], _prepare, TARGET_P95_MS)
