"""{% load funding %}: `{{ amount|euros }}` writes « 12 500 € » (plan.euros)."""

from django import template

from leviers.funding import plan

register = template.Library()


@register.filter
def euros(value):
    return plan.euros(value)
