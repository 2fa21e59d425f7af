"""The ESS figures a territory page shows, as a tag: the commune page loads this library and
the tag reads the comparison from the observatory's domain module, not from a view."""

from django import template

from leviers.observatory.comparison import ess_comparison

register = template.Library()


@register.inclusion_tag("observatory/_summary.html")
def ess_summary(commune, dataset):
    return {"commune": commune, "dataset": dataset, "rows": ess_comparison(commune)}
