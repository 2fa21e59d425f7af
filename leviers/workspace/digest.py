"""The digest: at most one e-mail per person and period, of what happened in the projects
whose workspace they see, of the kinds they chose. Run by `leviers envoyer-resumes` (once a
day from cron or a systemd timer, docs/notifications.md); running it twice sends nothing
more, and two runs at once do not send twice (each sending claims the person's
`last_sent_at` in the transaction that sends).

`gather(now)` reads (a fixed number of queries, whatever the number of people); `send(now)`
claims and sends.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from leviers.accounts.models import Membership
from leviers.workspace.models import Activity, NotificationPreference, Partner

PERIODS = {
    NotificationPreference.Frequency.DAILY: datetime.timedelta(days=1),
    NotificationPreference.Frequency.WEEKLY: datetime.timedelta(days=7),
}
# A run a little early (cron drifts) still counts as the next period.
SLACK = datetime.timedelta(hours=1)
# A digest never reaches further back than this (a new person, a long pause of the command).
LOOKBACK = datetime.timedelta(days=7)
ITEMS_PER_PROJECT = 15


@dataclass
class ProjectNews:
    project: object
    activities: list = field(default_factory=list)

    @property
    def shown(self) -> list:
        return self.activities[:ITEMS_PER_PROJECT]

    @property
    def more(self) -> int:
        return max(0, len(self.activities) - ITEMS_PER_PROJECT)


@dataclass
class Digest:
    user: object
    preference: NotificationPreference | None  # None: never saved, the defaults apply
    news: list[ProjectNews]


def _due(preference: NotificationPreference, now) -> tuple[bool, datetime.datetime]:
    """Whether this person gets a digest now, and since when."""
    period = PERIODS.get(preference.frequency)
    if period is None:
        return False, now
    if preference.last_sent_at is None:
        return True, now - period
    if preference.last_sent_at > now - period + SLACK:
        return False, now
    return True, max(preference.last_sent_at, now - LOOKBACK)


def gather(now) -> list[Digest]:
    activities = list(
        Activity.objects.filter(created_at__gt=now - LOOKBACK, created_at__lte=now)
        .select_related("project")
        .order_by("project_id", "created_at", "id")
    )
    if not activities:
        return []
    projects = {a.project_id: a.project for a in activities}
    # The organisations of each project: the leading one and the co-leading ones (as
    # Project.organisation_ids, for all the projects at once).
    organisations = defaultdict(set)
    for project in projects.values():
        organisations[project.organisation_id].add(project.pk)
    for org_id, project_id in Partner.objects.filter(project_id__in=projects).values_list(
        "organisation_id", "project_id"
    ):
        organisations[org_id].add(project_id)
    # The teams (accounts.permissions.team_of, for all the projects at once).
    teams = defaultdict(set)
    people = {}
    for membership in (
        Membership.objects.filter(
            is_active=True, organisation_id__in=organisations, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
    ):
        teams[membership.user_id] |= organisations[membership.organisation_id]
        people[membership.user_id] = membership.user
    preferences = {p.user_id: p for p in NotificationPreference.objects.filter(user__in=people)}
    digests = []
    for user_id, user in people.items():
        preference = preferences.get(user_id) or NotificationPreference(user=user)
        due, since = _due(preference, now)
        if not due:
            continue
        news: dict[int, ProjectNews] = {}
        for item in activities:
            if (
                item.project_id in teams[user_id]
                and item.created_at > since
                and item.kind in preference.kinds
                and item.actor_id != user_id
            ):
                news.setdefault(item.project_id, ProjectNews(item.project)).activities.append(item)
        if news:
            saved = preference if preference.pk else None
            digests.append(Digest(user, saved, list(news.values())))
    return digests


def _claim(digest: Digest, now) -> bool:
    """Mark the digest sent, unless another run did it since `gather` read the preference."""
    if digest.preference is None:
        _, created = NotificationPreference.objects.get_or_create(
            user=digest.user, defaults={"last_sent_at": now}
        )
        return created
    previous = digest.preference.last_sent_at
    unchanged = {"last_sent_at": previous} if previous else {"last_sent_at__isnull": True}
    claimed = NotificationPreference.objects.filter(pk=digest.preference.pk, **unchanged)
    return bool(claimed.update(last_sent_at=now))


def message(digest: Digest, connection=None) -> EmailMessage:
    count = sum(len(n.activities) for n in digest.news)
    context = {
        "user": digest.user,
        "news": digest.news,
        "count": count,
        "site_url": settings.SITE_URL,
        "preferences_url": settings.SITE_URL + reverse("workspace:notifications"),
    }
    subject = "Leviers : " + (
        f"du nouveau dans « {digest.news[0].project.title} »"
        if len(digest.news) == 1
        else f"du nouveau dans {len(digest.news)} projets"
    )
    body = render_to_string("workspace/email/digest.txt", context)
    return EmailMessage(subject, body, to=[digest.user.email], connection=connection)


def send(now) -> tuple[int, int]:
    """Send the digests due at `now`: (sent, skipped because another run sent them)."""
    sent = skipped = 0
    digests = gather(now)
    if not digests:
        return 0, 0
    with get_connection() as connection:
        for digest in digests:
            # The claim and the sending together: a failed sending leaves the claim undone.
            with transaction.atomic():
                if not _claim(digest, now):
                    skipped += 1
                    continue
                message(digest, connection).send()
                sent += 1
    return sent, skipped
