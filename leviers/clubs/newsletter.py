"""The club's letter: at most one per club and period (a month by default,
`LEVIERS_CLUB_LETTER_PERIOD`), to the people who opted in, with the experiences added to the
catalogue since the last letter, the meetings to come and the reports published since.
Run by `leviers envoyer-lettre-club` (cron, docs/notifications.md).

Running it twice sends nothing more, and two runs at once do not send twice: the letter of a
period is claimed by creating its NewsletterIssue row (unique per club and period) in the
transaction that sends it, as workspace/digest.py claims a person's `last_sent_at`; a sending
that fails rolls the claim back.

Each e-mail carries a one-click unsubscribe address (RFC 8058): a signed token naming the club
and the person (no session needed), in the body and in the `List-Unsubscribe` and
`List-Unsubscribe-Post` headers, so mail clients show their own « se désabonner » button.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from leviers.clubs.mentions import meeting_label
from leviers.clubs.models import Club, ClubMeeting, NewsletterIssue, Report, Subscription

SALT = "leviers.clubs.unsubscribe"
# A first letter shows the experiences of the catalogue changed in this many days.
FIRST_LOOKBACK = datetime.timedelta(days=31)
UPCOMING = 5
NEW_EXPERIENCES = 10


def unsubscribe_token(club: Club, user) -> str:
    return signing.dumps([club.pk, user.pk], salt=SALT, compress=True)


def read_token(token: str):
    """(club, user) of a valid token, or None."""
    from django.contrib.auth import get_user_model

    try:
        club_id, user_id = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    club = Club.objects.filter(pk=club_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if club is None or user is None:
        return None
    return club, user


def unsubscribe_url(club: Club, user) -> str:
    return settings.SITE_URL + reverse("clubs:unsubscribe", args=[unsubscribe_token(club, user)])


def period_of(now: datetime.datetime, kind: str | None = None) -> str:
    """« 2026-12 » (a month) or « 2026-S49 » (an ISO week), in Paris time."""
    kind = kind or settings.CLUB_LETTER_PERIOD
    day = timezone.localtime(now).date()
    if kind == "semaine":
        year, week, _ = day.isocalendar()
        return f"{year}-S{week:02d}"
    return f"{day.year}-{day.month:02d}"


@dataclass
class Letter:
    club: Club
    period: str
    experiences: list
    meetings: list
    reports: list
    experience_slugs: list[str]
    recipients: list

    @property
    def empty(self) -> bool:
        return not (self.experiences or self.meetings or self.reports)


def gather(club: Club, now: datetime.datetime) -> Letter | None:
    """The letter of `club` for the period of `now`, or None when it was sent or has no
    reader."""
    from leviers.catalogue.models import Experience

    period = period_of(now)
    if NewsletterIssue.objects.filter(club=club, period=period).exists():
        return None
    recipients = [
        s.user
        for s in Subscription.objects.filter(club=club, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    ]
    if not recipients:
        return None
    last = NewsletterIssue.objects.filter(club=club).order_by("-sent_at").first()
    all_experiences = list(
        Experience.objects.select_related("commune").only(
            "slug", "name", "summary", "updated_at", "commune__name"
        )
    )
    if last is None:
        since = now - FIRST_LOOKBACK
        new = [e for e in all_experiences if e.updated_at and e.updated_at > since]
    else:
        known = set(last.experience_slugs)
        new = [e for e in all_experiences if e.slug not in known]
    since_reports = last.sent_at if last else now - FIRST_LOOKBACK
    today = timezone.localdate(now)
    meetings = list(
        ClubMeeting.objects.filter(club=club)
        .published()
        .upcoming(today)
        .select_related("host_commune")[:UPCOMING]
    )
    reports = list(
        Report.objects.filter(
            meeting__club=club, is_published=True, published_at__gt=since_reports
        ).select_related("meeting__host_commune")
    )
    for item in [*meetings, *(r.meeting for r in reports)]:
        item.club = club
    return Letter(
        club=club,
        period=period,
        experiences=sorted(new, key=lambda e: e.name)[:NEW_EXPERIENCES],
        meetings=meetings,
        reports=reports,
        experience_slugs=sorted(e.slug for e in all_experiences),
        recipients=recipients,
    )


def message(letter: Letter, user, connection=None) -> EmailMessage:
    link = unsubscribe_url(letter.club, user)
    context = {
        "letter": letter,
        "club": letter.club,
        "user": user,
        "site_url": settings.SITE_URL,
        "meetings": [(m, meeting_label(m)) for m in letter.meetings],
        "reports": [(r, meeting_label(r.meeting)) for r in letter.reports],
        "unsubscribe_url": link,
    }
    body = render_to_string("clubs/email/letter.txt", context)
    return EmailMessage(
        f"La lettre du {letter.club.name}",
        body,
        to=[user.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _claim(letter: Letter, now) -> bool:
    try:
        with transaction.atomic():
            NewsletterIssue.objects.create(
                club=letter.club,
                period=letter.period,
                sent_at=now,
                recipients=len(letter.recipients),
                experience_slugs=letter.experience_slugs,
            )
    except IntegrityError:
        return False
    return True


def send(now: datetime.datetime) -> tuple[int, int, int]:
    """Send the letters due at `now`: (letters sent, e-mails sent, letters skipped because
    another run sent them or they had nothing new)."""
    letters = e_mails = skipped = 0
    clubs = Club.objects.filter(subscriptions__isnull=False).distinct()
    with get_connection() as connection:
        for club in clubs:
            letter = gather(club, now)
            if letter is None:
                continue
            if letter.empty:
                skipped += 1
                continue
            with transaction.atomic():
                if not _claim(letter, now):
                    skipped += 1
                    continue
                for user in letter.recipients:
                    message(letter, user, connection).send()
                    e_mails += 1
                letters += 1
    return letters, e_mails, skipped
