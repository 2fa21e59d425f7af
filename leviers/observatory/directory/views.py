"""The directory of a commune's ESS actors: its page, map and CSV, and the proposal forms."""

from __future__ import annotations

import datetime as dt
import random

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from leviers.core.models import Dataset
from leviers.core.ratelimit import RateLimit
from leviers.core.text import count_of
from leviers.observatory import naf
from leviers.observatory.dataset import DATASET_KEY
from leviers.observatory.directory.actor_map import MAP_LIMIT, Marker, render_actor_map
from leviers.observatory.directory.export import write_directory
from leviers.observatory.directory.filters import DirectoryFilters, is_filtered
from leviers.observatory.directory.forms import ProfileForm, VolunteerForm
from leviers.observatory.directory.links import LinkGraph
from leviers.observatory.models import ActorProfile, Contribution, EssEstablishment, Family
from leviers.territories.maps import Shape
from leviers.territories.models import Commune

PAGE_SIZE = 50
# The public proposal forms (volunteers, profiles, links): a flood gets a French 429.
PROPOSALS = RateLimit("directory-proposals", limit=5, window=600)


def daily_seed(commune_code: str, day: dt.date) -> str:
    """The seed of the day's shuffle: the same order for everyone on a given day."""
    return f"{day.isoformat()}-{commune_code}"


def _ordered_page(establishments, filters: DirectoryFilters, commune: Commune, page_number):
    if filters.ordre == "hasard":
        ids = list(establishments.order_by("pk").values_list("pk", flat=True))
        random.Random(daily_seed(commune.code, dt.date.today())).shuffle(ids)
        page = Paginator(ids, PAGE_SIZE).get_page(page_number)
        rows = EssEstablishment.objects.in_bulk(list(page.object_list))
        page.object_list = [rows[pk] for pk in page.object_list]
        return page
    return Paginator(establishments.alphabetical(), PAGE_SIZE).get_page(page_number)


def actors(request, code: str):
    commune = get_object_or_404(
        Commune.objects.select_related("department", "region", "epci", "outline"), code=code
    )
    filters = DirectoryFilters.from_query(request.GET)
    establishments = EssEstablishment.objects.in_commune(commune).matching(filters)
    page = _ordered_page(establishments, filters, commune, request.GET.get("page"))
    profiles = {
        p.siret: p
        for p in ActorProfile.objects.of_establishments([e.siret for e in page.object_list])
    }
    volunteers = list(ActorProfile.objects.volunteers_of(commune))
    graph = LinkGraph(list(profiles.values()) + volunteers)
    entries = [
        {
            "establishment": e,
            "profile": profiles.get(e.siret),
            "links": graph.links_of(profiles[e.siret]) if e.siret in profiles else [],
        }
        for e in page.object_list
    ]
    volunteer_entries = [{"profile": p, "links": graph.links_of(p)} for p in volunteers]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "commune": commune,
        "filters": filters,
        "families": Family.choices,
        "sections": naf.sections(),
        "page": page,
        "entries": entries,
        "volunteers": volunteer_entries,
        "query": query.urlencode(),
        "seed": daily_seed(commune.code, dt.date.today()),
        "dataset": Dataset.objects.filter(key=DATASET_KEY).first(),
        "map": _map_context(request, commune, page.paginator.count, len(volunteer_entries)),
    }
    return render(request, "observatory/actors.html", context)


def _map_context(request, commune: Commune, establishments: int, volunteers: int) -> dict:
    """Whether the map is drawn, and why not."""
    count = establishments + (0 if is_filtered(request.GET) else volunteers)
    if not hasattr(commune, "outline"):
        return {"drawn": False, "reason": "le contour de la commune n'est pas renseigné"}
    if not count:
        return {"drawn": False, "reason": "aucun acteur à placer"}
    if count > MAP_LIMIT:
        return {
            "drawn": False,
            "reason": f"plus de {MAP_LIMIT} acteurs, filtrez la liste pour l'afficher",
        }
    return {"drawn": True, "count": count}


