"""The pages that compose several domains: the home page (the journey's first step), the
commune page and its map (the territory diagnosis: referential, catalogue, observatory) and
the EPCI page. Their URLs stay where users know them (`site_urls`)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from leviers.core.models import Dataset
from leviers.journey.diagnosis import commune_diagnosis, commune_map_svg
from leviers.territories.maps import map_title
from leviers.territories.models import Commune, Epci

# The commune with what its page shows, without the outline's path (the map has its own URL).
COMMUNES = Commune.objects.select_related(
    "department", "region", "epci", "town_hall", "outline"
).defer("outline__path")


def home(request):
    return render(request, "journey/home.html")


def commune_detail(request, code: str):
    commune = get_object_or_404(COMMUNES, code=code)
    datasets = Dataset.objects.in_bulk(field_name="key")
    programmes = list(commune.programmes.all())
    context = {
        **commune_diagnosis(commune, datasets),
        "commune": commune,
        "datasets": datasets,
        "referential": datasets.get("decoupage-administratif"),
        "density": datasets.get("grille-densite"),
        "pvd": datasets.get("petites-villes-de-demain"),
        "france_services_dataset": datasets.get("france-services"),
        "town_halls": datasets.get("mairies"),
        "outlines": datasets.get("contours-communes"),
        "map_title": map_title(commune),
        "programme_slugs": {p.slug for p in programmes},
        "programmes": programmes,
    }
    return render(request, "journey/commune.html", context)


@cache_control(max_age=3600)
def commune_map(request, code: str):
    """The commune's map as an SVG document, loaded by its page as an image."""
    commune = get_object_or_404(COMMUNES, code=code)
    outline = getattr(commune, "outline", None)
    if outline is None:
        raise Http404("Le contour de cette commune n'est pas encore chargé sur ce site.")
    imported = Dataset.objects.filter(key="france-services").exists()
    svg = commune_map_svg(commune, outline.centroid, france_services_imported=imported)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


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
    return render(request, "journey/epci.html", context)
