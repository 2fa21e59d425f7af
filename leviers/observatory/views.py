"""ESS indicators of a commune or an EPCI, and the directory of a commune's ESS actors."""

from __future__ import annotations

import csv
import datetime as dt
import random

from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from leviers.core.models import Dataset
from leviers.observatory import headcount, naf
from leviers.observatory.actor_map import MAP_LIMIT, Marker, render_actor_map
from leviers.observatory.contributions import ProfileForm, VolunteerForm, submissions
from leviers.observatory.dataset import DATASET_KEY
from leviers.observatory.indicators import (
    SMALL_COUNT_NOTE,
    bars,
    breakdown,
    is_small,
    percent,
    share,
)
from leviers.observatory.models import (
    ActorLink,
    ActorProfile,
    CommuneEssStats,
    Contribution,
    EssEstablishment,
    Family,
    TerritoryEssStats,
)
from leviers.observatory.perimeter import perimeter
from leviers.territories.maps import Shape
from leviers.territories.models import Commune, Epci

PAGE_SIZE = 50


def _row(label: str, figures) -> dict:
    """One line of the comparison table."""
    if figures is None:
        return {"label": label, "missing": True}
    n = figures.establishments
    return {
        "label": label,
        "missing": False,
        "establishments": n,
        "small": is_small(n),
        "legal_units": figures.legal_units,
        "employers": figures.employer_establishments,
        "employer_share": percent(share(figures.employer_establishments, n)),
        "headcount": str(
            headcount.HeadcountRange(
                figures.headcount_low, figures.headcount_high, figures.headcount_unknown
            )
        ),
        "private": figures.private_establishments,
        "ess_share": percent(share(n, figures.private_establishments)),
    }


def _indicators_context(kind: str, name: str, figures, comparisons: list[tuple[str, object]]):
    france = next((f for label, f in comparisons if label == "France"), None)
    family_labels = dict(Family.choices)
    families = breakdown(
        figures.by_family if figures else {},
        family_labels,
        france.by_family if france else None,
    )
    sections = breakdown(
        figures.by_section if figures else {},
        naf.sections(),
        france.by_section if france else None,
    )
    family_bars, family_height = bars(families)
    section_bars, section_height = bars(sections)
    return {
        "kind": kind,
        "name": name,
        "figures": figures,
        "main": _row(name, figures),
        "rows": [_row(name, figures)] + [_row(label, f) for label, f in comparisons],
        "families": families,
        "family_bars": family_bars,
        "family_height": family_height,
        "sections": sections,
        "section_bars": section_bars,
        "section_height": section_height,
        "headcount_method": headcount.METHOD,
        "small_count_note": SMALL_COUNT_NOTE,
        "perimeter_source": perimeter().source,
        "exclusions": perimeter().naf_exclusions,
        "naf_source": naf.source(),
        "dataset": Dataset.objects.filter(key=DATASET_KEY).first(),
    }


def _comparisons(wanted: list[tuple[str, str, str]]) -> list[tuple[str, object]]:
    """(label, figures) for each (label, level, code), in one query."""
    query = Q(pk__in=[])
    for _, level, code in wanted:
        query |= Q(level=level, code=code)
    found = {(s.level, s.code): s for s in TerritoryEssStats.objects.filter(query)}
    return [(label, found.get((level, code))) for label, level, code in wanted]


def commune_comparisons(commune: Commune):
    """The commune's ESS figures, and those of its EPCI, department, region and France."""
    figures = CommuneEssStats.objects.filter(commune=commune).first()
    wanted = []
    if commune.epci:
        wanted.append((commune.epci.name, "epci", commune.epci_id))
    wanted += [
        (
            f"{commune.department.name} ({commune.department_id})",
            "department",
            commune.department_id,
        ),
        (commune.region.name, "region", commune.region_id),
        ("France", "france", "FR"),
    ]
    return figures, _comparisons(wanted)


def comparison_rows(commune: Commune) -> list[dict]:
    """The rows of the comparison table, for the commune's diagnosis page too."""
    figures, comparisons = commune_comparisons(commune)
    return [_row(commune.name, figures)] + [_row(label, f) for label, f in comparisons]