@cache_control(max_age=3600)
def actors_map(request, code: str):
    """The map of the directory's actors (same filters), an SVG image of its page."""
    commune = get_object_or_404(Commune.objects.select_related("outline"), code=code)
    if not hasattr(commune, "outline"):
        raise Http404("Le contour de cette commune n'est pas encore chargé sur ce site.")
    establishments = EssEstablishment.objects.in_commune(commune).matching(
        DirectoryFilters.from_query(request.GET)
    )
    rows = establishments.alphabetical().values_list("name", "family", "longitude", "latitude")
    markers = [Marker(*row) for row in rows[: MAP_LIMIT + 1]]
    if not is_filtered(request.GET):
        volunteers = ActorProfile.objects.volunteers_of(commune)
        markers += [
            Marker(name, Family.ASSOCIATION) for name in volunteers.values_list("name", flat=True)
        ]
    if len(markers) > MAP_LIMIT:
        raise Http404("Trop d'acteurs pour une carte lisible : filtrez la liste.")
    outline = commune.outline
    shape = Shape(
        commune.code,
        commune.epci_id,
        outline.path,
        (outline.min_longitude, outline.min_latitude, outline.max_longitude, outline.max_latitude),
    )
    unlocated = sum(1 for m in markers if m.longitude is None)
    svg = render_actor_map(
        shape,
        outline.centroid,
        markers,
        title=f"Carte des acteurs de l'ESS de {commune.name}",
        desc=(
            f"{count_of(len(markers), 'acteur')} de l'ESS dans le contour de {commune.name}, une "
            f"forme et une couleur par famille ; {unlocated} sans position connue, "
            f"{'dessinés' if unlocated > 1 else 'dessiné'} vides "
            "autour du centre de la commune. La liste de l'annuaire les décrit tous."
        ),
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def actors_csv(request, code: str):
    commune = get_object_or_404(Commune, code=code)
    establishments = EssEstablishment.objects.in_commune(commune).matching(
        DirectoryFilters.from_query(request.GET)
    )
    volunteers = [] if is_filtered(request.GET) else ActorProfile.objects.volunteers_of(commune)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="acteurs-ess-{commune.code}.csv"'
    write_directory(response, commune, establishments.alphabetical(), volunteers)
    return response


# --- Proposals ------------------------------------------------------------------------------


def _contribute(request, commune: Commune, form_class, template: str, context: dict, key: str):
    form = form_class(request.POST or None, actor_key=key)
    status = 200
    if request.method == "POST":
        if form.is_robot:  # answered as a success, recorded as nothing
            return redirect("observatory:thanks", commune.code)
        if not PROPOSALS.allow(request):
            form.add_error(
                None, "Trop de propositions envoyées en peu de temps : réessayez dans 10 minutes."
            )
            status = 429
        elif form.is_valid():
            Contribution.objects.create(
                what=(
                    Contribution.What.VOLUNTEER
                    if form_class is VolunteerForm
                    else Contribution.What.PROFILE
                ),
                commune=commune,
                actor_key=form.actor_key,
                proposed=form.proposed(),
            )
            return redirect("observatory:thanks", commune.code)
        else:
            status = 400
    context |= {"commune": commune, "form": form}
    return render(request, template, context, status=status)


def contribute_profile(request, code: str, key: str):
    """« Compléter cette fiche » : an establishment's (SIRET) or an association's (RNA)."""
    commune = get_object_or_404(Commune.objects.select_related("department"), code=code)
    if key.isdigit():
        actor = get_object_or_404(EssEstablishment, commune=commune, siret=key)
        name = actor.display_name
    else:
        actor = get_object_or_404(ActorProfile, commune=commune, siret="", rna=key)
        name = actor.name
    context = {"actor_name": name, "actor_key": key}
    return _contribute(request, commune, ProfileForm, "observatory/contribute.html", context, key)


def contribute_volunteer(request, code: str):
    """« Ajouter une association sans salarié absente de SIRENE »."""
    commune = get_object_or_404(Commune.objects.select_related("department"), code=code)
    return _contribute(request, commune, VolunteerForm, "observatory/contribute.html", {}, "")


def thanks(request, code: str):
    commune = get_object_or_404(Commune, code=code)
    return render(request, "observatory/thanks.html", {"commune": commune})
