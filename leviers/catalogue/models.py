"""The catalogue: ESS levers, experiences, support schemes and resources.

Lists (needs, beneficiaries, steps, sources...) are JSON fields mirroring the content files
(`docs/format-catalogue.md`), so that loading and exporting are the same shape. Every change
made in the admin is kept by django-simple-history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from leviers.catalogue import vocabulary
from leviers.catalogue.contacts import Contact, all_contacts, perimeter_codes, references
from leviers.core.text import and_list, strip_accents
from leviers.territories import models as territories
from leviers.territories.geometry import Nearby, around, haversine_km, nearest_first
from leviers.territories.programmes import programme_name


class Verification(models.TextChoices):
    VERIFIED = "verifie", "Vérifié"
    PARTIAL = "partiel", "Partiellement vérifié"
    UNVERIFIED = "non-verifie", "Non vérifié"


class CatalogueEntry(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    sources = models.JSONField("sources", default=list, blank=True)
    verification = models.CharField(
        "vérification", max_length=12, choices=Verification.choices, default=Verification.VERIFIED
    )
    verification_note = models.TextField("ce qui n'a pas pu être vérifié", blank=True)
    # Who marked the entry verified, and when (the admin's « marquer comme vérifié »): never
    # stamped in bulk by an import.
    verified_on = models.DateField("vérifié le", null=True, blank=True)
    verified_by = models.CharField("vérifié par", max_length=150, blank=True)
    # Serves the cache stamp of the catalogue search index (MAX(updated_at)).
    updated_at = models.DateTimeField("modifié le", auto_now=True, db_index=True)
    # Who to call, by territory (contacts.py, docs/format-catalogue.md): structures with a
    # perimeter, or {"from": scheme slug} for the contacts of a scheme.
    contacts = models.JSONField("contacts", default=list, blank=True)

    class Meta:
        abstract = True

    def mark_verified(self, by: str, on: datetime.date) -> None:
        """A curator read the sources of this entry today and vouches for its facts."""
        self.verification = Verification.VERIFIED
        self.verified_on, self.verified_by = on, by
        self.save(update_fields=["verification", "verified_on", "verified_by", "updated_at"])

    @cached_property
    def contact_list(self) -> list[Contact]:
        """Its own contacts, national first then the local ones (its page has no territory),
        each with the names of its perimeter: one query per kind of perimeter they use
        (regions, departments…), none when they have none."""
        names = {
            key: self._region_names
            if key == "regions"
            else dict(
                getattr(territories, PERIMETER_PLACES[key][0])
                .objects.filter(pk__in=codes)
                .values_list("pk", "name")
            )
            for key, codes in perimeter_codes(self.contacts).items()
        }
        return all_contacts(self.contacts, names)

    @cached_property
    def _region_names(self) -> dict[str, str]:
        """Every region of the referential by code (26 rows, one query), for its perimeter
        and its contacts."""
        return dict(territories.Region.objects.values_list("code", "name"))

    @cached_property
    def contact_schemes(self) -> list[Scheme]:
        """The schemes whose contacts it refers to ({from: slug}): one query, if any."""
        slugs = references(self.contacts)
        return list(Scheme.objects.filter(slug__in=slugs).only("slug", "name")) if slugs else []

    @property
    def last_checked(self) -> str | None:
        """The last day someone read this entry's sources (ISO), or None if nobody did."""
        dates = [str(s.get("checked_on")) for s in self.sources if s.get("checked_on")]
        if self.verified_on:
            dates.append(self.verified_on.isoformat())
        return max(dates) if dates else None


# A scheme's perimeter key → (model of the referential, its word, in the plural).
PERIMETER_PLACES = {
    "regions": ("Region", "Région", "Régions"),
    "departments": ("Department", "Département", "Départements"),
    "epcis": ("Epci", "Intercommunalité", "Intercommunalités"),
    "communes": ("Commune", "Commune", "Communes"),
}


def regions_as_a_whole(codes: set[str], names: dict[str, str]) -> str | None:
    """« Toutes les régions », « Toutes les régions sauf Mayotte », « Toutes les régions de
    métropole (sauf …) » when `codes` are all the regions (of metropolitan France) but one or
    two at most; else None, and the perimeter lists them. `names`: every region by code."""
    regions = {code for code in names if territories.Region.zone_of(code) != "com"}
    metro = {code for code in regions if territories.Region.zone_of(code) == "metro"}
    if not metro or not codes <= regions:
        return None

    def but(missing: set[str]) -> str:
        if not missing:
            return ""
        return " sauf " + and_list(sorted((names[c] for c in missing), key=_alphabetical))

    if len(regions - codes) <= 2:
        return "Toutes les régions" + but(regions - codes)
    if codes <= metro and len(metro - codes) <= 2:
        return "Toutes les régions de métropole" + but(metro - codes)
    return None


