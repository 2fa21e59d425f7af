from django.shortcuts import get_object_or_404, render

from leviers.catalogue import vocabulary
from leviers.catalogue.indexing import catalogue_index
from leviers.catalogue.models import Experience, Lever, Resource, Scheme

KINDS = {
    "leviers": ("lever", "Leviers", Lever),
    "experiences": ("experience", "Retours d'expérience", Experience),
    "dispositifs": ("scheme", "Dispositifs d'aide", Scheme),
    "ressources": ("resource", "Ressources", Resource),
}
PAGE_SIZE = 40


def _filtered(model, need: str, beneficiary: str, stage: str) -> list:
    """Entries matching the filters (JSON list fields are filtered in Python: the catalogue is
    small, and this behaves the same on SQLite and PostgreSQL)."""
    if model is Experience:
        objects = model.objects.select_related("commune__department", "department")
        objects = objects.prefetch_related("levers")
    else:
        objects = model.objects.all()
    kept = []
    for obj in objects:
        if need and need not in obj.needs:
            continue
        if model is Scheme:
            if beneficiary and beneficiary not in obj.beneficiaries:
                continue
            if stage and obj.stages and stage not in obj.stages:
                continue
        kept.append(obj)
    return kept


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("type", "")
    need = request.GET.get("besoin", "")
    beneficiary = request.GET.get("porteur", "")
    stage = request.GET.get("etape", "")
    errors = []
    for value, table, name in (
        (kind, KINDS, "type"),
        (need, vocabulary.NEEDS, "besoin"),
        (beneficiary, vocabulary.BENEFICIARIES, "porteur"),
        (stage, vocabulary.STAGES, "étape"),
    ):
        if value and value not in table:
            errors.append(f"Valeur inconnue pour « {name} » : {value}.")
    selected = [kind] if kind in KINDS else list(KINDS)
    sections = []
    if not errors:
        hits = None
        if query:
            wanted = {KINDS[k][0] for k in selected}
            hits = catalogue_index().search(query, kinds=wanted, limit=500)
        for key in selected:
            kind_code, title, model = KINDS[key]
            objects = _filtered(model, need, beneficiary, stage)
            if hits is not None:
                by_slug = {o.slug: o for o in objects}
                objects = [
                    by_slug[h.document.slug]
                    for h in hits
                    if h.document.kind == kind_code and h.document.slug in by_slug
                ]
            sections.append(
                {"key": key, "title": title, "items": objects[:PAGE_SIZE], "total": len(objects)}
            )
    context = {
        "query": query,
        "kind": kind,
        "need": need,
        "beneficiary": beneficiary,
        "stage": stage,
        "sections": sections,
        "errors": errors,
        "kinds": {k: v[1] for k, v in KINDS.items()},
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
        {"experience": experience, "levers": experience.levers.all()},
    )


def scheme_detail(request, slug: str):
    scheme = get_object_or_404(Scheme, slug=slug)
    return render(
        request, "catalogue/scheme.html", {"scheme": scheme, "levers": scheme.levers.all()}
    )


def resource_detail(request, slug: str):
    resource = get_object_or_404(Resource, slug=slug)
    return render(request, "catalogue/resource.html", {"resource": resource})
