"""The training's provider of catalogue mentions (leviers/catalogue/mentions.py): a lever, an
experience or a scheme page shows « Module de formation : … » for each module that links to it
(as a resource, or as the module's case). One query per catalogue page."""

from __future__ import annotations

from django.urls import reverse

from leviers.catalogue import mentions

GROUP = "formation des élus"
# The catalogue page kinds → the module's resource kinds.
RESOURCE_KINDS = {"lever": "levers", "experience": "experiences", "scheme": "schemes"}


def training_mentions(kind: str, slug: str) -> list[mentions.Mention]:
    from leviers.training.models import Module

    wanted = {"kind": RESOURCE_KINDS[kind], "slug": slug}
    found = []
    # A few dozen modules: their links are read and matched here (JSON lookups differ between
    # SQLite and PostgreSQL).
    for module in Module.objects.only("slug", "title", "resources", "case").order_by("title"):
        is_case = kind == "experience" and module.case.get("experience") == slug
        if is_case or wanted in module.resources:
            url = reverse("training:module", args=[module.slug])
            found.append(mentions.Mention(f"Module de formation : {module.title}", url, GROUP))
    return found


def connect() -> None:
    """Register the provider (called by TrainingConfig.ready())."""
    mentions.register("training", training_mentions)
