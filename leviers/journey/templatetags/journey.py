from django import template
from django.template import engines
from django.utils.safestring import mark_safe

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


@register.simple_tag
def reason_list(reasons) -> str:
    """The reasons of a verdict as the recommendations show them (`reason_rows`): the one
    template of that list is Jinja2's journey/_reasons.html, which _results.html imports too."""
    template = engines["jinja2"].get_template("journey/_reasons.html")
    return mark_safe(template.render({"reasons": reasons}))  # escaped by Jinja2
