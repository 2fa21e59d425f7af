"""The one entry point the CLI, the API and the pages share: a request in, a match out."""

from __future__ import annotations

from leviers.catalogue.indexing import catalogue_index, catalogue_snapshot
from leviers.catalogue.matching import MatchResult, match
from leviers.catalogue.profiles import ProfileRequest, build_profile

KIND_OF_DOCUMENT = {"scheme": "scheme", "lever": "lever", "experience": "experience"}


def run_match(request: ProfileRequest) -> tuple[MatchResult, dict]:
    """Raises ProfileError (French message) on a bad commune, slug or answer."""
    profile, needs, summary = build_profile(request)
    text_scores = {}
    if request.text.strip():
        hits = catalogue_index().search(
            request.text, kinds=set(KIND_OF_DOCUMENT), limit=200, require_all=False
        )
        text_scores = {(h.document.kind, h.document.slug): min(h.score, 5.0) for h in hits}
    return match(catalogue_snapshot(), profile, needs, text_scores), summary
