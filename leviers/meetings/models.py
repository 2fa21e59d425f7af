"""Meetings of a project, its steering committee (copil) and its decision log.

    Meeting          one-off or recurring (« tous les samedis à 10 h, sauf en août »): place,
                     agenda, optional registration; `next_occurrence()`, `occurrences()`
    Registration     a signed-in person coming to one occurrence
    Sitting          one occurrence that took place (« séance »): attendance as a count or as
                     named people (with or without accounts), short minutes, its decisions
    CommitteeMember  a seat of the copil, by college, with or without an account
    Decision         who decided, when, how (consensus, vote with counts, deliberation number)
    FeedToken        the secret, revocable address of a team member's private calendar feed

Read API for the pages above this app (participation):
    Meeting.objects.upcoming(project, public_only=True, limit=5) → [Occurrence, ...]
    Meeting.objects.next_for(project, public_only=True)          → Occurrence | None
    meeting.next_occurrence(after=None)                          → datetime | None
    Decision.objects.of_project(project)                         (newest first)
    project.decisions.get(public_id=...), decision.get_absolute_url(), decision.how()

Every object answers `.project`: the permission door (accounts/permissions.py) reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from leviers.accounts.models import Organisation, hash_token, new_public_id
from leviers.meetings import recurrence
from leviers.workspace.models import Project


class Frequency(models.TextChoices):
    ONCE = recurrence.ONCE, "Une seule fois"
    WEEKLY = recurrence.WEEKLY, "Chaque semaine"
    FORTNIGHTLY = recurrence.FORTNIGHTLY, "Toutes les deux semaines"
    MONTHLY = recurrence.MONTHLY, "Chaque mois (même semaine, même jour)"


class MeetingKind(models.TextChoices):
    PUBLIC = "publique", "Réunion publique"
    COMMITTEE = "copil", "Comité de pilotage"
    TEAM = "equipe", "Équipe projet"
    WORKSHOP = "atelier", "Atelier"


@dataclass(frozen=True)
class Occurrence:
    """One date of a meeting (a one-off meeting has exactly one)."""

    meeting: Meeting
    starts_at: datetime

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.meeting.duration_minutes)

    @property
    def day(self) -> date:
        return self.starts_at.date()


class MeetingQuerySet(models.QuerySet):
    def still_ahead(self, now: datetime):
        """Meetings that may still have an occurrence after `now` (refined in Python)."""
        today = timezone.localdate(now)
        return self.filter(
            Q(frequency=Frequency.ONCE, starts_at__gte=now - timedelta(hours=12))
            | (~Q(frequency=Frequency.ONCE) & (Q(until__isnull=True) | Q(until__gte=today)))
        )

    def running_or_recent(self, now: datetime, days: int):
        """Meetings still running, or whose last date is at most `days` days old: what the
        iCalendar feed carries (feed.py says why)."""
        since = now - timedelta(days=days)
        return self.filter(
            Q(frequency=Frequency.ONCE, starts_at__gte=since)
            | (
                ~Q(frequency=Frequency.ONCE)
                & (Q(until__isnull=True) | Q(until__gte=timezone.localdate(since)))
            )
        )

    def upcoming(self, project, *, public_only=True, limit=5, now=None) -> list[Occurrence]:
        """The next `limit` occurrences of the project's meetings, soonest first (one query)."""
        now = now or timezone.now()
        meetings = self.filter(project=project).still_ahead(now)
        if public_only:
            meetings = meetings.filter(is_public=True)
        occurrences = [
            Occurrence(meeting, moment)
            for meeting in meetings
            for moment in meeting.recurrence.next(now, limit)
        ]
        return sorted(occurrences, key=lambda o: o.starts_at)[:limit]

    def next_for(self, project, *, public_only=True, now=None) -> Occurrence | None:
        found = self.upcoming(project, public_only=public_only, limit=1, now=now)
        return found[0] if found else None


