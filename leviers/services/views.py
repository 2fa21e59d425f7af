"""The services directory: public search, service card, « Qui appeler » sheet; local entries
kept by the commune (services.add_local / services.edit_local, accounts/permissions.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from leviers.services import sheet as sheets
from leviers.services.forms import LocalServiceForm, SearchForm
from leviers.services.models import Service
from leviers.services.search import DEFAULT_DISTANCE, commune_with_outline, search
from leviers.territories.models import Commune
from leviers.territories.search import search_territories


def directory(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "directory": None, "choices": []}
    if form.is_valid():
        data = form.cleaned_data
        commune = commune_with_outline(data["commune"]) if data["commune"] else None
        if commune is None and data["q"]:
            matches = [e for e in search_territories(data["q"], limit=10) if e.kind == "commune"]
            exact = [e for e in matches if e.name.casefold() == data["q"].strip().casefold()]
            if len(matches) == 1 or len(exact) == 1:
                commune = commune_with_outline((exact or matches)[0].code)
            else:
                context["choices"] = matches
        if commune is not None:
            distance = data["distance"] or DEFAULT_DISTANCE
            context["directory"] = search(commune, data["theme"] or None, distance)
            context["may_add"] = request.user.has_perm("services.add_local", commune)
    return render(request, "services/directory.html", context)


def detail(request, public_id):
    service = get_object_or_404(
        Service.objects.select_related("structure", "commune"), public_id=public_id
    )
    may_edit = request.user.has_perm("services.edit_local", service)
    return render(request, "services/detail.html", {"service": service, "may_edit": may_edit})


def _commune(code: str) -> Commune:
    commune = commune_with_outline(code)
    if commune is None:
        raise Http404("Commune inconnue.")
    return commune


def sheet(request, code):
    return render(request, "services/sheet.html", {"sheet": sheets.sheet(_commune(code))})


def sheet_pdf(request, code):
    commune = _commune(code)
    response = HttpResponse(sheets.pdf(sheets.sheet(commune)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="qui-appeler-{commune.code}.pdf"'
    return response


@login_required
def create(request, code):
    commune = _commune(code)
    if not request.user.has_perm("services.add_local", commune):
        raise PermissionDenied
    form = LocalServiceForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        return redirect(form.save())
    return render(request, "services/form.html", {"form": form, "commune": commune})


@login_required
def edit(request, public_id):
    service = get_object_or_404(
        Service.objects.select_related("structure", "commune"), public_id=public_id
    )
    if not request.user.has_perm("services.edit_local", service):
        raise PermissionDenied
    form = LocalServiceForm(request.POST or None, instance=service, commune=service.commune)
    if request.method == "POST" and form.is_valid():
        return redirect(form.save())
    return render(
        request,
        "services/form.html",
        {"form": form, "commune": service.commune, "service": service},
    )
