"""The visit journal of an outreach team (« aller-vers »): the people it meets, with the minimum.

    Person        initials or a pseudonym, year of birth, commune, lives alone or not, how to
                  reach them, a relative only if they wish; the team (an Organisation) that
                  follows them. Named in URLs by `public_id`, never by its key.
    Consent       the person's oral agreement, who noted it, when, to what; and its withdrawal,
                  which stops all processing (the record becomes read-only and minimal)
    Visit         a visit: date, worker, situation by theme, needs in a few words
    Orientation   to a service of the directory (or a service named freely), its status and
                  its history (OrientationChange), a follow-up date
    Right         a right followed from identified to obtained or refused, with its amount
    AccessLog     who read which person's record, and when; who gave or took an outreach
                  role to whom (readable by the coordinator)

No change history (simple_history) and no admin: see docs/decisions.md (30, 31) and
docs/registre-des-traitements.md. The permission door is accounts/permissions.py (outreach.*).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from leviers.accounts.models import Organisation, new_public_id
from leviers.outreach.themes import theme_label


def this_year() -> int:
    """The latest birth year a person can have: today's (read when a form is checked)."""
    return timezone.localdate().year


MONEY = {"max_digits": 10, "decimal_places": 2}
PHONE = RegexValidator(
    r"^\+?[0-9 .-]{10,20}$",
    "Écrivez un numéro de téléphone de 10 chiffres, par exemple 02 41 00 00 00.",
)


class PersonQuerySet(models.QuerySet):
    def of_team(self, organisation):
        return self.filter(organisation=organisation)

    def inactive_since(self, moment):
        """Not yet anonymised, nothing recorded since `moment`."""
        return self.filter(anonymised_at__isnull=True, last_activity_at__lt=moment)


