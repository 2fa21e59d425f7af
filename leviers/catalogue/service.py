"""The one entry point the CLI, the API and the pages share: a situation in, a match out."""

from __future__ import annotations

from leviers.catalogue.contacts import contact_for, references
from leviers.catalogue.matching import MatchResult, match
from leviers.catalogue.models import Scheme
from leviers.catalogue.profiles import ProfileRequest, build_profile
from leviers.catalogue.snapshot import Snapshot, current_snapshot

MATCHED_KINDS = {"scheme", "lever", "experience"}  # what the free text may bring forward


def run_match(
    request: ProfileRequest, snapshot: Snapshot | None = None
) -> tuple[MatchResult, dict]:
    """The match of a situation on the catalogue's `snapshot` (the current one by default).
    Raises ProfileError (French message) on a bad commune, slug or answer."""
    profile, needs, summary = build_profile(request)
    snapshot = snapshot or current_snapshot()
    text_scores = {}
    if request.text.strip():
        hits = snapshot.index.search(
            request.text, kinds=MATCHED_KINDS, limit=200, require_all=False
        )
        text_scores = {(h.document.kind, h.document.slug): min(h.score, 5.0) for h in hits}
    return match(snapshot.catalogue, profile, needs, text_scores), summary


def contact_lines(entries, territory) -> list[str]:
    """For each lever or scheme (model instances with `contacts`), the first contact for
    `territory` as one line (« » if none): what a roadmap's « Contact » field starts with.
    One query for the schemes they refer to, if any."""
    slugs = {slug for entry in entries for slug in references(entry.contacts)}
    referenced = (
        dict(Scheme.objects.filter(slug__in=slugs).values_list("slug", "contacts")) if slugs else {}
    )
    lines = []
    for entry in entries:
        found = contact_for(entry.contacts, territory, lambda s: referenced.get(s, ()))
        lines.append(found[0].line() if found else "")
    return lines