class Meeting(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField("intitulé", max_length=200)
    kind = models.CharField(
        "type de réunion", max_length=20, choices=MeetingKind.choices, default=MeetingKind.PUBLIC
    )
    is_public = models.BooleanField(
        "annoncée aux habitants",
        default=True,
        help_text="La réunion paraît sur la page publique du projet et dans son agenda.",
    )
    place = models.CharField("lieu", max_length=200, help_text="Par exemple : salle des fêtes.")
    starts_at = models.DateTimeField(
        "première date", help_text="Date et heure de la réunion, ou de la première de la série."
    )
    duration_minutes = models.PositiveSmallIntegerField(
        "durée (minutes)",
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(720)],
    )
    frequency = models.CharField(
        "répétition", max_length=20, choices=Frequency.choices, default=Frequency.ONCE, blank=True
    )
    until = models.DateField("jusqu'au", null=True, blank=True)
    # Months without a meeting (« sauf en août »): RRULE's BYMONTH lists the others.
    skipped_months = models.JSONField("mois sans réunion", default=list, blank=True)
    # Single occurrences called off: the feed's EXDATE. ISO dates.
    cancelled_dates = models.JSONField("dates annulées", default=list, blank=True)
    agenda = models.TextField("ordre du jour", blank=True)
    registration = models.BooleanField(
        "inscription", default=False, help_text="Les habitants peuvent s'inscrire à une date."
    )
    capacity = models.PositiveSmallIntegerField(
        "places", null=True, blank=True, help_text="Laisser vide s'il n'y a pas de limite."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (core/locking.py): a write states the version it read.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "réunion"
        verbose_name_plural = "réunions"
        ordering = ["starts_at"]
        indexes = [
            # upcoming(project): a project's meetings that may still occur.
            models.Index(fields=["project", "starts_at"], name="meeting_project_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | ~Q(frequency=""),
                name="meeting_until_only_when_recurring",
                violation_error_message="Une date de fin ne vaut que pour une réunion répétée.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.project.public_id, self.public_id])

    @property
    def recurrence(self) -> recurrence.Recurrence:
        return recurrence.Recurrence(
            start=self.starts_at,
            frequency=self.frequency,
            until=self.until,
            skipped_months=frozenset(self.skipped_months),
            cancelled=frozenset(date.fromisoformat(d) for d in self.cancelled_dates),
        )

    def occurrences(self, after: datetime | None = None, count: int = 5) -> list[Occurrence]:
        moments = self.recurrence.next(after or timezone.now(), count)
        return [Occurrence(self, moment) for moment in moments]

    def may_occur_after(self, now: datetime) -> bool:
        """What `MeetingQuerySet.still_ahead` asks the database, for a meeting already read:
        a past one-off meeting or an ended series has no date to compute."""
        if self.frequency == Frequency.ONCE:
            return self.starts_at >= now - timedelta(hours=12)
        return self.until is None or self.until >= timezone.localdate(now)

    def next_occurrence(self, after: datetime | None = None) -> datetime | None:
        found = self.recurrence.next(after or timezone.now(), 1)
        return found[0] if found else None

    def describe(self) -> str:
        return self.recurrence.describe()

    def occurs_on(self, day: date) -> bool:
        return self.recurrence.occurs_on(day)


class Registration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_registrations"
    )
    occurs_on = models.DateField("date")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "inscription"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "occurs_on", "user"],
                name="one_registration_per_date",
                violation_error_message="Vous êtes déjà inscrit à cette date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting.title}, {self.occurs_on:%d/%m/%Y}"

    @property
    def project(self):
        return self.meeting.project


class Sitting(models.Model):
    """One occurrence of a meeting that took place: who came, what was said, what was decided."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sittings")
    held_on = models.DateField("date")
    headcount = models.PositiveIntegerField(
        "nombre de présents",
        null=True,
        blank=True,
        help_text="Le nombre total de personnes présentes, nommées ou non.",
    )
    minutes = models.TextField("compte rendu", blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking (core/locking.py): a write states the version it read.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "séance"
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "held_on"],
                name="one_sitting_per_date",
                violation_error_message="Cette séance est déjà enregistrée.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting.title}, {recurrence.french_date(self.held_on)}"

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:sitting",
            args=[self.meeting.project.public_id, self.meeting.public_id, self.public_id],
        )

    @property
    def project(self):
        return self.meeting.project

    def attendance(self, named: int) -> int:
        """The count of people present: the one typed, else the named ones."""
        return self.headcount if self.headcount is not None else named


class College(models.TextChoices):
    ELECTED = "elus", "Élus"
    ASSOCIATIONS = "associations", "Associations"
    CRAFTS = "artisans", "Artisans et commerçants"
    FARMERS = "agriculteurs", "Agriculteurs"
    INHABITANTS = "habitants", "Habitants"
    PARTNERS = "partenaires", "Partenaires"


class CommitteeMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CommitteeMember(models.Model):
    """A seat of the project's steering committee. Many members never have an account: a name
    and a quality are enough."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="committee")
    college = models.CharField("collège", max_length=20, choices=College.choices)
    name = models.CharField("nom", max_length=120)
    quality = models.CharField(
        "qualité", max_length=200, blank=True, help_text="Par exemple : adjointe au maire."
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation représentée",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_seats",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_seats",
    )
    is_active = models.BooleanField("siège au comité", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitteeMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "membre du comité de pilotage"
        verbose_name_plural = "membres du comité de pilotage"
        ordering = ["college", "name"]

    def __str__(self) -> str:
        return self.name


class Attendee(models.Model):
    """A named person present at a sitting: an account, a copil member, or a name alone."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField("nom", max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )
    member = models.ForeignKey(
        CommitteeMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )

    class Meta:
        verbose_name = "présent"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def project(self):
        return self.sitting.meeting.project


class DecisionBody(models.TextChoices):
    COMMITTEE = "copil", "Comité de pilotage"
    COUNCIL = "conseil-municipal", "Conseil municipal"
    COMMUNITY_COUNCIL = "conseil-communautaire", "Conseil communautaire"
    PUBLIC_MEETING = "reunion-publique", "Réunion publique"
    TEAM = "equipe", "Équipe projet"
    BOARD = "bureau", "Bureau ou conseil d'administration"


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", "Consensus"
    VOTE = "vote", "Vote"
    DELIBERATION = "deliberation", "Délibération"


class DecisionQuerySet(models.QuerySet):
    def of_project(self, project):
        return self.filter(project=project).order_by("-decided_on", "-created_at")


class Decision(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField("ce qui est décidé", max_length=300)
    details = models.TextField("précisions", blank=True)
    decided_on = models.DateField("date de la décision")
    body = models.CharField("qui a décidé", max_length=30, choices=DecisionBody.choices)
    method = models.CharField("comment", max_length=20, choices=DecisionMethod.choices)
    votes_for = models.PositiveIntegerField("pour", null=True, blank=True)
    votes_against = models.PositiveIntegerField("contre", null=True, blank=True)
    abstentions = models.PositiveIntegerField("abstentions", null=True, blank=True)
    deliberation_number = models.CharField("numéro de délibération", max_length=40, blank=True)
    sitting = models.ForeignKey(
        Sitting,
        verbose_name="prise en séance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking (core/locking.py): a write states the version it read.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "décision"
        ordering = ["-decided_on", "-created_at"]
        indexes = [
            # of_project(project): the decision log, newest first.
            models.Index(fields=["project", "-decided_on"], name="decision_project_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="vote")
                | Q(votes_for__isnull=False, votes_against__isnull=False),
                name="decision_vote_has_counts",
                violation_error_message="Un vote indique le nombre de voix pour et contre.",
            ),
            models.CheckConstraint(
                condition=Q(method="vote")
                | Q(votes_for__isnull=True, votes_against__isnull=True, abstentions__isnull=True),
                name="decision_counts_only_for_a_vote",
                violation_error_message="Des voix ne se comptent que pour un vote.",
            ),
            models.CheckConstraint(
                condition=~Q(method="deliberation") | ~Q(deliberation_number=""),
                name="decision_deliberation_has_number",
                violation_error_message="Une délibération porte son numéro.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:decision", args=[self.project.public_id, self.public_id])

    def how(self) -> str:
        """« Vote du comité de pilotage : 9 pour, 2 contre, 1 abstention »."""
        body = self.get_body_display().lower()
        if self.method == DecisionMethod.VOTE:
            counts = f"{self.votes_for} pour, {self.votes_against} contre"
            if self.abstentions:
                counts += f", {self.abstentions} abstention" + ("s" if self.abstentions > 1 else "")
            return f"Vote ({body}) : {counts}"
        if self.method == DecisionMethod.DELIBERATION:
            return f"Délibération n° {self.deliberation_number} ({body})"
        return f"Consensus ({body})"


# --- The team's private calendar feed ----------------------------------------------------------


class FeedTokenQuerySet(models.QuerySet):
    def find(self, project, token: str) -> FeedToken | None:
        return (
            self.filter(project=project, token_hash=hash_token(token))
            .select_related("user")
            .first()
        )


class FeedToken(models.Model):
    """The secret address of one person's feed of all their project's meetings (team-only ones
    included): a calendar application cannot sign in. Kept hashed (a copy of the database opens
    no feed); one per person and project, a new one replaces it (the old address stops
    working), and it serves only while its holder is of the team (the door decides at each
    read)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="feed_tokens")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    last_used_at = models.DateTimeField("dernière lecture", null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "lien d'agenda privé"
        verbose_name_plural = "liens d'agenda privés"
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_feed_token_per_person")
        ]

    def __str__(self) -> str:
        return f"Agenda privé de {self.user} ({self.project})"
