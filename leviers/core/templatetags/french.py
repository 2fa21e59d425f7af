"""French agreement in templates: `{% load french %}{{ n|count_of:"bénévole" }}`,
`{{ n|count_of:"créneau,créneaux" }}` (0 and 1 take the singular, core.text.count_of)."""

from django import template

from leviers.core import text

register = template.Library()


@register.filter
def count_of(number, forms: str) -> str:
    singular, _, plural = forms.partition(",")
    return text.count_of(int(number or 0), singular, plural or None)
