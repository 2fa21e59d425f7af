"""The territorial referential: regions, departments, EPCI, communes, and what we know of them."""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse

from leviers.territories.density import DENSITY_LABELS, RURAL_LEVELS


class Region(models.Model):
    """A region, or one of the overseas collectivities the COG lists with them (Saint-Martin,
    Nouvelle-Calédonie…: `zone` tells them apart)."""

    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def zone_of(code: str) -> str:
        """« metro » (codes 11 to 94), « drom » (Guadeloupe 01 … Mayotte 06) or « com » (an
        overseas collectivity, three digits: 975 Saint-Pierre-et-Miquelon…), as the COG
        numbers them."""
        if len(code) == 3:
            return "com"
        return "drom" if code < "10" else "metro"


class Department(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    """An EPCI à fiscalité propre (communauté de communes, d'agglomération, urbaine, métropole)."""

    class Kind(models.TextChoices):
        CC = "CC", "Communauté de communes"
        CA = "CA", "Communauté d'agglomération"
        CU = "CU", "Communauté urbaine"
        METRO = "ME", "Métropole"

    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=2, choices=Kind.choices)
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territories:epci", args=[self.siren])


@dataclass(frozen=True)
class Rung:
    """One step of a commune's territory ladder: the commune, its EPCI, department, region or
    France. `level` is "commune", "epci", "department", "region" or "france"; `territory` the
    row (None for France)."""

    level: str
    code: str
    name: str
    territory: models.Model | None


FRANCE = "FR"


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=200)
    siren = models.CharField("SIREN", max_length=9, blank=True)
    postal_codes = models.JSONField("codes postaux", default=list, blank=True)
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    # Serves the member list of an EPCI page.
    epci = models.ForeignKey(
        Epci, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes"
    )
    density_level = models.PositiveSmallIntegerField(
        "niveau de la grille de densité",
        null=True,
        blank=True,
        choices=sorted(DENSITY_LABELS.items()),
    )

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.department_id})"

    def get_absolute_url(self) -> str:
        return reverse("territories:commune", args=[self.code])

    def ladder(self) -> list[Rung]:
        """The commune, then its EPCI (when it has one), department, region and France: the
        territories every comparison of a commune is made with, smallest first. Reads the
        related rows: select them with the commune."""
        rungs = [Rung("commune", self.code, self.name, self)]
        if self.epci_id:
            rungs.append(Rung("epci", self.epci_id, self.epci.name, self.epci))
        rungs.append(Rung("department", self.department_id, self.department.name, self.department))
        rungs.append(Rung("region", self.region_id, self.region.name, self.region))
        rungs.append(Rung("france", FRANCE, "France", None))
        return rungs

    @property
    def is_rural(self) -> bool | None:
        """Rural in the INSEE 2020 sense (density levels 5 to 7); None when the grid is unknown."""
        if self.density_level is None:
            return None
        return self.density_level in RURAL_LEVELS


class TownHall(models.Model):
    """Contact details of a commune's town hall, from the public service directory."""

    commune = models.OneToOneField(
        Commune, on_delete=models.CASCADE, primary_key=True, related_name="town_hall"
    )
    address = models.TextField("adresse", blank=True)
    phone = models.CharField("téléphone", max_length=40, blank=True)
    email = models.EmailField("courriel", blank=True)
    website = models.URLField("site internet", max_length=300, blank=True)
    opening_hours = models.JSONField("horaires", default=list, blank=True)

    class Meta:
        verbose_name = "mairie"

    def __str__(self) -> str:
        return f"Mairie de {self.commune.name}"


class Programme(models.Model):
    """A State programme whose list of communes is imported (Petites Villes de Demain, ...)."""

    slug = models.SlugField(primary_key=True)
    name = models.CharField("nom", max_length=200)
    operator = models.CharField("opérateur", max_length=200)
    dataset_key = models.SlugField("jeu de données", help_text="Clé du jeu de données importé.")
    communes = models.ManyToManyField(Commune, related_name="programmes", blank=True)

    class Meta:
        verbose_name = "programme"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FranceServicesSite(models.Model):
    """A France Services site (main site, antenna or mobile bus)."""

    identifier = models.CharField("identifiant ANCT", max_length=20, unique=True)
    name = models.CharField("nom", max_length=300)
    # Serves the list of sites on a commune page.
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="france_services")
    address = models.CharField("adresse", max_length=300, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=300, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    phone = models.CharField("téléphone", max_length=40, blank=True)
    email = models.EmailField("courriel", max_length=200, blank=True)
    opening_hours = models.JSONField("horaires", default=dict, blank=True)
    kind = models.CharField("type", max_length=40, blank=True)
    format = models.CharField("format", max_length=60, blank=True)

    class Meta:
        verbose_name = "France Services"
        verbose_name_plural = "sites France Services"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CommuneOutline(models.Model):
    """A commune's simplified outline, centroid and bounding box, for maps and distances.

    `path` is SVG path data in integer units of 1/10,000 degree, latitude pointing up
    (`leviers.territories.geometry`), simplified for a department-wide view.
    """

    commune = models.OneToOneField(
        Commune, on_delete=models.CASCADE, primary_key=True, related_name="outline"
    )
    path = models.TextField("contour (tracé SVG, 1/10 000 de degré)")
    points = models.PositiveIntegerField("nombre de points")
    centroid_longitude = models.FloatField("longitude du centroïde")
    centroid_latitude = models.FloatField("latitude du centroïde")
    min_longitude = models.FloatField()
    min_latitude = models.FloatField()
    max_longitude = models.FloatField()
    max_latitude = models.FloatField()

    class Meta:
        verbose_name = "contour de commune"
        verbose_name_plural = "contours de communes"

    def __str__(self) -> str:
        return f"Contour de {self.commune_id}"

    @property
    def centroid(self) -> tuple[float, float]:
        """(longitude, latitude)."""
        return self.centroid_longitude, self.centroid_latitude
