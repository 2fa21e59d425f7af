import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from leviers.catalogue import vocabulary
from leviers.catalogue.dates import french_date as _french_date

register = template.Library()

VOCABULARIES = {
    "needs": vocabulary.NEEDS,
    "beneficiaries": vocabulary.BENEFICIARIES,
    "stages": vocabulary.STAGES,
    "scheme_kinds": vocabulary.SCHEME_KINDS,
    "legal_forms": vocabulary.LEGAL_FORMS,
    "roles": vocabulary.AUTHORITY_ROLES,
    "resource_kinds": vocabulary.RESOURCE_KINDS,
    "calendar_kinds": vocabulary.CALENDAR_KINDS,
}


@register.filter
def french_date(value) -> str:
    """2026-11-28 (date or ISO text) → « 28 novembre 2026 »."""
    return _french_date(value)


@register.filter
def labels(slugs, name: str) -> list[str]:
    """["commerce", "lien-social"]|labels:"needs" → French labels."""
    table = VOCABULARIES[name]
    if isinstance(slugs, str):
        return [vocabulary.label(table, slugs)]
    return [vocabulary.label(table, s) for s in slugs or []]


@register.filter
def label(slug, name: str) -> str:
    return vocabulary.label(VOCABULARIES[name], slug)


_LIST_ITEM = re.compile(r"^\s*([-•*–]|\d+[.)])\s")


@register.filter
def paragraphs(text: str) -> str:
    """Text written with hard-wrapped lines (YAML blocks) as HTML paragraphs: a blank line
    starts a paragraph, a single line break is a space — unless the next line is a list item."""
    html = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        parts = [escape(lines[0])]
        for line in lines[1:]:
            parts.append(("<br>" if _LIST_ITEM.match(line) else " ") + escape(line))
        html.append(f"<p>{''.join(parts)}</p>")
    return mark_safe("\n".join(html))
