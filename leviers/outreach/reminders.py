"""`leviers relancer-orientations`: each worker gets by e-mail the open orientations they
proposed whose follow-up date has come. The e-mail names each person by their label only
(initials or pseudonym) and links to their record, which asks to sign in: no other personal
data leaves the site (docs/registre-des-traitements.md)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef
from django.urls import reverse

from leviers.accounts.models import Membership
from leviers.accounts.permissions import OUTREACH_ROLES
from leviers.outreach.models import Orientation


def due_by_worker(today: date) -> dict:
    """{worker: their orientations due}, for the workers who still work in the person's team
    (an active intervenant or coordinator membership): one who left, or was deactivated,
    learns nothing more of the people."""
    still_in_team = Membership.objects.filter(
        user=OuterRef("created_by"),
        organisation=OuterRef("person__organisation"),
        is_active=True,
        role__in=OUTREACH_ROLES,
    )
    due = (
        Orientation.objects.filter(
            Exists(still_in_team),
            status__in=Orientation.OPEN,
            follow_up_on__lte=today,
            created_by__isnull=False,
            created_by__is_active=True,
            person__anonymised_at__isnull=True,
            person__withdrawn_at__isnull=True,
        )
        .select_related("created_by", "person__organisation", "service")
        .order_by("follow_up_on", "id")
    )
    by_worker = defaultdict(list)
    for orientation in due:
        by_worker[orientation.created_by].append(orientation)
    return by_worker


def message(orientations: list[Orientation]) -> str:
    lines = ["Bonjour,", "", "Ces orientations sont à relancer :", ""]
    for o in orientations:
        url = settings.SITE_URL + reverse(
            "outreach:person", args=[o.person.organisation.public_id, o.person.public_id]
        )
        lines.append(
            f"- {o.person.label} : {o.service_name} ({o.get_status_display().lower()}), "
            f"à relancer depuis le {o.follow_up_on:%d/%m/%Y}\n  {url}"
        )
    lines += ["", "Leviers · aller-vers"]
    return "\n".join(lines)


def send_reminders(today: date) -> int:
    sent = 0
    for worker, orientations in due_by_worker(today).items():
        if not worker.email:
            continue
        send_mail(
            f"{len(orientations)} orientation(s) à relancer",
            message(orientations),
            None,
            [worker.email],
        )
        sent += 1
    return sent
