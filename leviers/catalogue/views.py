from django.shortcuts import get_object_or_404, render

from leviers.catalogue import vocabulary
from leviers.catalogue.mentions import mentions_of
from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.catalogue.snapshot import KINDS, current_snapshot

PAGE_SIZE = 40
SECTIONS = ("leviers", "experiences", "dispositifs", "ressources")  # the page's order


def search(request):
    """The catalogue, filtered (need; holder and stage for the schemes) and searched, by kind."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("type", "")
    chosen = {
        "besoin": request.GET.get("besoin", ""),
        "porteur": request.GET.get("porteur", ""),
        "etape": request.GET.get("etape", ""),
    }
    errors = []
    for value, table, name in (
        (kind, KINDS, "type"),
        (chosen["besoin"], vocabulary.NEEDS, "besoin"),
        (chosen["porteur"], vocabulary.BENEFICIARIES, "porteur"),
        (chosen["etape"], vocabulary.STAGES, "étape"),
    ):
        if value and value not in table:
            errors.append(f"Valeur inconnue pour « {name} » : {value}.")
    selected = [KINDS[kind]] if kind in KINDS else [KINDS[segment] for segment in SECTIONS]
    sections = []
    if not errors:
        snapshot = current_snapshot()
        hits = None
        if query:
            wanted = {spec.name for spec in selected}
            hits = snapshot.index.search(query, kinds=wanted, limit=500)
        for spec in selected:
            filters = {
                name: value for name, value in chosen.items() if value and name in spec.filters
            }
            slugs = snapshot.facets[spec.segment].ordered(filters)
            if hits is not None:
                allowed = set(slugs)
                slugs = [
                    h.document.slug
                    for h in hits
                    if h.document.kind == spec.name and h.document.slug in allowed
                ]
            page = spec.objects().in_bulk(slugs[:PAGE_SIZE], field_name="slug")
            sections.append(
                {
                    "key": spec.segment,
                    "title": spec.title,
                    "items": [page[slug] for slug in slugs[:PAGE_SIZE] if slug in page],
                    "total": len(slugs),
                }
            )
    context = {
        "query": query,
        "kind": kind,
        "need": chosen["besoin"],
        "beneficiary": chosen["porteur"],
        "stage": chosen["etape"],
        "sections": sections,
        "errors": errors,
        "kinds": {segment: KINDS[segment].title for segment in SECTIONS},
        "needs": vocabulary.NEEDS,
        "beneficiaries": vocabulary.BENEFICIARIES,
        "stages": vocabulary.STAGES,
        "total": sum(s["total"] for s in sections),
    }
    return render(request, "catalogue/search.html", context, status=400 if errors else 200)


def lever_detail(request, slug: str):
    lever = get_object_or_404(Lever, slug=slug)
    context = {
        "lever": lever,
        "schemes": lever.schemes.all(),
        "experiences": lever.experiences.select_related("commune__department", "department"),
        "mentions": mentions_of("lever", lever.slug),
    }
    return render(request, "catalogue/lever.html", context)


def experience_detail(request, slug: str):
    experience = get_object_or_404(
        Experience.objects.select_related("commune__department", "commune__epci", "department"),
        slug=slug,
    )
    return render(
        request,
        "catalogue/experience.html",
        {
            "experience": experience,
            "levers": experience.levers.all(),
            "mentions": mentions_of("experience", experience.slug),
        },
    )


def scheme_detail(request, slug: str):
    scheme = get_object_or_404(Scheme, slug=slug)
    return render(
        request,
        "catalogue/scheme.html",
        {
            "scheme": scheme,
            "where": scheme.perimeter_in_words(),
            "levers": scheme.levers.all(),
            "mentions": mentions_of("scheme", scheme.slug),
        },
    )


def resource_detail(request, slug: str):
    resource = get_object_or_404(Resource, slug=slug)
    return render(request, "catalogue/resource.html", {"resource": resource})
