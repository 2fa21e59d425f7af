"""Projects: what a local authority runs with its inhabitants and ESS partners.

A project belongs to one organisation (the one that leads it) and may be co-led by others. It
has a public page for inhabitants and a private workspace for its team. Its URLs carry
`public_id`, never the database id.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from leviers.accounts.models import Organisation, new_public_id


class Stage(models.TextChoices):
    IDEA = "idee", "Idée"
    STUDY = "etude", "Étude"
    SETUP = "montage", "Montage"
    LAUNCH = "lancement", "Lancement"
    RUNNING = "fonctionnement", "Fonctionnement"


class ProjectQuerySet(models.QuerySet):
    def led_or_co_led_by(self, organisations):
        return self.filter(
            Q(organisation__in=organisations)
            | Q(partners__organisation__in=organisations, partners__role=Partner.Role.CO_LEAD)
        ).distinct()

    def with_workspace_for(self, user):
        """The projects whose workspace `user` sees: the rule `workspace.view_workspace` of the
        permission door (accounts/permissions.py), asked for many projects at once."""
        if not user.is_authenticated:
            return self.none()
        return self.led_or_co_led_by(Organisation.objects.of(user))


class Project(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    title = models.CharField("titre", max_length=200)
    description = models.TextField("description", blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation porteuse",
        on_delete=models.PROTECT,
        related_name="projects",
    )
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    epci = models.ForeignKey(
        "territories.Epci", on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    stage = models.CharField("étape", max_length=20, choices=Stage.choices, default=Stage.IDEA)
    is_public = models.BooleanField(
        "page publique", default=True, help_text="Les habitants voient la page du projet."
    )
    anonymous_contributions = models.BooleanField(
        "contributions sans compte",
        default=False,
        help_text="Un habitant peut contribuer sans créer de compte.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    # Optimistic locking: a write states the version it read; a stale one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Carried over from the roadmap the project was made from (which stays reachable).
    roadmap = models.ForeignKey(
        "journey.Roadmap",
        verbose_name="feuille de route d'origine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    levers = models.ManyToManyField(
        "catalogue.Lever", verbose_name="leviers", blank=True, related_name="projects"
    )
    schemes = models.ManyToManyField(
        "catalogue.Scheme", verbose_name="dispositifs", blank=True, related_name="projects"
    )
    needs = models.JSONField("besoins", default=list, blank=True)
    beneficiary = models.CharField("porteur", max_length=40, blank=True)
    answers = models.JSONField("réponses aux questions", default=dict, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "projet"
        verbose_name_plural = "projets"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False) | Q(epci__isnull=False),
                name="project_has_a_territory",
                violation_error_message="Un projet porte sur une commune ou un EPCI.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:project", args=[self.public_id])

    @property
    def project(self) -> "Project":
        """Every object of the workspace answers `.project`: the permission door reads it."""
        return self

    @property
    def territory(self):
        return self.commune if self.commune_id else self.epci

    def organisation_ids(self) -> set[int]:
        """The leading organisation and the co-leading ones: their members are the project's
        team (a plain partner takes part without seeing the private workspace)."""
        co_leads = self.partners.filter(role=Partner.Role.CO_LEAD)
        return {self.organisation_id, *co_leads.values_list("organisation_id", flat=True)}


class Partner(models.Model):
    """An organisation that co-leads a project, or takes part in it."""

    class Role(models.TextChoices):
        CO_LEAD = "copilote", "Co-pilote"
        PARTNER = "partenaire", "Partenaire"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.CO_LEAD)

    class Meta:
        verbose_name = "organisation partenaire"
        verbose_name_plural = "organisations partenaires"
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="one_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Activity(models.Model):
    """Something that happened in a project and that its team may want to hear about (a new
    contribution, a meeting scheduled, a decision taken...). Written by `activity.record`;
    read by the project's activity page and the daily digest (`leviers envoyer-resumes`)."""

    class Kind(models.TextChoices):
        PROJECT = "project", "La vie du projet : étape, partenaires, équipe, réglages"
        CONTRIBUTION = "contribution", "Les contributions des habitants"
        PROPOSAL = "proposal", "Les propositions"
        MEETING = "meeting", "Les réunions"
        DECISION = "decision", "Les décisions"
        COPIL = "copil", "Le comité de pilotage"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    text = models.CharField("ce qui s'est passé", max_length=300)
    url = models.CharField("adresse", max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Serves the digest's query: every activity since a moment (created_at > since).
    created_at = models.DateTimeField("le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "activité"
        verbose_name_plural = "activités"
        ordering = ["-created_at", "-id"]
        indexes = [
            # Serves the project's activity page (its latest activities, newest first).
            models.Index(fields=["project", "-created_at"], name="activity_of_project"),
        ]

    def __str__(self) -> str:
        return self.text


def every_activity_kind() -> list[str]:
    """What a new person receives: everything (in one digest a day)."""
    return list(Activity.Kind.values)


class StageChange(models.Model):
    """One step of a project's history: from which stage to which, when, by whom."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField("étape quittée", max_length=20, choices=Stage.choices)
    to_stage = models.CharField("nouvelle étape", max_length=20, choices=Stage.choices)
    note = models.CharField("pourquoi", max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "changement d'étape"
        verbose_name_plural = "changements d'étape"
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class TeamRole(models.Model):
    """Who does what in a project (« référente habitants », « trésorier »...). The team itself
    is the people of the leading organisations (accounts.permissions.team_of); this only names their
    function in this project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team_roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_roles"
    )
    function = models.CharField("rôle dans le projet", max_length=100)

    class Meta:
        verbose_name = "rôle dans l'équipe"
        verbose_name_plural = "rôles dans l'équipe"
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="one_team_role")]

    def __str__(self) -> str:
        return self.function


class NotificationPreference(models.Model):
    """What a person receives by e-mail: a digest (daily by default, weekly, or none) of the
    kinds of activity they chose, of the projects whose workspace they see. Never one e-mail
    per event: `last_sent_at` makes the digest command send at most one per period."""

    class Frequency(models.TextChoices):
        DAILY = "quotidien", "Un résumé par jour (s'il s'est passé quelque chose)"
        WEEKLY = "hebdomadaire", "Un résumé par semaine"
        NEVER = "jamais", "Aucun courriel"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    frequency = models.CharField(
        "fréquence", max_length=20, choices=Frequency.choices, default=Frequency.DAILY
    )
    kinds = models.JSONField("ce que je reçois", default=every_activity_kind, blank=True)
    # Serves the digest: activities after this moment are not sent yet.
    last_sent_at = models.DateTimeField("dernier résumé envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"

    def __str__(self) -> str:
        return self.get_frequency_display()

    def wants(self, kind: str) -> bool:
        return self.frequency != self.Frequency.NEVER and kind in self.kinds
