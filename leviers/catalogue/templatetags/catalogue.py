from django import template

from leviers.catalogue import vocabulary

register = template.Library()

VOCABULARIES = {
    "needs": vocabulary.NEEDS,
    "beneficiaries": vocabulary.BENEFICIARIES,
    "stages": vocabulary.STAGES,
    "scheme_kinds": vocabulary.SCHEME_KINDS,
    "legal_forms": vocabulary.LEGAL_FORMS,
    "roles": vocabulary.AUTHORITY_ROLES,
    "resource_kinds": vocabulary.RESOURCE_KINDS,
}


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