def commune_indicators(request, code: str):
    commune = get_object_or_404(
        Commune.objects.select_related("department", "region", "epci"), code=code
    )
    figures, comparisons = commune_comparisons(commune)
    context = _indicators_context("commune", commune.name, figures, comparisons)
    context["commune"] = commune
    return render(request, "observatory/territory.html", context)


def epci_indicators(request, siren: str):
    epci = get_object_or_404(Epci, siren=siren)
    # The department and region of its most populated commune (an EPCI may straddle two).
    seat = (
        Commune.objects.filter(epci=epci)
        .select_related("department", "region")
        .order_by("-population", "code")
        .first()
    )
    figures = TerritoryEssStats.objects.filter(level="epci", code=epci.siren).first()
    wanted = []
    if seat:
        wanted += [
            (f"{seat.department.name} ({seat.department_id})", "department", seat.department_id),
            (seat.region.name, "region", seat.region_id),
        ]
    wanted.append(("France", "france", "FR"))
    context = _indicators_context("epci", epci.name, figures, _comparisons(wanted))
    context["epci"] = epci
    return render(request, "observatory/territory.html", context)


# --- Directory ------------------------------------------------------------------------------


def _filtered(request, commune: Commune):
    establishments = EssEstablishment.objects.filter(commune=commune)
    filters = {
        "q": request.GET.get("q", "").strip()[:100],
        "famille": request.GET.get("famille", ""),
        "secteur": request.GET.get("secteur", ""),
        "employeur": request.GET.get("employeur", ""),
        "ordre": "hasard" if request.GET.get("ordre") == "hasard" else "alphabetique",
    }
    if filters["q"]:
        establishments = establishments.filter(
            Q(name__icontains=filters["q"])
            | Q(trade_name__icontains=filters["q"])
            | Q(naf_label__icontains=filters["q"])
        )
    if filters["famille"] in Family.values:
        establishments = establishments.filter(family=filters["famille"])
    else:
        filters["famille"] = ""
    if filters["secteur"] in naf.sections():
        establishments = establishments.filter(naf_section=filters["secteur"])
    else:
        filters["secteur"] = ""
    if filters["employeur"] in ("oui", "non"):
        establishments = establishments.filter(employer=filters["employeur"] == "oui")
    else:
        filters["employeur"] = ""
    return establishments, filters


def daily_seed(commune_code: str, day: dt.date) -> str:
    """The seed of the day's shuffle: the same order for everyone on a given day."""
    return f"{day.isoformat()}-{commune_code}"


def _ordered_page(establishments, filters, commune: Commune, page_number):
    if filters["ordre"] == "hasard":
        ids = list(establishments.order_by("pk").values_list("pk", flat=True))
        random.Random(daily_seed(commune.code, dt.date.today())).shuffle(ids)
        page = Paginator(ids, PAGE_SIZE).get_page(page_number)
        rows = EssEstablishment.objects.in_bulk(list(page.object_list))
        page.object_list = [rows[pk] for pk in page.object_list]
        return page
    ordered = establishments.order_by(Lower("name"), "siret")
    return Paginator(ordered, PAGE_SIZE).get_page(page_number)


def _is_filtered(request) -> bool:
    return any(request.GET.get(k) for k in ("q", "famille", "secteur", "employeur"))


