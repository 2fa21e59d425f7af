"""The local services directory: structures and the services they offer, in the data·inclusion
schema v1 (https://github.com/gip-inclusion/data-inclusion-schema), public data only.

A row comes either from a data·inclusion file (`source` and `di_id` set, see importing.py) or
from a local entry (`source` = LOCAL_SOURCE, typed in the admin or the directory's form).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from leviers.core.identifiers import new_public_id

LOCAL_SOURCE = "leviers"


class Structure(models.Model):
    """A structure (CCAS, association, France Services, ...): data·inclusion `Structure`."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    source = models.CharField("source", max_length=100, default=LOCAL_SOURCE)
    # data·inclusion `id` ("source--identifier"); empty for a local entry.
    di_id = models.CharField("identifiant data·inclusion", max_length=300, blank=True)
    name = models.CharField("nom", max_length=150)
    description = models.TextField("description", blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name="commune",
    )
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    phone = models.CharField("téléphone", max_length=40, blank=True)
    email = models.EmailField("courriel", max_length=200, blank=True)
    website = models.URLField("site internet", max_length=300, blank=True)
    opening_hours = models.CharField(
        "horaires d'accueil", max_length=300, blank=True, help_text="Format OpenStreetMap."
    )
    accessibility_url = models.URLField("accessibilité (Acceslibre)", max_length=300, blank=True)
    networks = models.JSONField("réseaux porteurs", default=list, blank=True)
    updated_on = models.DateField("mise à jour chez la source", null=True, blank=True)

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["di_id"], condition=~models.Q(di_id=""), name="services_structure_di_id"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        return self.source == LOCAL_SOURCE


class Service(models.Model):
    """A service a structure offers: data·inclusion `Service`, plus `local_themes`, the
    older-people sub-taxonomy of taxonomy.py."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    source = models.CharField("source", max_length=100, default=LOCAL_SOURCE)
    di_id = models.CharField("identifiant data·inclusion", max_length=300, blank=True)
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="services", verbose_name="structure"
    )
    name = models.CharField("nom", max_length=150)
    description = models.TextField("description", blank=True)
    kind = models.CharField("type de service", max_length=40, blank=True)
    # data·inclusion `thematiques` slugs ("famille--soutien-aidants").
    themes = models.JSONField("thématiques", default=list, blank=True)
    # Slugs of taxonomy.LOCAL_THEMES ("portage-repas").
    local_themes = models.JSONField("thèmes personnes âgées", default=list, blank=True)
    fees = models.CharField("frais", max_length=40, blank=True)
    fees_details = models.TextField("précisions sur les frais", blank=True)
    publics = models.JSONField("publics", default=list, blank=True)
    access_conditions = models.TextField("conditions d'accès", blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name="commune",
    )
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    phone = models.CharField("téléphone", max_length=40, blank=True)
    email = models.EmailField("courriel", max_length=200, blank=True)
    contact_name = models.CharField("contact", max_length=200, blank=True)
    reception_modes = models.JSONField("modes d'accueil", default=list, blank=True)
    # Commune, EPCI or department codes, or "france".
    eligibility_zone = models.JSONField("zone d'éligibilité", default=list, blank=True)
    mobilisation_link = models.URLField("lien de mobilisation", max_length=500, blank=True)
    mobilisation_modes = models.JSONField("modes de mobilisation", default=list, blank=True)
    mobilisable_by = models.JSONField("mobilisable par", default=list, blank=True)
    mobilisation_details = models.TextField("précisions sur la mobilisation", blank=True)
    opening_hours = models.CharField(
        "horaires d'accueil", max_length=300, blank=True, help_text="Format OpenStreetMap."
    )
    updated_on = models.DateField("mise à jour chez la source", null=True, blank=True)

    class Meta:
        verbose_name = "service"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["di_id"], condition=~models.Q(di_id=""), name="services_service_di_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.structure.name})" if self.structure_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("services:detail", args=[self.public_id])

    @property
    def is_local(self) -> bool:
        return self.source == LOCAL_SOURCE

    @property
    def contact_phone(self) -> str:
        """The service's phone, else its structure's."""
        return self.phone or self.structure.phone
