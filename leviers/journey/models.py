"""Roadmaps (feuilles de route): the levers and schemes an elected official picked for a
commune, with the next steps, contacts and deadlines to bring to the municipal council.

No account: a roadmap is reached by two unguessable tokens, one to read (the share link), one
to edit (kept by its creator). The profile used for the recommendations is stored with it, so
that the verdicts shown are those of that situation.
"""

import base64
import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.crypto import salted_hmac

MAX_ITEMS = 30
TOKEN_BYTES = 24  # 32 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def tokens_of_request(request_key: str) -> tuple[str, str]:
    """The share and edit tokens of the roadmap a creation request makes, drawn from the
    request's key (actions.roadmap_request_key) and SECRET_KEY: the same request sent again
    finds the same roadmap, and no one can compute them without the secret."""
    return tuple(
        base64.urlsafe_b64encode(
            salted_hmac(f"leviers.roadmap.{link}", request_key, algorithm="sha256").digest()[
                :TOKEN_BYTES
            ]
        ).decode()
        for link in ("share", "edit")
    )


class Roadmap(models.Model):
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
    )
    epci = models.ForeignKey(
        "territories.Epci",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
    )
    title = models.CharField("titre", max_length=200)
    # Serves the share link (/projets/feuilles-de-route/<public_token>/).
    public_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Serves the edit link (/projets/feuilles-de-route/modifier/<edit_token>/).
    edit_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The profile the recommendations were made for.
    needs = models.JSONField("besoins", default=list, blank=True)
    beneficiary = models.CharField("porteur", max_length=40, blank=True)
    stage = models.CharField("étape", max_length=40, blank=True)
    answers = models.JSONField("réponses aux questions", default=dict, blank=True)
    text = models.CharField("description du projet", max_length=500, blank=True)
    # Serves the creation rate limit (roadmaps created in the last minute).
    created_at = models.DateTimeField("créée le", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "feuille de route"
        verbose_name_plural = "feuilles de route"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False) | Q(epci__isnull=False),
                name="roadmap_has_a_territory",
                violation_error_message="Une feuille de route porte sur une commune ou un EPCI.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("journey:roadmap", args=[self.public_token])

    @property
    def territory_name(self) -> str:
        return self.commune.name if self.commune_id else self.epci.name

    def get_edit_url(self) -> str:
        return reverse("journey:roadmap-edit", args=[self.edit_token])

    def get_pdf_url(self) -> str:
        return reverse("journey:roadmap-pdf", args=[self.public_token])

    def answers_list(self) -> tuple[str, ...]:
        return tuple(f"{qid}={'oui' if yes else 'non'}" for qid, yes in self.answers.items())


class RoadmapItem(models.Model):
    """A lever or a scheme in a roadmap. Its name is kept: if the catalogue entry is removed
    later, the roadmap still says what was chosen."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="items")
    lever = models.ForeignKey(
        "catalogue.Lever", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheme = models.ForeignKey(
        "catalogue.Scheme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField("nom", max_length=255)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    next_step = models.CharField("prochaine étape", max_length=500, blank=True)
    contact = models.CharField("contact", max_length=200, blank=True)
    deadline = models.DateField("échéance", null=True, blank=True)
    notes = models.TextField("notes", max_length=1000, blank=True)

    class Meta:
        verbose_name = "élément de feuille de route"
        verbose_name_plural = "éléments de feuille de route"
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(lever__isnull=False, scheme__isnull=False),
                name="roadmap_item_is_a_lever_or_a_scheme",
                violation_error_message="Un élément est un levier ou un dispositif, pas les deux.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind(self) -> str:
        if self.lever_id:
            return "lever"
        return "scheme" if self.scheme_id else "removed"
