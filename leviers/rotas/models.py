"""Slots of a project held by associations or by volunteers, and their calendars.

    Series      a run of slots by a rule (« chaque vendredi 18 h–23 h, de juin à août »): held
                by associations (one association per slot, which finds its own volunteers) or
                by volunteers (up to `capacity` people per slot); the slots are written when
                the series is created
    Slot        one evening or one permanence: its holding association (an Organisation, or a
                plain name for an association without an account), whether it needs a temporary
                drinks licence, `taken` (the number of people signed up, kept by actions.py)
    Volunteer   a person on the project's rotas: with an account, or only a name added by a
                coordinator
    SignUp      a volunteer on a slot (seeking a replacement, absent)
    Swap        a proposal to exchange two slots (associations) or two sign-ups (volunteers),
                accepted or refused by the other party, or withdrawn by its proposer
    FeedToken   a secret, revocable iCalendar address (the token is stored hashed)

Every object answers `.project` (and `.series`): the permission door (accounts/permissions.py)
reads them. Writes go through actions.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property

from leviers.accounts.models import Organisation, hash_token, new_public_id
from leviers.rotas.recurrence import PARIS, WEEKDAY_NAMES, Rule
from leviers.workspace.models import Project


class SeriesQuerySet(models.QuerySet):
    def announced(self, project) -> list[Series]:
        """The series of `project` announced to inhabitants (one query), for its public page."""
        found = list(self.filter(project=project, is_public=True))
        for series in found:
            series.project = project
        return found


class Series(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATIONS = "associations", "Tenue par des associations (une par créneau)"
        VOLUNTEERS = "benevoles", "Tenue par des bénévoles (plusieurs par créneau)"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="rota_series")
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    kind = models.CharField("tenue par", max_length=20, choices=Kind.choices)
    title = models.CharField("titre", max_length=200)
    place = models.CharField("lieu", max_length=200, blank=True)
    description = models.TextField("description", blank=True, max_length=2000)
    is_public = models.BooleanField(
        "annoncée aux habitants",
        default=True,
        help_text="Visible sur la page publique du projet ; sinon, l'équipe seule la voit.",
    )
    needs_licence = models.BooleanField(
        "avec buvette (autorisation temporaire de débit de boissons)", default=False
    )
    capacity = models.PositiveSmallIntegerField(
        "bénévoles par créneau", default=2, help_text="Pour une série tenue par des bénévoles."
    )
    first_day = models.DateField("premier jour")
    last_day = models.DateField("dernier jour")
    weekdays = models.CharField("jours", max_length=7, help_text="0 = lundi … 6 = dimanche")
    start_time = models.TimeField("début")
    end_time = models.TimeField("fin")
    interval = models.PositiveSmallIntegerField("toutes les … semaines", default=1)
    invited = models.ManyToManyField(
        Organisation,
        verbose_name="associations invitées à prendre un créneau",
        related_name="invited_rota_series",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name = "série de créneaux"
        verbose_name_plural = "séries de créneaux"
        ordering = ["first_day", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self._url

    @cached_property
    def _url(self) -> str:
        return reverse("rotas:series", args=[self.project.public_id, self.public_id])

    @property
    def series(self):
        return self

    @property
    def is_associations(self) -> bool:
        return self.kind == self.Kind.ASSOCIATIONS

    @property
    def rule(self) -> Rule:
        return Rule(
            first_day=self.first_day,
            last_day=self.last_day,
            weekdays=tuple(int(d) for d in self.weekdays),
            start=self.start_time,
            end=self.end_time,
            interval=self.interval,
        )

    def describe(self) -> str:
        return self.rule.describe()

    def weekday_names(self) -> list[str]:
        return [WEEKDAY_NAMES[int(d)] for d in self.weekdays]

    def invited_ids(self) -> list[int]:
        """The organisations that may take a free slot (read once per object)."""
        if "_invited_ids" not in self.__dict__:
            self._invited_ids = list(self.invited.values_list("pk", flat=True))
        return self._invited_ids


def year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=PARIS)


class SlotQuerySet(models.QuerySet):
    def live(self):
        return self.filter(is_cancelled=False)

    def with_people(self):
        """One tuple per slot and sign-up, by date, the sign-ups of a slot together: the
        fields of `EXPORT_FIELDS` (a LEFT JOIN: a slot nobody signed up for gives one tuple
        whose last three are None). The CSV reads a series in this one query."""
        return self.order_by("starts_at", "pk", "signups__created_at", "signups__pk").values_list(
            *EXPORT_FIELDS
        )

    def licences_of(self, *, organisation=None, name: str = "", year: int):
        """The slots needing a drinks licence held by an association in a calendar year (Paris),
        across every project: the legal limit is per association, not per project."""
        holder = Q(organisation=organisation) if organisation else Q(holder_name__iexact=name)
        return self.live().filter(
            holder,
            needs_licence=True,
            starts_at__gte=year_start(year),
            starts_at__lt=year_start(year + 1),
        )


EXPORT_FIELDS = (
    "pk",
    "starts_at",
    "ends_at",
    "organisation__name",
    "holder_name",
    "needs_licence",
    "is_cancelled",
    "capacity",
    "taken",
    "signups__volunteer__name",
    "signups__no_show",
    "signups__seeks_replacement",
)


class Slot(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="slots")
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rota_slots",
    )
    holder_name = models.CharField("association (sans compte)", max_length=200, blank=True)
    needs_licence = models.BooleanField("avec buvette", default=False)
    is_cancelled = models.BooleanField("annulé", default=False)
    capacity = models.PositiveSmallIntegerField("places", default=0)
    # The number of sign-ups, kept by actions.py in the statement that checks the capacity
    # (UPDATE … WHERE taken < capacity): two people cannot both take the last place.
    taken = models.PositiveSmallIntegerField("inscrits", default=0)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = "créneau"
        ordering = ["starts_at"]
        indexes = [
            # A series' page, its CSV, its feed and « qui manque » read its slots by date.
            models.Index(fields=["series", "starts_at"], name="rotas_slot_series_start"),
            # The licence count of an association in a year.
            models.Index(fields=["organisation", "starts_at"], name="rotas_slot_org_start"),
            # The reminders command reads the slots of the next days.
            models.Index(fields=["starts_at"], name="rotas_slot_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=models.F("capacity")),
                name="rotas_slot_taken_within_capacity",
                violation_error_message="Ce créneau est complet.",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(holder_name=""),
                name="rotas_slot_one_holder",
                violation_error_message="Un créneau est tenu par une seule association.",
            ),
        ]

    def __str__(self):
        return f"{self.series.title}, {self.local_start:%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        # Its series' address and its id (urls.py: SLOT = f"{S}/<slot_id>"): one reverse() per
        # series rather than per slot, which a year's calendar (366 slots) felt (50 ms).
        return f"{self.series.get_absolute_url()}{self.public_id}/"

    @property
    def project(self):
        return self.series.project

    @property
    def local_start(self):
        return self.starts_at.astimezone(PARIS)

    @property
    def local_end(self):
        return self.ends_at.astimezone(PARIS)

    @property
    def holder(self) -> str:
        """The holding association's name, or an empty string for a free slot."""
        if self.organisation_id:
            return self.organisation.name
        return self.holder_name

    @property
    def is_free(self) -> bool:
        return not self.organisation_id and not self.holder_name

    @property
    def missing(self) -> int:
        return max(self.capacity - self.taken, 0)