def actors(request, code: str):
    commune = get_object_or_404(
        Commune.objects.select_related("department", "region", "epci", "outline"), code=code
    )
    establishments, filters = _filtered(request, commune)
    page = _ordered_page(establishments, filters, commune, request.GET.get("page"))
    sirets = [e.siret for e in page.object_list]
    profiles = {p.siret: p for p in ActorProfile.objects.filter(siret__in=sirets).exclude(siret="")}
    volunteers = list(
        ActorProfile.objects.filter(commune=commune, siret="").order_by(Lower("name"))
    )
    known = list(profiles.values()) + volunteers
    links = list(
        ActorLink.objects.filter(Q(source__in=known) | Q(target__in=known)).select_related(
            "source", "target"
        )
    )
    # Names of linked actors that are SIRENE establishments without a name on their profile.
    unnamed = {
        p.siret for link in links for p in (link.source, link.target) if p.siret and not p.name
    }
    names = (
        dict(EssEstablishment.objects.filter(siret__in=unnamed).values_list("siret", "name"))
        if unnamed
        else {}
    )

    def label(profile: ActorProfile) -> str:
        return profile.name or names.get(profile.siret) or profile.siret

    def links_of(profile: ActorProfile) -> list[dict]:
        out = []
        for link in links:
            if link.source_id == profile.pk:
                other = link.target
            elif link.target_id == profile.pk:
                other = link.source
            else:
                continue
            out.append({"kind": link.get_kind_display(), "other": label(other), "note": link.note})
        return out

    entries = [
        {
            "establishment": e,
            "profile": profiles.get(e.siret),
            "links": links_of(profiles[e.siret]) if e.siret in profiles else [],
        }
        for e in page.object_list
    ]
    volunteer_entries = [{"profile": p, "links": links_of(p)} for p in volunteers]
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
    count = establishments + (0 if _is_filtered(request) else volunteers)
    if not hasattr(commune, "outline"):
        return {"drawn": False, "reason": "le contour de la commune n'est pas importé"}
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
        raise Http404("Contour de la commune non importé.")
    establishments, _ = _filtered(request, commune)
    rows = establishments.order_by(Lower("name"), "siret").values_list(
        "name", "family", "longitude", "latitude"
    )[: MAP_LIMIT + 1]
    markers = [Marker(*row) for row in rows]
    if not _is_filtered(request):
        volunteers = ActorProfile.objects.filter(commune=commune, siret="").order_by(Lower("name"))
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
            f"{len(markers)} acteur(s) de l'ESS dans le contour de {commune.name}, une forme et "
            f"une couleur par famille ; {unlocated} sans position connue, dessiné(s) vides "
            "autour du centre de la commune. La liste de l'annuaire les décrit tous."
        ),
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


CSV_COLUMNS = [
    "siret",
    "rna",
    "nom",
    "enseigne",
    "adresse",
    "code_postal",
    "code_commune",
    "commune",
    "code_naf",
    "activite",
    "famille",
    "categorie_juridique",
    "tranche_effectif",
    "employeur",
    "date_creation",
    "marque_ess",
    "categorie_ess",
    "fiche_sirene",
]


def actors_csv(request, code: str):
    commune = get_object_or_404(Commune, code=code)
    establishments, _ = _filtered(request, commune)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="acteurs-ess-{commune.code}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with its BOM.
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    families = dict(Family.choices)
    yes_no = {True: "oui", False: "non", None: ""}
    for e in establishments.order_by(Lower("name"), "siret").iterator(chunk_size=2000):
        writer.writerow(
            [
                e.siret,
                "",
                e.name,
                e.trade_name,
                e.address,
                e.postal_code,
                commune.code,
                commune.name,
                e.naf_code,
                e.naf_label,
                families.get(e.family, e.family),
                e.legal_category,
                e.headcount_band,
                yes_no[e.employer],
                e.created_on.isoformat() if e.created_on else "",
                yes_no[e.ess_flag],
                yes_no[e.ess_legal_category],
                e.sirene_url,
            ]
        )
    if not _is_filtered(request):
        for p in ActorProfile.objects.filter(commune=commune, siret="").order_by(Lower("name")):
            writer.writerow(
                ["", p.rna, p.name, "", "", "", commune.code, commune.name]
                + [""] * (len(CSV_COLUMNS) - 8)
            )
    return response


# --- Contributions --------------------------------------------------------------------------


def _contribute(request, commune: Commune, form_class, template: str, context: dict, key: str):
    form = form_class(request.POST or None, actor_key=key)
    status = 200
    if request.method == "POST":
        if form.is_robot:  # answered as a success, recorded as nothing
            return redirect("observatory:thanks", commune.code)
        if not submissions.allow(request.META.get("REMOTE_ADDR", "")):
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
