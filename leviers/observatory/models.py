"""ESS establishments from SIRENE, their precomputed indicators, and what curators add."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from leviers.territories.models import Commune


class Family(models.TextChoices):
    ASSOCIATION = "association", "Associations"
    COOPERATIVE = "cooperative", "Coopératives"
    MUTUELLE = "mutuelle", "Mutuelles"
    FONDATION = "fondation", "Fondations"
    SOCIETE_COMMERCIALE = "societe_commerciale", "Sociétés commerciales de l'ESS"
    AUTRE = "autre", "Autres organismes de l'ESS"


class EssEstablishmentQuerySet(models.QuerySet):
    def in_commune(self, commune: Commune) -> EssEstablishmentQuerySet:
        return self.filter(commune=commune)

    def matching(self, filters) -> EssEstablishmentQuerySet:
        """Those the directory's filters keep (`q`, `famille`, `secteur`, `employeur`, already
        checked: an empty value keeps everyone)."""
        found = self
        if filters.q:
            found = found.filter(
                models.Q(name__icontains=filters.q)
                | models.Q(trade_name__icontains=filters.q)
                | models.Q(naf_label__icontains=filters.q)
            )
        if filters.famille:
            found = found.filter(family=filters.famille)
        if filters.secteur:
            found = found.filter(naf_section=filters.secteur)
        if filters.employeur:
            found = found.filter(employer=filters.employeur == "oui")
        return found

    def alphabetical(self) -> EssEstablishmentQuerySet:
        return self.order_by(Lower("name"), "siret")


class EssEstablishment(models.Model):
    """An active establishment of an ESS legal unit, as SIRENE describes it (replaced at import)."""

    # Unique and indexed through Meta, not `unique=True` / `db_index=True`: on PostgreSQL those
    # add a second `_like` index per column for LIKE 'prefix%' queries, which nothing makes, and
    # which the import rewrites for each of its 700,000 rows (COPY 16 s with them, 10 s without).
    siret = models.CharField("SIRET", max_length=14)
    siren = models.CharField("SIREN", max_length=9)
    name = models.CharField("dénomination", max_length=300)
    trade_name = models.CharField("enseigne ou nom d'usage", max_length=300, blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    # Its index is the first column of `ess_estab_commune_name`.
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="ess_establishments", db_index=False
    )
    naf_code = models.CharField("code NAF", max_length=6, blank=True)
    naf_label = models.CharField("activité (NAF)", max_length=200, blank=True)
    naf_section = models.CharField("section NAF", max_length=1, blank=True)
    legal_category = models.CharField("catégorie juridique", max_length=4, blank=True)
    family = models.CharField("famille de l'ESS", max_length=20, choices=Family.choices)
    ess_flag = models.BooleanField("marquée ESS dans SIRENE")
    ess_legal_category = models.BooleanField("catégorie juridique de l'ESS")
    headcount_band = models.CharField("tranche d'effectif", max_length=2, blank=True)
    employer = models.BooleanField("employeur", null=True)
    created_on = models.DateField("date de création", null=True, blank=True)
    head_office = models.BooleanField("siège", default=False)
    # WGS 84, from SIRENE's Lambert-93 position (metropolitan France only); none: the map
    # places the establishment at its commune's centroid.
    longitude = models.FloatField("longitude", null=True, blank=True)
    latitude = models.FloatField("latitude", null=True, blank=True)

    objects = EssEstablishmentQuerySet.as_manager()

    class Meta:
        verbose_name = "établissement de l'ESS"
        verbose_name_plural = "établissements de l'ESS"
        ordering = ["name", "siret"]
        indexes = [
            # Serves the alphabetical directory of a commune's actors, and any lookup by commune.
            models.Index("commune", Lower("name"), name="ess_estab_commune_name"),
            # Serves "the other establishments of this legal unit" and the links between actors.
            models.Index(fields=["siren"], name="ess_estab_siren"),
        ]
        constraints = [models.UniqueConstraint(fields=["siret"], name="ess_estab_unique_siret")]

    def __str__(self) -> str:
        return f"{self.name} ({self.siret})"

    @property
    def sirene_url(self) -> str:
        return f"https://annuaire-entreprises.data.gouv.fr/etablissement/{self.siret}"

    @property
    def display_name(self) -> str:
        if self.trade_name and self.trade_name.lower() != self.name.lower():
            return f"{self.name} — {self.trade_name}"
        return self.name


class EssFigures(models.Model):
    """The indicators of one territory, computed at import (never at page time)."""

    establishments = models.PositiveIntegerField("établissements de l'ESS", default=0)
    legal_units = models.PositiveIntegerField("unités légales de l'ESS", default=0)
    employer_establishments = models.PositiveIntegerField("établissements employeurs", default=0)
    headcount_low = models.PositiveIntegerField("effectif estimé, borne basse", default=0)
    headcount_high = models.PositiveIntegerField("effectif estimé, borne haute", default=0)
    headcount_unknown = models.PositiveIntegerField("établissements sans tranche", default=0)
    by_family = models.JSONField("établissements par famille", default=dict)
    by_section = models.JSONField("établissements par section NAF", default=dict)
    private_establishments = models.PositiveIntegerField(
        "établissements privés actifs (tous secteurs)", default=0
    )
    # The denominator of the headline share, as the CRESS publish it: employer establishments
    # on both sides (sole traders without staff and furnished-rental landlords left out).
    private_employer_establishments = models.PositiveIntegerField(
        "établissements employeurs privés actifs", default=0
    )

    class Meta:
        abstract = True

    @property
    def ess_share(self) -> float | None:
        """Employer ESS establishments over employer private establishments."""
        if not self.private_employer_establishments:
            return None
        return self.employer_establishments / self.private_employer_establishments


class CommuneEssStats(EssFigures):
    commune = models.OneToOneField(
        Commune, on_delete=models.CASCADE, primary_key=True, related_name="ess_stats"
    )

    class Meta:
        verbose_name = "indicateurs ESS d'une commune"
        verbose_name_plural = "indicateurs ESS des communes"

    def __str__(self) -> str:
        return f"ESS de {self.commune_id}"


class TerritoryEssStats(EssFigures):
    """Indicators of an EPCI, a department, a region or France (code "FR")."""

    class Level(models.TextChoices):
        EPCI = "epci", "EPCI"
        DEPARTMENT = "department", "Département"
        REGION = "region", "Région"
        FRANCE = "france", "France"

    level = models.CharField("niveau", max_length=10, choices=Level.choices)
    code = models.CharField("code", max_length=9)

    class Meta:
        verbose_name = "indicateurs ESS d'un territoire"
        verbose_name_plural = "indicateurs ESS des territoires"
        constraints = [
            # Serves the comparison lookups of a territory page.
            models.UniqueConstraint(
                fields=["level", "code"],
                name="ess_stats_level_code",
                violation_error_message="Ce territoire a déjà ses indicateurs.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.code}"


class ActorProfileQuerySet(models.QuerySet):
    def volunteers_of(self, commune: Commune) -> ActorProfileQuerySet:
        """The associations without SIRET of a commune, alphabetically."""
        return self.filter(commune=commune, siret="").order_by(Lower("name"))

    def of_establishments(self, sirets) -> ActorProfileQuerySet:
        return self.filter(siret__in=sirets).exclude(siret="")


class ActorProfile(models.Model):
    """What curators and actors add to SIRENE, or an actor SIRENE does not know.

    An actor is either a SIRENE establishment (`siret`) or a volunteer-only association
    without SIRET, known by its RNA number (`rna`) and attached to a commune.
    """

    siret = models.CharField(
        "SIRET", max_length=14, blank=True, help_text="Établissement SIRENE décrit."
    )
    rna = models.CharField(
        "numéro RNA",
        max_length=10,
        blank=True,
        help_text="Association sans SIRET (bénévole) : numéro du répertoire national (W…).",
    )
    name = models.CharField(
        "nom", max_length=300, blank=True, help_text="Obligatoire pour une association sans SIRET."
    )
    # Serves the curated actors of a commune's directory.
    commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ess_actor_profiles",
    )
    description = models.TextField("description", blank=True)
    contact = models.CharField("contact", max_length=300, blank=True)
    website = models.URLField("site internet", max_length=300, blank=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    objects = ActorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = "fiche d'acteur"
        verbose_name_plural = "fiches d'acteurs"
        ordering = ["name", "siret"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(siret="", rna=""),
                name="actor_siret_or_rna",
                violation_error_message="Indiquez un SIRET ou un numéro RNA.",
            ),
            models.UniqueConstraint(
                fields=["siret"],
                condition=~models.Q(siret=""),
                name="actor_unique_siret",
                violation_error_message="Ce SIRET a déjà une fiche.",
            ),
            models.UniqueConstraint(
                fields=["rna"],
                condition=~models.Q(rna=""),
                name="actor_unique_rna",
                violation_error_message="Ce numéro RNA a déjà une fiche.",
            ),
            models.CheckConstraint(
                condition=models.Q(siret="") | models.Q(siret__regex=r"^[0-9]{14}$"),
                name="actor_siret_format",
                violation_error_message="Le SIRET compte 14 chiffres.",
            ),
            models.CheckConstraint(
                condition=models.Q(rna="") | models.Q(rna__regex=r"^W[0-9A-Z]{9}$"),
                name="actor_rna_format",
                violation_error_message="Le numéro RNA s'écrit W suivi de 9 caractères.",
            ),
            models.CheckConstraint(
                condition=~models.Q(siret="")
                | (~models.Q(name="") & models.Q(commune__isnull=False)),
                name="actor_rna_needs_name_and_commune",
                violation_error_message=(
                    "Une association sans SIRET a besoin d'un nom et d'une commune."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.siret or self.rna

    def get_absolute_url(self) -> str:
        return reverse("observatory:actors", args=[self.commune_id]) if self.commune_id else ""

    @property
    def key(self) -> str:
        return self.siret or self.rna


class ActorLinkQuerySet(models.QuerySet):
    def touching(self, profiles) -> ActorLinkQuerySet:
        """The links from or to any of `profiles`, with both ends."""
        return self.filter(
            models.Q(source__in=profiles) | models.Q(target__in=profiles)
        ).select_related("source", "target")


class ActorLink(models.Model):
    """A complementarity between two actors, as curators record it."""

    class Kind(models.TextChoices):
        PARTNERSHIP = "partenariat", "Partenariat"
        POOLING = "mutualisation", "Mutualisation"
        SUPPLIER = "fournisseur", "Fournisseur"
        SAME_NEED = "meme_besoin", "Même besoin ailleurs"

    # Serves the links shown beside each actor of a directory (both directions).
    source = models.ForeignKey(
        ActorProfile, on_delete=models.CASCADE, related_name="links_out", verbose_name="de"
    )
    target = models.ForeignKey(
        ActorProfile, on_delete=models.CASCADE, related_name="links_in", verbose_name="vers"
    )
    kind = models.CharField("nature du lien", max_length=20, choices=Kind.choices)
    note = models.CharField("précision", max_length=300, blank=True)

    objects = ActorLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "lien entre acteurs"
        verbose_name_plural = "liens entre acteurs"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                name="actor_link_unique",
                violation_error_message="Ce lien existe déjà.",
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="actor_link_not_self",
                violation_error_message="Un acteur ne se lie pas à lui-même.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"


class Contribution(models.Model):
    """What an actor proposes to add to the directory, unpublished until a curator accepts it.

    Nothing about the person who sends it is stored (no IP address, no name): only the
    proposal, which holds the organisation's public contact at most.
    """

    class What(models.TextChoices):
        PROFILE = "fiche", "Compléter une fiche"
        VOLUNTEER = "association", "Ajouter une association sans salarié"

    class Status(models.TextChoices):
        PENDING = "en_attente", "En attente"
        ACCEPTED = "acceptee", "Acceptée"
        REJECTED = "refusee", "Refusée"

    what = models.CharField("nature", max_length=12, choices=What.choices)
    # Serves the curators' list of a commune's pending proposals.
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="ess_contributions")
    actor_key = models.CharField(
        "SIRET ou RNA de l'acteur", max_length=14, help_text="L'acteur décrit ou ajouté."
    )
    proposed = models.JSONField("valeurs proposées", default=dict)
    submitted_at = models.DateTimeField("proposée le", auto_now_add=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="relue par",
    )
    reviewed_at = models.DateTimeField("relue le", null=True, blank=True)

    class Meta:
        verbose_name = "proposition d'un acteur"
        verbose_name_plural = "propositions des acteurs"
        ordering = ["-submitted_at"]
        indexes = [
            # Serves the admin's default list: pending proposals, newest first.
            models.Index(fields=["status", "-submitted_at"], name="contribution_status_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_what_display()} : {self.proposed.get('name') or self.actor_key}"
