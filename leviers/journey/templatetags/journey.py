from django import template

from leviers.catalogue import vocabulary
from leviers.catalogue.profiles import MAX_TEXT, ProfileRequest

register = template.Library()


@register.inclusion_tag("journey/_situation_fields.html")
def situation_fields(situation: ProfileRequest | None = None, prefix: str = "", heading: str = ""):
    """The optional situation step: needs as large toggles, holder, stage, free text."""
    return {
        "situation": situation or ProfileRequest(),
        "prefix": prefix,
        "heading": heading,
        "needs": vocabulary.NEEDS,
        "beneficiaries": vocabulary.BENEFICIARIES,
        "stages": vocabulary.STAGES,
        "max_text": MAX_TEXT,
    }
