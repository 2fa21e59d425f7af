"""Writes of a person's progress: a module read, a self-check answered."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from leviers.training.models import Module, Progress


def _progress(user, module: Module) -> Progress:
    progress, _ = Progress.objects.select_for_update().get_or_create(user=user, module=module)
    return progress


@transaction.atomic
def progress_mark_read(user, module: Module) -> Progress:
    progress = _progress(user, module)
    if progress.read_on is None:
        progress.read_on = timezone.now()
        progress.save(update_fields=["read_on"])
    return progress


@transaction.atomic
def progress_record_check(user, module: Module, answers: dict[int, int]) -> tuple[Progress, int]:
    """Score `answers` (question index → answer index) and keep the best score; a self-check
    passed stays passed (on its first day). Returns the progress and this attempt's score."""
    score = module.score(answers)
    progress = _progress(user, module)
    now = timezone.now()
    progress.attempts += 1
    progress.questions = len(module.questions)
    progress.best_score = max(score, progress.best_score or 0)
    if progress.read_on is None:
        progress.read_on = now
    if score >= module.pass_mark and progress.passed_on is None:
        progress.passed_on = now
    progress.save(update_fields=["attempts", "questions", "best_score", "read_on", "passed_on"])
    return progress, score