def _alphabetical(name: str) -> str:
    return strip_accents(name).casefold()  # Île-de-France among the I


class Scheme(CatalogueEntry):
    """A support scheme (dispositif): engineering, grant, loan, label, network, training."""

    class Origin(models.TextChoices):
        LEVIERS = "leviers", "Rédigé par l'équipe Leviers"
        AIDES_TERRITOIRES = "aides-territoires", "Importé d'Aides-territoires"

    name = models.CharField("nom", max_length=255)
    operator = models.CharField("opérateur", max_length=255, blank=True)
    kind = models.CharField(
        "type", max_length=20, choices=sorted(vocabulary.SCHEME_KINDS.items()), blank=True
    )
    aid_types = models.JSONField("types d'aide (Aides-territoires)", default=list, blank=True)
    summary = models.TextField("résumé", blank=True)
    description = models.TextField("description", blank=True)
    beneficiaries = models.JSONField("bénéficiaires", default=list, blank=True)
    stages = models.JSONField("étapes du projet", default=list, blank=True)
    needs = models.JSONField("thèmes", default=list, blank=True)
    perimeter = models.JSONField("périmètre", default=dict, blank=True)
    amounts = models.TextField("montants", blank=True)
    funding_rate = models.TextField("taux", blank=True)
    duration = models.TextField("durée", blank=True)
    calendar = models.JSONField("calendrier", default=dict, blank=True)
    how_to_apply = models.TextField("comment candidater", blank=True)
    url = models.URLField("page officielle", max_length=500, blank=True)
    criteria = models.JSONField("critères d'éligibilité", default=list, blank=True)
    eligibility_text = models.TextField("conditions d'éligibilité (texte libre)", blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.LEVIERS)
    # Natural key of imported aids: re-importing updates by source link.
    source_link = models.URLField("lien source", max_length=500, null=True, blank=True, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dispositif"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:scheme", args=[self.slug])

    def perimeter_in_words(self) -> str:
        """Where the scheme applies, named by the referential: « Toute la France », « Régions
        Bretagne et Pays de la Loire », « Toutes les régions sauf Mayotte », « Département
        Sarthe (72) », « Communes du programme Petites Villes de Demain ». One query (none
        for the whole of France or a programme); a code the referential does not know is
        shown as it is."""
        from leviers.territories import models as territories

        perimeter = self.perimeter or {}
        if perimeter.get("national"):
            return "Toute la France"
        if "programme" in perimeter:  # its name, whether its list is imported or not
            return f"Communes du programme {programme_name(perimeter['programme'])}"
        for key, (model, singular, plural) in PERIMETER_PLACES.items():
            codes = [str(code) for code in perimeter.get(key) or ()]
            if not codes:
                continue
            if key == "regions":  # all of them (26 rows): are these all the regions?
                found = self._region_names
                if whole := regions_as_a_whole(set(codes), found):
                    return whole
            else:
                found = getattr(territories, model).objects.in_bulk(codes)
            names = sorted((str(found.get(code, code)) for code in codes), key=_alphabetical)
            return f"{singular if len(codes) == 1 else plural} {and_list(names)}"
        return "Périmètre non précisé"


class Lever(CatalogueEntry):
    """An ESS solution a local authority can pull (levier)."""

    name = models.CharField("nom", max_length=255)
    summary = models.TextField("résumé", blank=True)
    description = models.TextField("description", blank=True)
    needs = models.JSONField("besoins", default=list, blank=True)
    legal_forms = models.JSONField("formes juridiques", default=list, blank=True)
    authority_roles = models.JSONField("rôles de la collectivité", default=list, blank=True)
    steps = models.JSONField("étapes", default=list, blank=True)
    pitfalls = models.JSONField("écueils", default=list, blank=True)
    indicators = models.JSONField("indicateurs d'impact", default=list, blank=True)
    schemes = models.ManyToManyField(Scheme, related_name="levers", blank=True)
    history = HistoricalRecords(m2m_fields=[schemes])

    class Meta:
        verbose_name = "levier"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:lever", args=[self.slug])


