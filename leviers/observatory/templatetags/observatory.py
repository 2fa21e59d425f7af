"""The ESS figures a territory page shows, as a tag: the territories app needs no import of the
observatory's code, its template only loads this library."""

from django import template

register = template.Library()


@register.inclusion_tag("observatory/_summary.html")
def ess_summary(commune, dataset):
    from leviers.observatory.views import comparison_rows

    return {"commune": commune, "dataset": dataset, "rows": comparison_rows(commune)}
