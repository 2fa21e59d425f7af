"""The training pages with 40 modules and a club of 200 members: server time of each, as a
ratio to the health view.

    .venv/bin/python bench/training.py [--databases sqlite,postgres] [--rounds 40]

For each database: a fresh database with the referential, the shipped catalogue and the shipped
training content, plus 34 more modules (copies of the shipped ones) to make 40, in the
« nouvel élu » path and in a second path of all 40; a club of the Pays de la Loire run by a
network, with 20 member communes of 10 people each (200 members), each person having read or
passed a random share of the modules (about 4,000 progress rows). The club's facilitator, who
completed the 40-module path, requests each training page `--rounds` times through Django's
test `Client` (the whole middleware stack, no network), side by side with `/sante/` (one
SELECT 1); a lever page shows the training mention.
Target (issue 15): p95 ≤ 150 ms per page.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 150.0
MODULES = 40
COMMUNES = 20
PEOPLE_PER_COMMUNE = 10


def _prepare() -> dict[str, str]:
    import random

    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from leviers.accounts.models import Membership, Organisation, User
    from leviers.clubs.models import Club, ClubMember
    from leviers.territories.importers.decoupage import import_referential
    from leviers.territories.models import Commune
    from leviers.training.content import load_training
    from leviers.training.models import Module, PathStep, Progress
    from leviers.training.models import Path as TrainingPath

    import_referential(progress=False)
    call_command("load-catalogue", verbosity=0)
    load_training()
    rng = random.Random(15)
    shipped = list(Module.objects.all())
    copies = [
        Module(
            slug=f"{shipped[i % len(shipped)].slug}-{i}",
            title=f"{shipped[i % len(shipped)].title} ({i})",
            summary=shipped[i % len(shipped)].summary,
            duration="15 minutes",
            readings=shipped[i % len(shipped)].readings,
            resources=shipped[i % len(shipped)].resources,
            case=shipped[i % len(shipped)].case,
            questions=shipped[i % len(shipped)].questions,
            sources=shipped[i % len(shipped)].sources,
            verification="partiel",
            verification_note="Copie pour la mesure.",
        )
        for i in range(MODULES - len(shipped))
    ]
    Module.objects.bulk_create(copies)
    modules = list(Module.objects.order_by("id"))
    first = TrainingPath.objects.get(slug="nouvel-elu")
    start = first.steps.count()
    PathStep.objects.bulk_create(
        PathStep(path=first, module=m, position=start + n + 1)
        for n, m in enumerate(modules[len(shipped) :])
    )
    every = TrainingPath.objects.create(slug="tous", title="Tous les modules", summary="Mesure")
    PathStep.objects.bulk_create(
        PathStep(path=every, module=m, position=n + 1) for n, m in enumerate(modules)
    )
    network = Organisation.objects.create(name="CRESS", kind="reseau")
    club = Club.objects.create(slug="pdl", name="Club des Pays de la Loire", region_id="52")
    club.organisers.add(network)
    facilitator = User.objects.create_user("bench", password="bench", first_name="Camille")
    Membership.objects.create(user=facilitator, organisation=network, role="animateur")
    now = timezone.now()
    rows = [
        Progress(
            user=facilitator,
            module=m,
            read_on=now,
            attempts=1,
            best_score=3,
            questions=3,
            passed_on=now,
        )
        for m in modules
    ]
    for c, place in enumerate(Commune.objects.filter(region_id="52").order_by("code")[:COMMUNES]):
        commune = Organisation.objects.create(name=place.name, kind="commune", commune=place)
        ClubMember.objects.create(club=club, organisation=commune)
        for p in range(PEOPLE_PER_COMMUNE):
            person = User.objects.create_user(f"elu-{c}-{p}")
            Membership.objects.create(user=person, organisation=commune, role="membre")
            for module in rng.sample(modules, rng.randint(0, MODULES)):
                passed = rng.random() < 0.7
                rows.append(
                    Progress(
                        user=person,
                        module=module,
                        read_on=now,
                        attempts=1,
                        best_score=3 if passed else 1,
                        questions=3,
                        passed_on=now if passed else None,
                    )
                )
    Progress.objects.bulk_create(rows, batch_size=2000)
    return {
        "sante": "/sante/",
        "accueil": "/formation/",
        "parcours-40": "/formation/parcours/tous/",
        "nouvel-elu": "/formation/parcours/nouvel-elu/",
        "module": "/formation/modules/financer-projet-ess/",
        "auto-eval": "/formation/modules/financer-projet-ess/auto-evaluation/",
        "progression": "/formation/ma-progression/",
        "attestation": "/formation/parcours/tous/attestation/",
        "attestation.pdf": "/formation/parcours/tous/attestation.pdf",
        "club": f"/formation/clubs/{club.public_id}/",
        "levier": "/catalogue/leviers/guinguette-associative/",
    }


if __name__ == "__main__":
    _support.pages_bench(__file__, __doc__.splitlines()[0], _prepare, TARGET_P95_MS)
