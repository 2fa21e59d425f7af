"""Writes of the journey app: creating a roadmap from the recommendations page, adding to it."""

from __future__ import annotations

import hashlib
import json

from django.db import IntegrityError, transaction

from leviers.catalogue.models import Lever, Scheme
from leviers.catalogue.profiles import ProfileRequest, build_profile
from leviers.catalogue.service import contact_lines
from leviers.core.http import sent_fields
from leviers.journey.models import MAX_ITEMS, Roadmap, RoadmapItem, tokens_of_request


class RoadmapError(ValueError):
    """A roadmap that cannot be created; the message is French and says what to do."""


def roadmap_request_key(form) -> str:
    """What names one creation request: the page's token and everything the form sends (the
    CSRF token aside), in order. Sent twice (a double click, or nginx passing it to another
    server when the first died before answering), it is the same key; the same page sent with
    other choices is another. Empty without a page token: each request creates."""
    fields = sent_fields(form)
    if fields is None:
        return ""
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


def roadmap_created_by(request_key: str) -> Roadmap | None:
    """The roadmap this creation request has already made, if any."""
    if not request_key:
        return None
    return Roadmap.objects.filter(edit_token=tokens_of_request(request_key)[1]).first()


def roadmap_create(
    situation: ProfileRequest,
    lever_slugs: list[str],
    scheme_slugs: list[str],
    title: str,
    request_key: str = "",
) -> Roadmap:
    """A roadmap for the situation's territory with the chosen levers then schemes, in the
    order given. Raises ProfileError (bad situation) or RoadmapError (bad choice). With a
    request key, its links come from the key: a second creation of the same request (another
    server, at the same time) meets them taken and answers with the first roadmap."""
    profile, needs, summary = build_profile(situation)
    lever_slugs = list(dict.fromkeys(lever_slugs))
    scheme_slugs = list(dict.fromkeys(scheme_slugs))
    count = len(lever_slugs) + len(scheme_slugs)
    if count == 0:
        raise RoadmapError(
            "Cochez au moins un levier ou un dispositif à mettre dans la feuille de route."
        )
    if count > MAX_ITEMS:
        raise RoadmapError(
            f"Une feuille de route compte au plus {MAX_ITEMS} leviers et dispositifs "
            f"({count} cochés) : gardez les plus utiles."
        )
    levers = Lever.objects.only("id", "slug", "name", "contacts").in_bulk(
        lever_slugs, field_name="slug"
    )
    schemes = Scheme.objects.only("id", "slug", "name", "contacts").in_bulk(
        scheme_slugs, field_name="slug"
    )
    unknown = [s for s in lever_slugs if s not in levers] + [
        s for s in scheme_slugs if s not in schemes
    ]
    if unknown:
        raise RoadmapError(f"Élément inconnu du catalogue : {', '.join(unknown)}.")
    territory = summary["commune"] or summary["epci"]
    title = " ".join(title.split())[:200] or f"Feuille de route — {territory['name']}"
    roadmap = Roadmap(
        commune_id=summary["commune"]["code"] if summary["commune"] else None,
        epci_id=summary["epci"]["siren"] if not summary["commune"] else None,
        title=title,
        needs=sorted(needs),
        beneficiary=summary["beneficiary"] or "",
        stage=summary["stage"] or "",
        answers=summary["answers"],
        text=situation.text[:500],
    )
    roadmap.full_clean(exclude=["commune", "epci"])
    items = [RoadmapItem(lever=levers[slug], name=levers[slug].name) for slug in lever_slugs] + [
        RoadmapItem(scheme=schemes[slug], name=schemes[slug].name) for slug in scheme_slugs
    ]
    # The « Contact » field starts with who to call for this territory (catalogue contacts).
    chosen = [levers[s] for s in lever_slugs] + [schemes[s] for s in scheme_slugs]
    for item, line in zip(items, contact_lines(chosen, profile.territory), strict=True):
        item.contact = line
    if request_key:
        roadmap.public_token, roadmap.edit_token = tokens_of_request(request_key)
    try:
        with transaction.atomic():
            roadmap.save()
            for position, item in enumerate(items, 1):
                item.roadmap, item.position = roadmap, position
            RoadmapItem.objects.bulk_create(items)
    except IntegrityError:
        if first := roadmap_created_by(request_key):
            return first
        raise
    return roadmap


def roadmap_add(roadmap: Roadmap, lever_slugs: list[str], scheme_slugs: list[str]) -> int:
    """Add levers and schemes forgotten at creation to `roadmap`, after its items; those
    already in it are skipped. How many were added. Raises RoadmapError (nothing chosen,
    unknown, or more than MAX_ITEMS in all) and then changes nothing."""
    present = set(roadmap.items.values_list("lever__slug", "scheme__slug"))
    have_levers = {lever for lever, _ in present if lever}
    have_schemes = {scheme for _, scheme in present if scheme}
    lever_slugs = [s for s in dict.fromkeys(lever_slugs) if s and s not in have_levers]
    scheme_slugs = [s for s in dict.fromkeys(scheme_slugs) if s and s not in have_schemes]
    if not lever_slugs and not scheme_slugs:
        raise RoadmapError(
            "Choisissez un levier ou une aide qui n'est pas déjà dans la feuille de route."
        )
    count = len(present) + len(lever_slugs) + len(scheme_slugs)
    if count > MAX_ITEMS:
        raise RoadmapError(
            f"Une feuille de route compte au plus {MAX_ITEMS} leviers et aides ({count} avec "
            "ceux-ci) : retirez-en d'abord."
        )
    levers = Lever.objects.only("id", "slug", "name").in_bulk(lever_slugs, field_name="slug")
    schemes = Scheme.objects.only("id", "slug", "name").in_bulk(scheme_slugs, field_name="slug")
    unknown = [s for s in lever_slugs if s not in levers] + [
        s for s in scheme_slugs if s not in schemes
    ]
    if unknown:
        raise RoadmapError(f"Élément inconnu du catalogue : {', '.join(unknown)}.")
    items = [RoadmapItem(lever=levers[slug], name=levers[slug].name) for slug in lever_slugs] + [
        RoadmapItem(scheme=schemes[slug], name=schemes[slug].name) for slug in scheme_slugs
    ]
    with transaction.atomic():
        last = roadmap.items.order_by("-position").values_list("position", flat=True).first()
        for position, item in enumerate(items, (last or 0) + 1):
            item.roadmap, item.position = roadmap, min(position, MAX_ITEMS)
        RoadmapItem.objects.bulk_create(items)
        roadmap.save(update_fields=["updated_at"])
    return len(items)
