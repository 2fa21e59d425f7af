"""The eligibility engine, on its own: pure Python, no Django, no database.

- `types`: what goes in and out (`Profile`, `Territory`, `Fact`, `Reason`, `Question`);
- `criteria`: a scheme's criteria read from YAML or JSON, validated with French errors;
- `sentences`: the French sentence explaining each kind of criterion for a profile;
- `engine`: verdicts, one scheme (`evaluate`) or a whole catalogue (`CompiledSchemes`);
- `bulk`: statuses alone for many profiles (the eligibility map), shared between them.
"""

from leviers.catalogue.eligibility.criteria import (
    CriteriaError,
    Criterion,
    parse_criteria,
    perimeter_criterion,
    scheme_criteria,
    status_criteria,
)
from leviers.catalogue.eligibility.engine import (
    CLOSED,
    ELIGIBLE,
    NOT_ELIGIBLE,
    RESOURCE,
    STATUS_LABELS,
    STATUS_OF_RANK,
    TO_CHECK,
    CompiledSchemes,
    Verdict,
    Verdicts,
    evaluate,
)
from leviers.catalogue.eligibility.types import (
    Fact,
    Members,
    Profile,
    Question,
    Reason,
    Territory,
    fact,
)

__all__ = [
    "CLOSED",
    "ELIGIBLE",
    "NOT_ELIGIBLE",
    "RESOURCE",
    "STATUS_LABELS",
    "STATUS_OF_RANK",
    "TO_CHECK",
    "CompiledSchemes",
    "CriteriaError",
    "Criterion",
    "Fact",
    "Members",
    "Profile",
    "Question",
    "Reason",
    "Territory",
    "Verdict",
    "Verdicts",
    "evaluate",
    "fact",
    "parse_criteria",
    "perimeter_criterion",
    "scheme_criteria",
    "status_criteria",
]
