"""The funding plan of a project: its budget, its applications for aid and what follows them.

    BudgetLine     an expense, own funds, or volunteer hours (optionally valued) for a year
    Application    an application for aid, to a scheme of the catalogue (by slug) or to a
                   funder outside it: amounts asked and granted, status with its history
                   (StatusChange), instalments by year (Instalment), deadlines with reminders
                   (Deadline), the list of documents to gather (Document, names and states:
                   no file is stored)

Read API for the pages above this app (participation):
    Deadline.objects.upcoming(project, today, limit=5)  → the next open deadlines, overdue first
    funding.report.plan_context(project)                → the plan for the council report

Every object answers `.project`: the permission door (accounts/permissions.py) reads it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from leviers.accounts.models import new_public_id
from leviers.funding import plan
from leviers.workspace.models import Project

MONEY = {"max_digits": 12, "decimal_places": 2}
YEARS = [MinValueValidator(2000), MaxValueValidator(2100)]


def this_year() -> int:
    return timezone.localdate().year


class BudgetLine(models.Model):
    class Kind(models.TextChoices):
        EXPENSE = plan.EXPENSE, "Dépense"
        OWN_FUNDS = plan.OWN_FUNDS, "Fonds propres"
        VOLUNTEERING = plan.VOLUNTEERING, "Bénévolat (heures)"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices, default=Kind.EXPENSE)
    label = models.CharField(
        "intitulé", max_length=200, help_text="Par exemple : travaux du local, mobilier."
    )
    year = models.PositiveSmallIntegerField("année", default=this_year, validators=YEARS)
    amount = models.DecimalField(
        "montant (€)", **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    hours = models.DecimalField(
        "heures de bénévolat",
        max_digits=8,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    valued = models.BooleanField(
        "valoriser ces heures dans le budget",
        default=False,
        help_text="Au taux horaire réglé pour le site (le SMIC horaire brut par défaut).",
    )

    class Meta:
        verbose_name = "ligne du budget"
        verbose_name_plural = "lignes du budget"
        ordering = ["year", "kind", "label", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0) & models.Q(hours__gte=0),
                name="funding_budgetline_not_negative",
                violation_error_message="Un montant ou un nombre d'heures ne peut être négatif.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.year})"

    def as_line(self) -> plan.Line:
        return plan.Line(self.kind, self.year, self.amount, self.hours, self.valued)


class Status(models.TextChoices):
    PREPARING = plan.PREPARING, "À préparer"
    FILED = plan.FILED, "Déposé"
    REVIEWING = plan.REVIEWING, "En instruction"
    GRANTED = plan.GRANTED, "Accordé"
    REFUSED = plan.REFUSED, "Refusé"
    PAID = plan.PAID, "Versé"
    SETTLED = plan.SETTLED, "Soldé"


class Application(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="funding_applications"
    )
    title = models.CharField(
        "objet de la demande", max_length=200, help_text="Par exemple : rénovation du local."
    )
    # A scheme of the catalogue, by its slug (kept when the catalogue is reloaded); empty for a
    # funder the catalogue does not list.
    scheme_slug = models.SlugField("dispositif du catalogue", max_length=120, blank=True)
    funder = models.CharField(
        "financeur",
        max_length=200,
        blank=True,
        help_text="Par exemple : Fondation de France, conseil départemental.",
    )
    amount_asked = models.DecimalField(
        "montant demandé (€)", **MONEY, validators=[MinValueValidator(0)]
    )
    amount_granted = models.DecimalField(
        "montant accordé (€)", **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    year = models.PositiveSmallIntegerField(
        "année",
        default=this_year,
        validators=YEARS,
        help_text="L'année où compter l'aide quand aucun versement n'est prévu.",
    )
    status = models.CharField(
        "état", max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    status_on = models.DateField("depuis le", default=timezone.localdate)
    notes = models.TextField("notes", blank=True)
    # Optimistic locking: a write states the version it read; a stale one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "demande de financement"
        verbose_name_plural = "demandes de financement"
        ordering = ["year", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scheme_slug="", funder=""),
                name="funding_application_has_funder",
                violation_error_message="Choisissez un dispositif du catalogue ou nommez le "
                "financeur.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:application", args=[self.project.public_id, self.public_id])

    @property
    def counted_amount(self) -> Decimal:
        return plan.aid_amount(self.as_aid())

    def as_aid(self, instalments=None) -> plan.Aid:
        instalments = self.instalments.all() if instalments is None else instalments
        return plan.Aid(
            self.title,
            self.status,
            self.year,
            self.amount_asked,
            self.amount_granted,
            tuple((i.year, i.amount) for i in instalments),
            tuple((i.received_on.year, i.amount) for i in instalments if i.received_on),
        )


class StatusChange(models.Model):
    """One step of an application's history (the first one is its creation)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    status = models.CharField("état", max_length=20, choices=Status.choices)
    changed_on = models.DateField("le")
    note = models.CharField("précision", max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "changement d'état"
        ordering = ["changed_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} le {self.changed_on:%d/%m/%Y}"

    @property
    def project(self):
        return self.application.project


class Instalment(models.Model):
    """The part of the aid expected in a year (« tranche »), and when it was received."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="instalments"
    )
    year = models.PositiveSmallIntegerField("année", validators=YEARS)
    amount = models.DecimalField("montant (€)", **MONEY, validators=[MinValueValidator(0)])
    received_on = models.DateField("reçu le", null=True, blank=True)

    class Meta:
        verbose_name = "versement"
        ordering = ["year", "id"]

    def __str__(self) -> str:
        return f"{self.year} : {plan.euros(self.amount)}"

    @property
    def project(self):
        return self.application.project


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def upcoming(self, project, today: date, *, limit: int = 5) -> list[Deadline]:
        """The open deadlines of `project`'s applications, soonest first (overdue ones
        included: they are the most urgent). One query."""
        found = list(
            self.open()
            .filter(application__project=project)
            .select_related("application")
            .order_by("due_on", "id")[:limit]
        )
        for deadline in found:
            deadline.application.project = project  # its URL names the project
        return seen_on(found, today)


def seen_on(deadlines: list[Deadline], today: date) -> list[Deadline]:
    """`deadlines`, each told whether it is late or due today (for the templates)."""
    for deadline in deadlines:
        deadline.late = deadline.done_on is None and deadline.due_on < today
        deadline.due_today = deadline.due_on == today
    return deadlines


class Deadline(models.Model):
    """A date not to miss: filing, additional documents, spending proof, the balance request."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="deadlines")
    label = models.CharField(
        "échéance", max_length=200, help_text="Par exemple : dépôt du dossier complet."
    )
    due_on = models.DateField("pour le")
    done_on = models.DateField("faite le", null=True, blank=True)
    # The smallest reminder lead (days before) already told (`leviers rappeler-echeances`).
    reminded_lead = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = "échéance"
        ordering = ["due_on", "id"]
        indexes = [
            # Serves the reminder command and the dashboard: open deadlines by date.
            models.Index(fields=["done_on", "due_on"], name="funding_deadline_open_due"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def project(self):
        return self.application.project

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


class Document(models.Model):
    """A document of the application file: its name and where it stands (no upload)."""

    class State(models.TextChoices):
        TO_GATHER = "a-rassembler", "À rassembler"
        READY = "pret", "Prêt"
        SENT = "transmis", "Transmis"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(
        "pièce", max_length=200, help_text="Par exemple : délibération du conseil municipal."
    )
    state = models.CharField("état", max_length=20, choices=State.choices, default=State.TO_GATHER)

    class Meta:
        verbose_name = "pièce du dossier"
        verbose_name_plural = "pièces du dossier"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def project(self):
        return self.application.project