class Volunteer(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="volunteers")
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rota_volunteers",
    )
    name = models.CharField("nom", max_length=200)
    contact = models.CharField(
        "téléphone ou courriel",
        max_length=200,
        blank=True,
        help_text="Facultatif, vu de l'équipe seule, pour prévenir la personne.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bénévole"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(user__isnull=False),
                name="rotas_one_volunteer_per_user_and_project",
            )
        ]

    def __str__(self):
        return self.name


class SignUp(models.Model):
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    seeks_replacement = models.BooleanField("cherche un remplaçant", default=False)
    no_show = models.BooleanField("absent", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "volunteer"],
                name="rotas_one_signup_per_slot",
                violation_error_message="Cette personne est déjà inscrite sur ce créneau.",
            )
        ]

    def __str__(self):
        return f"{self.volunteer} : {self.slot}"

    @property
    def project(self):
        return self.slot.series.project

    @property
    def series(self):
        return self.slot.series


class Swap(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposee", "En attente de réponse"
        ACCEPTED = "acceptee", "Acceptée"
        REFUSED = "refusee", "Refusée"
        STALE = "caduque", "Caduque (un des créneaux a changé de main)"
        WITHDRAWN = "retiree", "Retirée par qui l'avait proposée"

    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    offered = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")
    wanted = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")
    # Associations' series: the two holders when it was proposed.
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Volunteers' series: the two people.
    from_volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "échange"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Échange {self.public_id} ({self.get_status_display()})"

    @property
    def project(self):
        return self.offered.series.project

    @property
    def series(self):
        return self.offered.series

    @property
    def from_name(self) -> str:
        return str(self.from_organisation or self.from_volunteer)

    @property
    def to_name(self) -> str:
        return str(self.to_organisation or self.to_volunteer)


class FeedToken(models.Model):
    class Scope(models.TextChoices):
        PROJECT = "projet", "Tous les créneaux du projet"
        PERSON = "personne", "Mes créneaux"
        ASSOCIATION = "association", "Les créneaux d'une association"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="rota_feeds")
    public_id = models.CharField(max_length=12, unique=True, default=new_public_id, editable=False)
    scope = models.CharField(max_length=12, choices=Scope.choices)
    # The holder: the feed shows what this person may see, checked at each read.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rota_feeds"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # sha256 of the secret: a copy of the database does not give the addresses.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "agenda partagé"
        ordering = ["-created_at"]

    def __str__(self):
        return self.describe()

    hash = staticmethod(hash_token)  # sha256, as the accounts' invitations

    def describe(self) -> str:
        if self.scope == self.Scope.ASSOCIATION and self.organisation_id:
            return f"Les créneaux de {self.organisation.name}"
        return self.get_scope_display()


REMINDER_WINDOW = timedelta(hours=48)
