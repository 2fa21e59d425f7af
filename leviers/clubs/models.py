"""Clubs of local authorities, their meetings (« rencontres ») and what is left of them.

    Club           run by network organisations (`organisers`: a CRESS, the RTES...), covering a
                   region or a department, with member organisations (communes, EPCI, others)
    ClubMember     a member organisation, since when; its contact people (ClubContact: an
                   account, or only a name and a role)
    ClubMeeting    a « rencontre »: date, host commune, co-organisers, theme, capacity; its
                   programme is a list of Sequence, each with its Speaker (an account or a name,
                   a role, an organisation) and its CatalogueLink (levers, experiences, schemes
                   of the catalogue it presented, by slug)
    Registration   a signed-in person registered, on the waiting list, or who cancelled; the
                   facilitators tick who came
    Report         « Retour sur … »: an introduction, a summary per sequence (on the Sequence),
                   attached documents (Attachment); a draft until published
    Subscription   a person who receives the club's letter; NewsletterIssue: one sending per
                   club and period (the claim that keeps two runs from sending twice)

Writes go through actions.py; who may do what is in accounts/permissions.py (`clubs.*`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from leviers.accounts.models import Organisation, new_public_id


class ClubQuerySet(models.QuerySet):
    def facilitated_by(self, user):
        """The clubs `user` may facilitate (the rule `clubs.facilitate_club`, for many)."""
        from leviers.accounts.permissions import organisations_facilitated_by

        if user.is_superuser:
            return self
        return self.filter(organisers__in=organisations_facilitated_by(user)).distinct()


class Club(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    slug = models.SlugField("adresse", max_length=80, unique=True)
    name = models.CharField("nom", max_length=200)
    description = models.TextField("présentation", blank=True, max_length=4000)
    region = models.ForeignKey(
        "territories.Region",
        verbose_name="région",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clubs",
    )
    department = models.ForeignKey(
        "territories.Department",
        verbose_name="département",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clubs",
    )
    launched_on = models.DateField("lancé le", null=True, blank=True)
    organisers = models.ManyToManyField(
        Organisation,
        verbose_name="animé par",
        related_name="clubs_run",
        help_text="Les réseaux qui animent le club : leurs animateurs gèrent membres et "
        "rencontres.",
    )
    members = models.ManyToManyField(
        Organisation, through="ClubMember", related_name="clubs", verbose_name="membres"
    )
    source_title = models.CharField("source", max_length=300, blank=True)
    source_url = models.URLField("adresse de la source", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClubQuerySet.as_manager()

    class Meta:
        verbose_name = "club"
        verbose_name_plural = "clubs"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False) | Q(department__isnull=False),
                name="club_covers_a_territory",
                violation_error_message="Un club couvre une région ou un département.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clubs:club", args=[self.slug])

    @property
    def territory(self):
        return self.department or self.region

    def organiser_ids(self) -> list[int]:
        """The network organisations running the club (read once per object)."""
        if not hasattr(self, "_organiser_ids"):
            self._organiser_ids = list(self.organisers.values_list("pk", flat=True))
        return self._organiser_ids

    def member_ids(self) -> list[int]:
        if not hasattr(self, "_member_ids"):
            self._member_ids = list(
                ClubMember.objects.filter(club=self).values_list("organisation_id", flat=True)
            )
        return self._member_ids

    @property
    def club(self) -> Club:
        # The permission door reads `.club` on any object of a club (accounts/permissions.py).
        return self


class ClubMember(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="club_memberships",
    )
    joined_on = models.DateField("membre depuis", default=datetime.date.today)

    class Meta:
        verbose_name = "organisation membre"
        verbose_name_plural = "organisations membres"
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "organisation"],
                name="one_club_membership",
                violation_error_message="Cette organisation est déjà membre du club.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.club}"


class ClubContact(models.Model):
    """A contact person of a member organisation: an account, or only a name."""

    member = models.ForeignKey(ClubMember, on_delete=models.CASCADE, related_name="contacts")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="club_contacts",
    )
    name = models.CharField("nom", max_length=200, blank=True)
    role = models.CharField("fonction", max_length=200, blank=True)

    class Meta:
        verbose_name = "contact"
        verbose_name_plural = "contacts"
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="club_contact_named",
                violation_error_message="Un contact a un compte ou un nom.",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.user.get_full_name() or self.user.username


class ClubMeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, today=None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date", "start_time")

    def past(self, today=None):
        return self.filter(date__lt=today or timezone.localdate()).order_by("-date")


class ClubMeeting(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="meetings")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    title = models.CharField("titre", max_length=300)
    theme = models.CharField("thème", max_length=300, blank=True)
    description = models.TextField("présentation", blank=True, max_length=4000)
    date = models.DateField("date")
    start_time = models.TimeField("début", null=True, blank=True)
    end_time = models.TimeField("fin", null=True, blank=True)
    host_commune = models.ForeignKey(
        "territories.Commune",
        verbose_name="commune d'accueil",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="club_meetings",
    )
    place = models.CharField("lieu", max_length=300, blank=True)
    co_organisers = models.ManyToManyField(
        Organisation,
        verbose_name="co-organisateurs",
        related_name="club_meetings_organised",
        blank=True,
    )
    capacity = models.PositiveSmallIntegerField(
        "places", null=True, blank=True, help_text="Vide : sans limite."
    )
    registration_open = models.BooleanField("inscriptions ouvertes", default=True)
    is_published = models.BooleanField(
        "annoncée", default=True, help_text="Visible sur la page publique du club."
    )
    attendance_note = models.CharField(
        "participation",
        max_length=200,
        blank=True,
        help_text="Pour une rencontre passée sans inscriptions en ligne : « une vingtaine "
        "d'élus et d'agents ».",
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # core/locking.py
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClubMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "rencontre"
        verbose_name_plural = "rencontres"
        ordering = ["-date"]
        indexes = [
            # The club page: its next and past meetings.
            models.Index(fields=["club", "date"], name="clubs_meeting_club_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("clubs:meeting", args=[self.club.slug, self.public_id])

    def is_past(self, today=None) -> bool:
        return self.date < (today or timezone.localdate())


class Sequence(models.Model):
    """One part of a meeting's programme; its summary is written for the report."""

    meeting = models.ForeignKey(ClubMeeting, on_delete=models.CASCADE, related_name="sequences")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    start_time = models.TimeField("heure", null=True, blank=True)
    section = models.CharField(
        "partie", max_length=200, blank=True, help_text="Le titre de la partie de la journée."
    )
    title = models.CharField("titre", max_length=300)
    summary = models.TextField("ce qui a été dit (compte rendu)", blank=True, max_length=8000)
    version = models.PositiveIntegerField(default=1, editable=False)  # core/locking.py

    class Meta:
        verbose_name = "séquence"
        verbose_name_plural = "séquences"
        ordering = ["meeting", "position", "start_time", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def club(self) -> Club:
        return self.meeting.club


class Speaker(models.Model):
    sequence = models.ForeignKey(Sequence, on_delete=models.CASCADE, related_name="speakers")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="club_talks",
    )
    name = models.CharField("nom", max_length=200)
    role = models.CharField("fonction", max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="club_speakers",
    )
    organisation_name = models.CharField("organisation (sans compte)", max_length=200, blank=True)

    class Meta:
        verbose_name = "intervenant"
        verbose_name_plural = "intervenants"
        ordering = ["sequence", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class CatalogueLink(models.Model):
    """A lever, an experience or a scheme of the catalogue presented in a sequence (by slug:
    the catalogue's content is versioned YAML, its slugs are its keys)."""

    class Kind(models.TextChoices):
        LEVER = "lever", "Levier"
        EXPERIENCE = "experience", "Expérience"
        SCHEME = "scheme", "Dispositif"

    sequence = models.ForeignKey(Sequence, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    slug = models.SlugField("fiche du catalogue", max_length=120)

    class Meta:
        verbose_name = "fiche du catalogue présentée"
        verbose_name_plural = "fiches du catalogue présentées"
        constraints = [
            models.UniqueConstraint(
                fields=["sequence", "kind", "slug"],
                name="one_catalogue_link",
                violation_error_message="Cette fiche est déjà liée à la séquence.",
            )
        ]
        indexes = [
            # The catalogue mention: the meetings that presented one lever / experience / scheme.
            models.Index(fields=["kind", "slug"], name="clubs_link_kind_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.slug}"


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "inscrit", "Inscrit"
        WAITING = "attente", "Liste d'attente"
        CANCELLED = "annule", "Désinscrit"

    meeting = models.ForeignKey(ClubMeeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_registrations"
    )
    status = models.CharField("état", max_length=10, choices=Status.choices)
    created_at = models.DateTimeField("inscrit le", default=timezone.now)
    attended = models.BooleanField("présent", null=True, blank=True)
    reminded_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="one_registration",
                violation_error_message="Cette personne est déjà inscrite.",
            )
        ]
        indexes = [
            # The waiting list in order, and the count of places taken.
            models.Index(fields=["meeting", "status", "created_at"], name="clubs_reg_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.meeting}"

    @property
    def club(self) -> Club:
        return self.meeting.club


class Report(models.Model):
    """« Retour sur … »: written after the meeting, a draft until published."""

    meeting = models.OneToOneField(ClubMeeting, on_delete=models.CASCADE, related_name="report")
    title = models.CharField("titre", max_length=300)
    introduction = models.TextField("introduction", blank=True, max_length=8000)
    conclusion = models.TextField("pour finir", blank=True, max_length=4000)
    is_published = models.BooleanField("publié", default=False)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    source_title = models.CharField(
        "source",
        max_length=300,
        blank=True,
        help_text="Quand le compte rendu reprend un texte publié ailleurs : son titre.",
    )
    source_url = models.URLField("adresse de la source", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # core/locking.py
    source_resource = models.SlugField(
        "ressource du catalogue",
        max_length=120,
        blank=True,
        help_text="Le compte rendu publié, quand il est une ressource du catalogue (son slug).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "retour sur une rencontre"
        verbose_name_plural = "retours sur les rencontres"

    def __str__(self) -> str:
        return self.title

    @property
    def club(self) -> Club:
        return self.meeting.club


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never the uploader's file name on disk: a random name, the checked extension.
    return f"clubs/{instance.public_id}.{instance.extension}"


class Attachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    sequence = models.ForeignKey(
        Sequence,
        verbose_name="séquence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to=attachment_path, max_length=200)
    filename = models.CharField("nom du fichier", max_length=200)
    extension = models.CharField(max_length=5, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField("taille (octets)", editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documents"
        ordering = ["report", "sequence", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def club(self) -> Club:
        return self.report.meeting.club


class Subscription(models.Model):
    """A person who receives the club's letter (opt-in; unsubscribing deletes the row)."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_subscriptions"
    )
    created_at = models.DateTimeField("abonné le", default=timezone.now)

    class Meta:
        verbose_name = "abonnement à la lettre"
        verbose_name_plural = "abonnements à la lettre"
        constraints = [
            models.UniqueConstraint(fields=["club", "user"], name="one_club_subscription")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.club}"


class NewsletterIssue(models.Model):
    """One letter of a club for one period: created (claimed) in the transaction that sends it,
    so that two runs never send the same period twice."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="newsletter_issues")
    period = models.CharField("période", max_length=10, help_text="AAAA-MM")
    sent_at = models.DateTimeField("envoyée le")
    recipients = models.PositiveIntegerField("destinataires", default=0)
    # The experiences of the catalogue when this letter was sent: the next one tells the new
    # ones (the catalogue keeps no creation date: it is loaded in bulk from its files).
    experience_slugs = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "lettre envoyée"
        verbose_name_plural = "lettres envoyées"
        ordering = ["club", "-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["club", "period"], name="one_letter_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.club} — {self.period}"


@receiver(post_delete, sender=Attachment)
def delete_file(sender, instance: Attachment, using, **kwargs) -> None:
    """A document deleted (alone, or with its report, meeting or club) leaves no file under
    MEDIA_ROOT: removed once the deletion is committed (a rolled back one keeps its file)."""
    if not instance.file.name:
        return
    storage, name = instance.file.storage, instance.file.name
    transaction.on_commit(lambda: storage.delete(name), using=using)
