from django import template

from leviers.screening.legislation import legislation_version as version

register = template.Library()


@register.simple_tag
def legislation_version() -> str:
    return version()
