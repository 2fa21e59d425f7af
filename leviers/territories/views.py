from django.shortcuts import get_object_or_404, redirect, render

from leviers.core.models import Dataset
from leviers.territories.models import Commune, Epci
from leviers.territories.search import search_territories


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = search_territories(query, limit=30) if query else []
    if len(results) == 1:
        entry = results[0]
        name = "territories:commune" if entry.kind == "commune" else "territories:epci"
        return redirect(name, entry.code)
    return render(request, "territories/search.html", {"query": query, "results": results})


def commune_detail(request, code: str):
    commune = get_object_or_404(
        Commune.objects.select_related("department", "region", "epci", "town_hall"), code=code
    )
    datasets = Dataset.objects.in_bulk(field_name="key")
    epci_members = commune.epci.communes.count() if commune.epci else None
    programmes = list(commune.programmes.all())
    france_services = list(commune.france_services.all())
    context = {
        "commune": commune,
        "datasets": datasets,
        "referential": datasets.get("decoupage-administratif"),
        "density": datasets.get("grille-densite"),
        "pvd": datasets.get("petites-villes-de-demain"),
        "france_services_dataset": datasets.get("france-services"),
        "town_halls": datasets.get("mairies"),
        "epci_members": epci_members,
        "programme_slugs": {p.slug for p in programmes},
        "programmes": programmes,
        "france_services": france_services,
    }
    return render(request, "territories/commune.html", context)


def epci_detail(request, siren: str):
    epci = get_object_or_404(Epci, siren=siren)
    members = list(epci.communes.select_related("department").order_by("-population", "name"))
    datasets = Dataset.objects.in_bulk(field_name="key")
    departments = sorted({m.department for m in members}, key=lambda d: d.code)
    rural = [m for m in members if m.is_rural]
    context = {
        "epci": epci,
        "members": members,
        "departments": departments,
        "referential": datasets.get("decoupage-administratif"),
        "density": datasets.get("grille-densite"),
        "rural_count": len(rural),
        "rural_population": sum(m.population or 0 for m in rural),
    }
    return render(request, "territories/epci.html", context)