class Person(models.Model):
    class Contact(models.TextChoices):
        VISIT = "visite", "Par une visite"
        PHONE = "telephone", "Par téléphone"
        MAIL = "courrier", "Par courrier"
        RELATIVE = "proche", "Par un proche"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="outreach_people"
    )
    label = models.CharField(
        "initiales ou pseudonyme",
        max_length=40,
        help_text="Pas de nom complet : des initiales (M. D.) ou un pseudonyme.",
    )
    birth_year = models.PositiveSmallIntegerField(
        "année de naissance",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(this_year)],
    )
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune", on_delete=models.PROTECT, related_name="+"
    )
    lives_alone = models.BooleanField("vit seule", null=True, blank=True)
    preferred_contact = models.CharField(
        "comment la joindre", max_length=20, choices=Contact.choices, default=Contact.VISIT
    )
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[PHONE])
    referent_name = models.CharField(
        "proche ou référent",
        max_length=80,
        blank=True,
        help_text="Seulement si la personne le souhaite.",
    )
    referent_phone = models.CharField(
        "téléphone du proche", max_length=20, blank=True, validators=[PHONE]
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the person withdraws their consent: the record is then read-only.
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "personne accompagnée"
        verbose_name_plural = "personnes accompagnées"
        ordering = ["-last_activity_at", "id"]
        indexes = [
            # The journal's list: a team's people, most recent activity first.
            models.Index(
                fields=["organisation", "-last_activity_at"], name="outreach_person_recent"
            ),
            # `anonymiser-accompagnement`: the records with no activity for N months.
            models.Index(fields=["anonymised_at", "last_activity_at"], name="outreach_person_idle"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("outreach:person", args=[self.organisation.public_id, self.public_id])

    @property
    def is_open(self) -> bool:
        """May anything be recorded about this person? Not once consent is withdrawn or the
        record anonymised."""
        return self.withdrawn_at is None and self.anonymised_at is None

    def consented_scopes(self) -> list[str]:
        """What the person's current consent covers (Consent.Scope); nothing once withdrawn.
        Read once per instance."""
        if not hasattr(self, "_scopes"):
            consent = self.consents.filter(withdrawn_at__isnull=True).first()
            self._scopes = list(consent.scopes) if consent else []
        return self._scopes

    def names_a_relative(self) -> bool:
        """Does the record keep a relative (their name, phone, or « par un proche »)? That
        needs the scope « proche » of the consent."""
        return bool(
            self.referent_name
            or self.referent_phone
            or self.preferred_contact == self.Contact.RELATIVE
        )

    def touch(self) -> None:
        self.last_activity_at = timezone.now()
        self.save(update_fields=["last_activity_at"])


class Consent(models.Model):
    # What each scope allows (enforced by actions.require_scope, docs/aller-vers.md):
    #   journal       a visit (date, situation, needs): without it, no record at all
    #   orientation   an orientation to a service, and its status changes
    #   droits        a right followed, its status and amount, and the screening
    #   proche        keeping a relative's name and phone, « par un proche » as the contact
    class Scope(models.TextChoices):
        JOURNAL = "journal", "Noter les visites et les besoins"
        ORIENTATION = "orientation", "Transmettre sa situation à un service"
        RIGHTS = "droits", "Suivre ses droits (demandes, montants)"
        RELATIVE = "proche", "Contacter le proche qu'elle a désigné"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    scopes = models.JSONField("elle accepte", default=list)
    oral = models.BooleanField("donné à l'oral", default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "consentement"
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"Accord du {self.recorded_at:%d/%m/%Y}"

    def scope_labels(self) -> list[str]:
        labels = dict(self.Scope.choices)
        return [labels.get(scope, scope) for scope in self.scopes]


class Visit(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("date de la visite", default=timezone.localdate)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="intervenant",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    themes = models.JSONField("situation", default=list, blank=True)
    needs = models.CharField(
        "besoins, en quelques mots",
        max_length=500,
        blank=True,
        help_text="Ce dont la personne a besoin, sans détail médical.",
    )

    class Meta:
        verbose_name = "visite"
        ordering = ["-visited_on", "-id"]
        indexes = [
            # Statistics by period; a person's last visits.
            models.Index(fields=["visited_on"], name="outreach_visit_date"),
        ]

    def __str__(self) -> str:
        return f"Visite du {self.visited_on:%d/%m/%Y}"

    def theme_labels(self) -> list[str]:
        return [theme_label(slug) for slug in self.themes]


class Orientation(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposee", "Proposée"
        ACCEPTED = "acceptee", "Acceptée par la personne"
        SENT = "transmise", "Transmise"
        TAKEN = "prise-en-charge", "Prise en charge"
        REFUSED = "refusee", "Refusée"
        NO_ANSWER = "sans-reponse", "Sans réponse"

    OPEN = (Status.PROPOSED, Status.ACCEPTED, Status.SENT)

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="orientations")
    service = models.ForeignKey(
        "services.Service",
        verbose_name="service de l'annuaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    service_label = models.CharField(
        "service",
        max_length=200,
        blank=True,
        help_text="Le service vers qui orienter, s'il n'est pas dans l'annuaire.",
    )
    theme = models.CharField("thème", max_length=40, blank=True)
    status = models.CharField(
        "état", max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    follow_up_on = models.DateField("à relancer le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_on = models.DateField(default=timezone.localdate, editable=False)

    class Meta:
        verbose_name = "orientation"
        ordering = ["-created_on", "-id"]
        indexes = [
            # « À relancer »: the open orientations whose follow-up date has come.
            models.Index(fields=["status", "follow_up_on"], name="outreach_orientation_due"),
        ]

    def __str__(self) -> str:
        return self.service_name

    @property
    def service_name(self) -> str:
        if self.service_id:
            return self.service.name
        return self.service_label or "Service non précisé"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class OrientationChange(models.Model):
    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=Orientation.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return self.get_status_display()


class Right(models.Model):
    class Kind(models.TextChoices):
        ASPA = "aspa", "Minimum vieillesse (ASPA)"
        CSS = "css", "Complémentaire santé solidaire"
        HOUSING = "aide_logement", "Aide au logement"
        APA = "apa", "Allocation personnalisée d'autonomie (APA)"
        OTHER = "autre", "Autre droit"

    class Status(models.TextChoices):
        IDENTIFIED = "identifie", "Identifié"
        REQUESTED = "demande", "Demandé"
        OBTAINED = "obtenu", "Obtenu"
        REFUSED = "refuse", "Refusé"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rights")
    kind = models.CharField("droit", max_length=20, choices=Kind.choices)
    other_label = models.CharField("lequel", max_length=120, blank=True)
    status = models.CharField(
        "état", max_length=20, choices=Status.choices, default=Status.IDENTIFIED
    )
    monthly_amount = models.DecimalField(
        "montant mensuel (€)", **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    identified_on = models.DateField("identifié le", default=timezone.localdate)
    requested_on = models.DateField("demandé le", null=True, blank=True)
    decided_on = models.DateField("décision le", null=True, blank=True)

    class Meta:
        verbose_name = "droit suivi"
        verbose_name_plural = "droits suivis"
        ordering = ["identified_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="autre", other_label=""),
                name="outreach_right_other_has_label",
                violation_error_message="Pour un autre droit, écrivez lequel.",
            )
        ]

    def __str__(self) -> str:
        return self.other_label if self.kind == self.Kind.OTHER else self.get_kind_display()


class AccessLog(models.Model):
    class Action(models.TextChoices):
        READ = "lecture", "Lecture de la fiche"
        EXPORT = "export", "Export des données"
        DELETE = "suppression", "Suppression des données"
        ROLE_GRANTED = "role-donne", "Rôle donné"
        ROLE_REMOVED = "role-retire", "Rôle retiré"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="outreach_access_log"
    )
    # SET_NULL: a deleted person's record leaves the trace that it was read, and deleted.
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices, default=Action.READ)
    at = models.DateTimeField(default=timezone.now)
    # A role given or taken (ROLE_*): to whom, which role. `user` is who did it (None: the
    # operator's command `nommer-coordinateur`, or an account since deleted).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = "accès à une fiche"
        ordering = ["-at", "-id"]
        indexes = [
            # The coordinator's page: a team's accesses, most recent first, each page read
            # from its bound (at, id) on (reports.access_log_page: keyset pagination).
            models.Index(fields=["organisation", "-at", "-id"], name="outreach_access_page"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} le {self.at:%d/%m/%Y %H:%M}"
