"""Training paths for elected officials: modules (readings, catalogue resources, a case, a
self-check), paths that order them, and each person's progress.

Modules and paths are loaded from the YAML files of `content/` (content.py validates them);
a person's progress (`Progress`) is personal data: exported and deleted with the account
(personal_data.py).
"""

from __future__ import annotations

import math

from django.conf import settings
from django.db import models
from django.urls import reverse

# A self-check is passed with at least three answers right out of four (3 of 3, 3 of 4, 4 of 5).
PASS_RATIO = 0.75


def pass_mark(questions: int) -> int:
    return math.ceil(questions * PASS_RATIO)


class Module(models.Model):
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    title = models.CharField("titre", max_length=200)
    summary = models.TextField("en une phrase")
    duration = models.CharField("durée", max_length=60, blank=True)
    # [{title, text}]: 2 to 4 short readings.
    readings = models.JSONField("lectures", default=list)
    # [{kind, slug}]: levers, experiences, schemes or resources of the catalogue.
    resources = models.JSONField("ressources du catalogue", default=list)
    # {experience: slug, text}: a case from an experience of the catalogue.
    case = models.JSONField("cas", default=dict)
    # [{question, answers: [{text, correct, explanation}]}]: 3 to 5 questions.
    questions = models.JSONField("auto-évaluation", default=list)
    sources = models.JSONField("sources", default=list)
    verification = models.CharField("vérification", max_length=20, default="verifie")
    verification_note = models.TextField("note de vérification", blank=True)

    class Meta:
        verbose_name = "module de formation"
        verbose_name_plural = "modules de formation"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:module", args=[self.slug])

    @property
    def pass_mark(self) -> int:
        return pass_mark(len(self.questions))

    def score(self, answers: dict[int, int]) -> int:
        """How many of `answers` (question index → answer index) are right."""
        return sum(
            1
            for index, question in enumerate(self.questions)
            if answers.get(index) is not None
            and 0 <= answers[index] < len(question["answers"])
            and question["answers"][answers[index]]["correct"]
        )

    def lever_slugs(self) -> list[str]:
        return [r["slug"] for r in self.resources if r["kind"] == "levers"]


class Path(models.Model):
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    title = models.CharField("titre", max_length=200)
    summary = models.TextField("présentation")
    audience = models.CharField("pour qui", max_length=200, blank=True)
    modules = models.ManyToManyField(Module, through="PathStep", related_name="paths")

    class Meta:
        verbose_name = "parcours de formation"
        verbose_name_plural = "parcours de formation"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:path", args=[self.slug])


class PathStep(models.Model):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="steps")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField("rang")
    when = models.CharField("quand", max_length=120, blank=True)

    class Meta:
        ordering = ["path", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "position"],
                name="training_step_position_unique",
                violation_error_message="Deux modules ne peuvent pas avoir le même rang.",
            ),
            models.UniqueConstraint(
                fields=["path", "module"],
                name="training_step_module_unique",
                violation_error_message="Un module ne figure qu'une fois dans un parcours.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.module_id}"


class ProgressQuerySet(models.QuerySet):
    def of(self, user) -> ProgressQuerySet:
        return self.filter(user=user) if user.is_authenticated else self.none()

    def by_module(self, user) -> dict[int, Progress]:
        return {p.module_id: p for p in self.of(user)}


class Progress(models.Model):
    """Where one person is in one module: read, and their best self-check score."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_progress"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    read_on = models.DateTimeField("lu le", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    best_score = models.PositiveSmallIntegerField("meilleur score", null=True, blank=True)
    questions = models.PositiveSmallIntegerField("questions", default=0)
    passed_on = models.DateTimeField("réussi le", null=True, blank=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = "progression"
        verbose_name_plural = "progressions"
        constraints = [
            # Also the index of a person's progress (`Progress.objects.of(user)`).
            models.UniqueConstraint(
                fields=["user", "module"],
                name="training_progress_unique",
                violation_error_message="Une seule progression par personne et par module.",
            ),
        ]
        indexes = [
            # The facilitators' figures: people who started or passed each module.
            models.Index(fields=["module", "user"], name="training_progress_module"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.module_id}"

    @property
    def passed(self) -> bool:
        return self.passed_on is not None