@dataclass(frozen=True)
class ExperiencesAround:
    """The experiences around a commune: `nearby`, in the commune or within the radius of its
    centroid, nearest first; `in_department`, those the source places in the commune's
    department without naming a commune (no distance, no point on a map)."""

    nearby: list[Nearby]
    in_department: list[Experience]


class ExperienceQuerySet(models.QuerySet):
    def near(self, commune, radius_km: float) -> ExperiencesAround:
        """The experiences carried in `commune` or within `radius_km` of its centroid
        (measured between commune centroids), and those of its department with no commune.
        One query; the commune's outline is read when it was selected with it."""
        outline = getattr(commune, "outline", None)
        centroid = outline.centroid if outline else None
        in_department = models.Q(commune=None, department=commune.department_id)
        if centroid is None:
            located = models.Q(commune=commune)
        else:
            west, south, east, north = around(centroid, radius_km)
            located = models.Q(
                commune__outline__centroid_latitude__range=(south, north),
                commune__outline__centroid_longitude__range=(west, east),
            )
        experiences = self.filter(located | in_department).select_related("commune__outline")
        found, elsewhere = [], []
        for experience in experiences.defer("commune__outline__path", "story"):
            if experience.commune_id is None:
                elsewhere.append(experience)
            elif centroid is None:
                found.append(Nearby(experience, None, True))
            else:
                point = experience.commune.outline.centroid
                distance = haversine_km(centroid, point)
                if distance <= radius_km:
                    own = experience.commune_id == commune.code
                    found.append(Nearby(experience, distance, own, *point))
        return ExperiencesAround(nearest_first(found), sorted(elsewhere, key=str))


class Experience(CatalogueEntry):
    """A real project carried in a commune (retour d'expérience) — or in a department, when
    the source names no commune: never a guessed one."""

    name = models.CharField("nom", max_length=255)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        related_name="experiences",
        null=True,
        blank=True,
    )
    department = models.ForeignKey(
        "territories.Department",
        on_delete=models.PROTECT,
        related_name="experiences",
        null=True,
        blank=True,
        verbose_name="département",
        help_text="Seulement quand la source ne nomme pas la commune de l'action.",
    )
    start_year = models.PositiveSmallIntegerField("année de début", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField("année de fin", null=True, blank=True)
    summary = models.TextField("résumé", blank=True)
    story = models.TextField("récit", blank=True)
    key_figures = models.JSONField("chiffres clés", default=list, blank=True)
    lessons = models.JSONField("enseignements", default=list, blank=True)
    contact = models.TextField("contact", blank=True)
    levers = models.ManyToManyField(Lever, related_name="experiences", blank=True)
    history = HistoricalRecords(m2m_fields=[levers])

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        verbose_name = "retour d'expérience"
        verbose_name_plural = "retours d'expérience"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commune__isnull=False, department__isnull=True)
                | models.Q(commune__isnull=True, department__isnull=False),
                name="experience_in_a_commune_or_else_a_department",
                violation_error_message=(
                    "Indiquez la commune de l'action ou, si la source ne la nomme pas, "
                    "son département (l'un ou l'autre)."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:experience", args=[self.slug])

    @property
    def area(self):
        """The department of the action (select_related "commune__department" and
        "department" when reading many)."""
        return self.commune.department if self.commune_id else self.department

    @property
    def place(self) -> str:
        """Where it was carried: "Ernée (53)", or "Maine-et-Loire (49)" without a commune."""
        name = self.commune.name if self.commune_id else self.department.name
        return f"{name} ({self.area.code})"

    @property
    def needs(self) -> set[str]:
        """The needs of the levers it used (prefetch `levers` when reading many)."""
        return {need for lever in self.levers.all() for need in lever.needs}


class Resource(CatalogueEntry):
    """A guide, kit, fiche, video or study, with its publisher."""

    title = models.CharField("titre", max_length=300)
    kind = models.CharField(
        "type", max_length=10, choices=sorted(vocabulary.RESOURCE_KINDS.items())
    )
    publisher = models.CharField("éditeur", max_length=200, blank=True)
    url = models.URLField("adresse", max_length=500)
    summary = models.TextField("résumé", blank=True)
    needs = models.JSONField("besoins", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ressource"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:resource", args=[self.slug])
