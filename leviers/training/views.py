"""The training pages. Thin: modules and paths are public; progress, the certificate and the
facilitators' figures go through the door (accounts/permissions.py); writes are in actions.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from leviers.accounts.access import signed_in
from leviers.accounts.models import Membership
from leviers.catalogue.models import Experience, Lever, Resource, Scheme
from leviers.clubs.models import Club
from leviers.core.text import french_date
from leviers.training import actions, figures
from leviers.training.forms import SelfCheckForm
from leviers.training.models import Module, Path, PathStep, Progress
from leviers.training.progress import path_state

TRACK = "training.track_progress"
CATALOGUE = {"levers": Lever, "experiences": Experience, "schemes": Scheme, "resources": Resource}
KIND_LABELS = {
    "levers": "Levier",
    "experiences": "Retour d'expérience",
    "schemes": "Dispositif",
    "resources": "Ressource",
}


def _steps(path: Path):
    return path.steps.select_related("module").only(
        "position",
        "when",
        "path_id",
        "module__slug",
        "module__title",
        "module__summary",
        "module__duration",
    )


def _catalogue_entries(module: Module) -> tuple[list[dict], Experience | None]:
    """The module's catalogue links (name and address) and its case's experience; an entry
    removed from the catalogue since the content was loaded is left out."""
    wanted: dict[str, set[str]] = {}
    for resource in module.resources:
        wanted.setdefault(resource["kind"], set()).add(resource["slug"])
    wanted.setdefault("experiences", set()).add(module.case.get("experience", ""))
    found = {
        kind: {e.slug: e for e in CATALOGUE[kind].objects.filter(slug__in=slugs)}
        for kind, slugs in wanted.items()
    }
    links = []
    for resource in module.resources:
        entry = found[resource["kind"]].get(resource["slug"])
        if entry is not None:
            links.append(
                {
                    "kind": KIND_LABELS[resource["kind"]],
                    "name": getattr(entry, "name", None) or entry.title,
                    "url": entry.get_absolute_url(),
                    "summary": entry.summary,
                }
            )
    return links, found["experiences"].get(module.case.get("experience", ""))


def index(request):
    paths = Path.objects.prefetch_related(
        Prefetch("steps", queryset=PathStep.objects.only("id", "path_id"))
    )
    modules = Module.objects.only("slug", "title", "summary", "duration")
    return render(request, "training/index.html", {"paths": paths, "modules": modules})


def path_detail(request, slug):
    path = get_object_or_404(Path, slug=slug)
    state = path_state(_steps(path), Progress.objects.by_module(request.user))
    return render(request, "training/path.html", {"path": path, "state": state})


def module_detail(request, slug):
    module = get_object_or_404(Module, slug=slug)
    links, experience = _catalogue_entries(module)
    progress = Progress.objects.of(request.user).filter(module=module).first()
    return render(
        request,
        "training/module.html",
        {
            "module": module,
            "links": links,
            "experience": experience,
            "progress": progress,
            "paths": module.paths.all(),
        },
    )


@require_POST
def module_read(request, slug):
    signed_in(request)
    module = get_object_or_404(Module, slug=slug)
    if not request.user.has_perm(TRACK):
        raise PermissionDenied
    actions.progress_mark_read(request.user, module)
    messages.success(request, "Module noté comme lu.")
    return redirect(module)


def self_check(request, slug):
    """Anyone may answer; a signed-in person's score is kept (their progress)."""
    module = get_object_or_404(Module, slug=slug)
    form = SelfCheckForm(module, request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        score = module.score(answers)
        if request.user.has_perm(TRACK):
            actions.progress_record_check(request.user, module, answers)
        result = {
            "score": score,
            "passed": score >= module.pass_mark,
            "questions": form.corrected(answers),
        }
    return render(
        request,
        "training/self_check.html",
        {"module": module, "form": form, "result": result, "paths": module.paths.all()},
    )


def mine(request):
    signed_in(request)
    progress = Progress.objects.by_module(request.user)
    paths = [(path, path_state(_steps(path), progress)) for path in Path.objects.all()]
    return render(request, "training/mine.html", {"paths": paths})


def _completed_path(request, slug):
    signed_in(request)
    path = get_object_or_404(Path, slug=slug)
    state = path_state(_steps(path), Progress.objects.by_module(request.user))
    return path, state


def _person_name(user) -> str:
    return user.get_full_name().strip() or user.email


def certificate_page(request, slug):
    path, state = _completed_path(request, slug)
    context = {"path": path, "state": state, "name": _person_name(request.user)}
    if state.completed:
        context["completed_on"] = french_date(state.completed_on.date())
    return render(request, "training/certificate.html", context)


def certificate_pdf(request, slug):
    # fpdf2 (numpy, fontTools) is imported by the certificate alone, not by every process start.
    from leviers.training import certificate

    path, state = _completed_path(request, slug)
    if not state.completed:
        raise Http404("Parcours pas encore terminé.")
    content = certificate.certificate_pdf(
        name=_person_name(request.user),
        path_title=path.title,
        modules=[s.module.title for s in state.steps],
        completed_on=french_date(state.completed_on.date()),
        address=request.build_absolute_uri(reverse("training:path", args=[path.slug])),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attestation-{path.slug}.pdf"'
    return response


def club_figures(request, public_id):
    """For a club's facilitators: anonymous counts of its member organisations' people."""
    signed_in(request)
    club = get_object_or_404(Club, public_id=public_id)
    if not request.user.has_perm("training.view_club_figures", club):
        raise PermissionDenied
    people = Membership.objects.filter(
        is_active=True, organisation__club_memberships__club=club
    ).values("user_id")
    progress = Progress.objects.filter(user_id__in=people)
    passed = Count("id", filter=Q(passed_on__isnull=False))
    # One row per (person, module): counting rows counts people.
    by_module = {
        row["module_id"]: (row["opened"], row["passed"])
        for row in progress.values("module_id").annotate(opened=Count("id"), passed=passed)
    }
    by_person_and_path = progress.values_list("user_id", "module__steps__path_id").annotate(
        passed=passed
    )
    paths = Path.objects.annotate(size=Count("steps")).values_list("id", "title", "size")
    path_lines, module_lines = figures.club_figures(
        by_module,
        [(user, path, n) for user, path, n in by_person_and_path if path is not None],
        list(paths),
        list(Module.objects.values_list("id", "title")),
        settings.TRAINING_MIN_CELL,
    )
    return render(
        request,
        "training/club.html",
        {
            "club": club,
            "people": people.distinct().count(),
            "path_lines": path_lines,
            "module_lines": module_lines,
            "minimum": settings.TRAINING_MIN_CELL,
        },
    )
