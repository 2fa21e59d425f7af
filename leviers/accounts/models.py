"""People and the organisations they act for.

`User` replaces Django's user while keeping its table (`auth_user`), so that a database made
before accounts existed keeps its users, their passwords and the catalogue's change history
(see `management/commands/migrate.py`). An `Organisation` is a commune, an EPCI, an association,
a cooperative, a support organisation, a network...; a commune organisation *is* a commune of
the referential. A person belongs to organisations through memberships, which are deactivated,
never deleted, so that who did what stays readable.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    id = models.AutoField(primary_key=True)  # the type of auth_user's column, kept

    class Meta(AbstractUser.Meta):
        db_table = "auth_user"
        swappable = "AUTH_USER_MODEL"


def new_public_id() -> str:
    """An identifier for URLs that nobody can guess or count through (12 characters)."""
    return secrets.token_urlsafe(9)


class OrganisationQuerySet(models.QuerySet):
    def of(self, user):
        """The organisations where `user` has an active membership."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__is_active=True)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", "Commune"
        EPCI = "epci", "Intercommunalité"
        ASSOCIATION = "association", "Association"
        COOPERATIVE = "cooperative", "Coopérative"
        SUPPORT = "accompagnement", "Structure d'accompagnement"
        NETWORK = "reseau", "Réseau"
        OTHER = "autre", "Autre"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name = models.CharField("nom", max_length=200)
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
    siren = models.CharField("SIREN", max_length=9, blank=True)
    rna = models.CharField("numéro RNA", max_length=10, blank=True)
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


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Administrateur"
        MEMBER = "membre", "Membre"
        FACILITATOR = "animateur", "Animateur"

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
