"""People and the organisations they act for.

`User` replaces Django's user while keeping its table (`auth_user`), so that a database made
before accounts existed keeps its users, their passwords and the catalogue's change history
(see `management/commands/migrate.py`). An `Organisation` is a commune, an EPCI, an association,
a cooperative, a support organisation, a network...; a commune organisation *is* a commune of
the referential. A person belongs to organisations through memberships, which are deactivated,
never deleted, so that who did what stays readable.
"""

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leviers.accounts.identifiers import validate_rna, validate_siren
from leviers.core.identifiers import new_public_id


class User(AbstractUser):
    id = models.AutoField(primary_key=True)  # the type of auth_user's column, kept

    class Meta(AbstractUser.Meta):
        db_table = "auth_user"
        swappable = "AUTH_USER_MODEL"

    def display_name(self) -> str:
        """How the person appears to others: their first name and initial, else « un habitant »
        (never the e-mail address)."""
        if self.first_name:
            initial = f" {self.last_name[:1]}." if self.last_name else ""
            return f"{self.first_name}{initial}"
        return "un habitant"


class OrganisationQuerySet(models.QuerySet):
    def of(self, user):
        """The organisations where `user` has an active membership."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__is_active=True)

    def visible_to(self, user):
        """What `user` may see of organisations (accounts/permissions.py): those where they
        have an active membership, and those accompanied by a network or support organisation
        where they are an active facilitator. Everything for a superuser."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        facilitated = Membership.objects.filter(
            user=user, is_active=True, role=Membership.Role.FACILITATOR
        ).values("organisation_id")
        mine = Membership.objects.filter(user=user, is_active=True).values("organisation_id")
        return self.filter(Q(pk__in=mine) | Q(networks__in=facilitated)).distinct()


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", "Commune"
        EPCI = "epci", "Intercommunalité"
        ASSOCIATION = "association", "Association"
        COOPERATIVE = "cooperative", "Coopérative"
        SUPPORT = "accompagnement", "Structure d'accompagnement"
        NETWORK = "reseau", "Réseau"
        OTHER = "autre", "Autre"

    class Article(models.TextChoices):
        NONE = "", "Aucun (« Durtal »)"
        LE = "le", "le (« le RTES »)"
        LA = "la", "la (« la CRESS des Pays de la Loire »)"
        ELIDED = "l'", "l' (« l'IRESA »)"
        LES = "les", "les (« les Amis du café »)"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name = models.CharField("nom", max_length=200)
    article = models.CharField(
        "article devant le nom",
        max_length=3,
        choices=Article.choices,
        blank=True,
        help_text="Dans une phrase : « Animé par la CRESS des Pays de la Loire ». Aucun pour "
        "un nom de commune ou un nom qui porte déjà son article.",
    )
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    commune = models.OneToOneField(
        "territories.Commune",
        verbose_name="commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
    )
    epci = models.OneToOneField(
        "territories.Epci",
        verbose_name="intercommunalité",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
    )
    siren = models.CharField(
        "SIREN",
        max_length=9,
        blank=True,
        validators=[validate_siren],
        help_text="9 chiffres, sur l'avis de situation INSEE ou l'annuaire des entreprises.",
    )
    rna = models.CharField(
        "numéro RNA",
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text="Pour une association : W suivi de 9 chiffres (répertoire national des "
        "associations).",
    )
    networks = models.ManyToManyField(
        "self",
        verbose_name="accompagnée par",
        symmetrical=False,
        blank=True,
        related_name="accompanied",
        limit_choices_to={"kind__in": ["reseau", "accompagnement"]},
        help_text="Réseaux et structures d'accompagnement dont les animateurs suivent cette "
        "organisation (ils la voient dans l'administration).",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="commune") | Q(commune__isnull=False),
                name="commune_organisation_is_a_commune",
                violation_error_message="Une organisation de nature « commune » nomme sa commune.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="epci") | Q(epci__isnull=False),
                name="epci_organisation_is_an_epci",
                violation_error_message="Une intercommunalité nomme son EPCI.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accounts:organisation", args=[self.public_id])

    @property
    def name_in_sentence(self) -> str:
        """« la CRESS des Pays de la Loire », « l'IRESA », « Durtal »: after « par », « avec »."""
        if not self.article:
            return self.name
        return self.article + ("" if self.article.endswith("'") else " ") + self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Administrateur"
        MEMBER = "membre", "Membre"
        FACILITATOR = "animateur", "Animateur"
        # An outreach team's workers (leviers/outreach): only they see the people it follows.
        INTERVENANT = "intervenant", "Intervenant"
        COORDINATOR = "coordinateur", "Coordinateur"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField("depuis le", auto_now_add=True)
    deactivated_at = models.DateTimeField("désactivée le", null=True, blank=True)

    class Meta:
        verbose_name = "appartenance"
        verbose_name_plural = "appartenances"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    def deactivate(self) -> None:
        """The person no longer acts for the organisation; who did what stays readable."""
        if self.is_active:
            self.is_active, self.deactivated_at = False, timezone.now()
            self.save(update_fields=["is_active", "deactivated_at"])

    def reactivate(self) -> None:
        if not self.is_active:
            self.is_active, self.deactivated_at = True, None
            self.save(update_fields=["is_active", "deactivated_at"])


def hash_token(token: str) -> str:
    """Invitation tokens are kept hashed: a copy of the database opens no invitation."""
    return hashlib.sha256(token.encode()).hexdigest()


INVITATION_VALIDITY = datetime.timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mail address invited to join an organisation with a role. The link carries a token
    that only its hash here matches; it works once, until `expires_at`."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("adresse électronique")
    role = models.CharField(
        "rôle", max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="invitée par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    expires_at = models.DateTimeField("valable jusqu'au")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="acceptée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and not self.is_expired
