from django.db import models


class Dataset(models.Model):
    """One imported dataset: what it is, its vintage and licence, and the last import's counts.

    Pages read it to show the source and vintage next to a figure, and to tell
    "non renseigné" (never imported) from "non" (imported, and the answer is no).
    """

    key = models.SlugField("clé", max_length=64, unique=True)
    label = models.CharField("nom", max_length=200)
    producer = models.CharField("producteur", max_length=200)
    vintage = models.CharField("millésime", max_length=100)
    licence = models.CharField("licence", max_length=100)
    source_url = models.URLField("adresse de la source", max_length=500)
    imported_from = models.CharField("importé depuis", max_length=500)
    checksum = models.CharField("empreinte du fichier", max_length=64, blank=True)
    imported_at = models.DateTimeField("importé le")
    created = models.PositiveIntegerField("créés", default=0)
    updated = models.PositiveIntegerField("mis à jour", default=0)
    unchanged = models.PositiveIntegerField("inchangés", default=0)
    rejected = models.PositiveIntegerField("rejetés", default=0)

    class Meta:
        verbose_name = "jeu de données"
        verbose_name_plural = "jeux de données"
        ordering = ["label"]

    def __str__(self) -> str:
        return f"{self.label} ({self.vintage})"

    @property
    def citation(self) -> str:
        """Short attribution shown beside a figure: "INSEE, COG 2026"."""
        return f"{self.producer}, {self.vintage}"
