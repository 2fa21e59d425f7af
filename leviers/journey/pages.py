"""The pages that compose several domains: the home page (the journey's first step), the
commune page and its map (the territory diagnosis: referential, catalogue, observatory) and
the EPCI page. Their URLs stay where users know them (`site_urls`)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control

from leviers.core.models import Dataset
from leviers.journey import epci as epci_parts
from leviers.journey import matrix as member_matrix
from leviers.journey.diagnosis import EXPERIENCES_RADIUS_KM, commune_diagnosis, commune_map_svg
from leviers.territories.maps import map_title
from leviers.territories.mentions import Place, mentions_of
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
        "mentions": mentions_of(Place.of_commune(commune)),
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
    members = epci_parts.members_of(epci)
    datasets = Dataset.objects.in_bulk(field_name="key")
    departments = sorted({m.department for m in members}, key=lambda d: d.code)
    rural = [m for m in members if m.is_rural]
    population = epci_parts.population(epci, members)
    rural_population = sum(m.population or 0 for m in rural)
    inside, near = epci_parts.experiences_around(epci, members, epci_parts.centre(members))
    programmes = epci_parts.programmes_of(members)
    in_programmes: dict[str, list[str]] = {}
    for programme, found in programmes:
        for member in found:
            in_programmes.setdefault(member.code, []).append(programme.name)
    context = {
        "epci": epci,
        "members": [(m, in_programmes.get(m.code, [])) for m in members],
        "member_count": len(members),
        "departments": departments,
        "datasets": datasets,
        "referential": datasets.get("decoupage-administratif"),
        "density": datasets.get("grille-densite"),
        "outlines": datasets.get("contours-communes"),
        "france_services_dataset": datasets.get("france-services"),
        "population": population,
        "rural_count": len(rural),
        "rural_share": epci_parts.share(rural_population, population.members),
        "has_map": any(getattr(m, "outline", None) for m in members),
        "map_title": epci_parts.map_title(epci),
        "programmes": [
            (programme, found, datasets.get(programme.dataset_key))
            for programme, found in programmes
        ],
        "france_services": epci_parts.france_services_in(members)
        if "france-services" in datasets
        else None,
        "experiences_inside": inside,
        "experiences_near": near,
        "experiences_radius": EXPERIENCES_RADIUS_KM,
        "ess_rows": epci_parts.ess_rows(epci, members) if "sirene_ess" in datasets else None,
        "mentions": mentions_of(Place.of_epci(epci, members)),
    }
    return render(request, "journey/epci.html", context)


@cache_control(max_age=3600)
def epci_map(request, siren: str):
    """The intercommunality's map as an SVG document, loaded by its page as an image."""
    epci = get_object_or_404(Epci, siren=siren)
    imported = Dataset.objects.filter(key="france-services").exists()
    svg = epci_parts.members_map_svg(epci, france_services_imported=imported)
    if svg is None:
        raise Http404("Contours des communes non importés.")
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def epci_matrix(request, siren: str):
    """Which member communes qualify, may qualify or not, scheme by scheme (printable)."""
    epci = get_object_or_404(Epci, siren=siren)
    context = {
        "epci": epci,
        "matrix": member_matrix.member_matrix(epci.siren),
        "marks": member_matrix.MARKS.values(),
        "holder": member_matrix.HOLDER,
    }
    return render(request, "journey/epci_matrix.html", context)


def epci_matrix_csv(request, siren: str):
    """The member matrix as a CSV file."""
    epci = get_object_or_404(Epci, siren=siren)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="communes-membres-{epci.siren}.csv"'
    member_matrix.write_csv(
        response,
        member_matrix.member_matrix(epci.siren),
        lambda slug: request.build_absolute_uri(reverse("catalogue:scheme", args=[slug])),
    )
    return response
