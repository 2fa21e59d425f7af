"""The pages of a busy club: server time of each, as a ratio to the health view.

    .venv/bin/python bench/clubs.py [--databases sqlite,postgres] [--rounds 40]

For each database: a fresh database with the referential and the shipped catalogue, the
shipped example (the Pays de la Loire club and its Durtal meeting), then one club of 200 member
organisations (two contacts each) and 30 meetings (15 past, 15 to come), each with 8 sequences
of 2 speakers and 3 catalogue links, 60 registrations (some waiting, some ticked present) and,
for the past ones, a published report with 3 documents. Each GET page of the clubs app, and the
catalogue lever page that mentions the meetings, is requested `--rounds` times by a facilitator
of the club through Django's test `Client` (the whole middleware stack, no network), side by
side with `/sante/` (one SELECT 1). Target (issue 15): p95 ≤ 150 ms per page.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _support  # noqa: E402

TARGET_P95_MS = 150.0
LINKS = [
    ("lever", "guinguette-associative"),
    ("experience", "ernee-guinguette"),
    ("scheme", "leader"),
]


def _prepare() -> dict[str, str]:
    from datetime import date, timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from leviers.accounts.models import Membership, Organisation, User
    from leviers.clubs import actions, newsletter
    from leviers.clubs.example import load_example
    from leviers.clubs.models import (
        CatalogueLink,
        Club,
        ClubContact,
        ClubMeeting,
        ClubMember,
        Registration,
        Report,
        Sequence,
        Speaker,
    )
    from leviers.territories.importers.decoupage import import_referential

    import_referential(progress=False)
    call_command("load-catalogue", verbosity=0)
    load_example()
    network = Organisation.objects.create(name="Réseau régional", kind="reseau")
    club = Club.objects.create(slug="grand-club", name="Grand club", region_id="52")
    club.organisers.set([network])
    facilitator = User.objects.create_user("bench", password="bench", email="bench@example.org")
    Membership.objects.create(user=facilitator, organisation=network, role="animateur")
    members = Organisation.objects.bulk_create(
        Organisation(name=f"Commune membre n° {i:03d}", kind="autre") for i in range(200)
    )
    club_members = ClubMember.objects.bulk_create(
        ClubMember(club=club, organisation=o, joined_on=date(2023, 1, 1)) for o in members
    )
    ClubContact.objects.bulk_create(
        ClubContact(member=m, name=f"Contact {j} de {m.organisation.name}", role="maire adjoint")
        for m in club_members
        for j in range(2)
    )
    people = User.objects.bulk_create(
        User(username=f"elu-{i}", email=f"elu-{i}@mairie.example") for i in range(60)
    )
    today = date.today()
    meetings = ClubMeeting.objects.bulk_create(
        ClubMeeting(
            club=club,
            title=f"Rencontre n° {i}",
            theme="L'ESS dans les territoires ruraux",
            date=today + timedelta(days=30 * (i - 15)),
            host_commune_id="49127",
            capacity=50,
        )
        for i in range(30)
    )
    for meeting in meetings:
        meeting.co_organisers.set(members[:3])
    sequences = Sequence.objects.bulk_create(
        Sequence(
            meeting=m,
            position=n,
            section=f"Partie {n // 3}",
            title=f"Séquence {n}",
            summary="Ce qui a été dit. " * 40,
        )
        for m in meetings
        for n in range(8)
    )
    Speaker.objects.bulk_create(
        Speaker(
            sequence=s,
            position=k,
            name=f"Intervenant {k}",
            role="maire",
            organisation=members[k] if k else None,
            organisation_name="" if k else "Commune de X",
        )
        for s in sequences
        for k in range(2)
    )
    CatalogueLink.objects.bulk_create(
        CatalogueLink(sequence=s, kind=kind, slug=slug) for s in sequences for kind, slug in LINKS
    )
    Registration.objects.bulk_create(
        Registration(
            meeting=m,
            user=p,
            status="inscrit" if i < 50 else "attente",
            attended=(i % 3 != 0) if m.date < today else None,
        )
        for m in meetings
        for i, p in enumerate(people)
    )
    pdf = b"%PDF-1.4\n" + b"0" * 200_000
    for meeting in meetings[:15]:
        report = Report.objects.create(
            meeting=meeting, title=f"Retour sur {meeting.title}", is_published=True
        )
        for k in range(3):
            actions.attachment_add(
                report,
                title=f"Diaporama {k}",
                upload=SimpleUploadedFile(f"d{k}.pdf", pdf),
                sequence=meeting.sequences.all()[k],
            )
    actions.subscribe(club, facilitator)
    past, coming = meetings[14], meetings[15]
    member = club_members[0]
    attachment = past.report.attachments.first()
    base = f"/clubs/{club.slug}/"
    return {
        "sante": "/sante/",
        "clubs": "/clubs/",
        "club": base,
        "agenda.ics": base + "agenda.ics",
        "membres": base + "membres/",
        "contact": base + f"membres/{member.organisation.public_id}/contacts/",
        "rencontre": base + f"rencontres/{coming.public_id}/",
        "rencontre.ics": base + f"rencontres/{coming.public_id}/agenda.ics",
        "inscrits": base + f"rencontres/{coming.public_id}/inscrits/",
        "retour": base + f"rencontres/{past.public_id}/retour/",
        "document": base + f"rencontres/{past.public_id}/retour/documents/{attachment.public_id}/",
        "desabonnement": "/clubs/lettre/desabonnement/"
        + newsletter.unsubscribe_token(club, facilitator)
        + "/",
        "levier": "/catalogue/leviers/guinguette-associative/",
    }


if __name__ == "__main__":
    _support.pages_bench(__file__, __doc__.splitlines()[0], _prepare, TARGET_P95_MS)
