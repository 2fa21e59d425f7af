"""The funding plan's pages. Thin: every permission goes through the door
(workspace/access.py, rules in accounts/permissions.py), every object is looked up within its
project, every write is in actions.py."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from leviers.core.locking import StaleVersion
from leviers.funding import actions, export
from leviers.funding.forms import (
    ApplicationForm,
    BudgetLineForm,
    DeadlineForm,
    DocumentForm,
    DocumentStateForm,
    InstalmentForm,
    StatusForm,
)
from leviers.funding.models import BudgetLine, Deadline, Status, seen_on
from leviers.funding.report import plan_context, schemes_by_slug
from leviers.workspace.access import get_project

VIEW, EDIT = "funding.view_plan", "funding.edit_plan"


def _application(request, public_id, application_id, permission=VIEW):
    project = get_project(request, public_id, permission)
    application = get_object_or_404(project.funding_applications, public_id=application_id)
    application.project = project
    return project, application


# --- The plan ---------------------------------------------------------------------------------


def plan(request, public_id):
    project = get_project(request, public_id, VIEW)
    context = plan_context(project)
    context |= {
        "project": project,
        "can_edit": request.user.has_perm(EDIT, project),
        "deadlines": Deadline.objects.upcoming(project, timezone.localdate(), limit=10),
    }
    return render(request, "funding/plan.html", context)


def plan_csv(request, public_id):
    project = get_project(request, public_id, VIEW)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="financement-{project.public_id}.csv"'
    export.write_plan(response, plan_context(project))
    return response


def _line_form(request, project, line):
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Ligne « {form.instance.label} » enregistrée.")
        return redirect("funding:plan", project.public_id)
    return render(
        request,
        "funding/line_form.html",
        {"project": project, "form": form, "line": line},
        status=400 if form.errors else 200,
    )


def line_create(request, public_id):
    project = get_project(request, public_id, EDIT)
    kind = request.GET.get("nature", BudgetLine.Kind.EXPENSE)
    if kind not in BudgetLine.Kind.values:
        kind = BudgetLine.Kind.EXPENSE
    return _line_form(request, project, BudgetLine(project=project, kind=kind))


def line_edit(request, public_id, line_id):
    project = get_project(request, public_id, EDIT)
    line = get_object_or_404(project.budget_lines, public_id=line_id)
    return _line_form(request, project, line)


@require_POST
def line_delete(request, public_id, line_id):
    project = get_project(request, public_id, EDIT)
    line = get_object_or_404(project.budget_lines, public_id=line_id)
    line.delete()
    messages.success(request, f"Ligne « {line.label} » supprimée.")
    return redirect("funding:plan", project.public_id)


# --- Applications -----------------------------------------------------------------------------


def application_create(request, public_id):
    project = get_project(request, public_id, EDIT)
    form = ApplicationForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        application = actions.application_create(form, project=project, by=request.user)
        messages.success(request, "Demande inscrite au plan de financement.")
        return redirect(application)
    return render(
        request,
        "funding/application_form.html",
        {"project": project, "form": form, "application": None},
        status=400 if form.errors else 200,
    )


def application_edit(request, public_id, application_id):
    project, application = _application(request, public_id, application_id, EDIT)
    conflict = None
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=copy.copy(application), project=project)
        if form.is_valid():
            version = form.cleaned_data["version"] or application.version
            try:
                actions.application_update(application, version, form.cleaned_data, by=request.user)
            except StaleVersion as stale:
                conflict = stale.current
                conflict.project = project
                # Their typing stays in the form; the next save goes on top of the current one.
                form = ApplicationForm(
                    {**request.POST.dict(), "version": conflict.version},
                    instance=copy.copy(conflict),
                    project=project,
                )
                form.is_valid()
            else:
                messages.success(request, "Demande enregistrée.")
                return redirect(application)
        status = 409 if conflict else 400
    else:
        form = ApplicationForm(
            instance=application, project=project, initial={"version": application.version}
        )
        status = 200
    return render(
        request,
        "funding/application_form.html",
        {
            "project": project,
            "form": form,
            "application": application,
            "conflict": conflict,
            "conflict_scheme": schemes_by_slug([conflict.scheme_slug]).get(conflict.scheme_slug)
            if conflict
            else None,
        },
        status=status,
    )


def _detail(request, project, application, *, forms=None, status=200):
    """The application with its catalogue facts, history, instalments, deadlines, documents;
    `forms`: the sub-forms sent with errors, shown again."""
    application.scheme = schemes_by_slug([application.scheme_slug]).get(application.scheme_slug)
    instalments = list(application.instalments.all())
    forms = forms or {}
    can_edit = request.user.has_perm(EDIT, project)
    context = {
        "project": project,
        "application": application,
        "scheme": application.scheme,
        "history": list(application.history.select_related("by")),
        "instalments": instalments,
        "aid": application.as_aid(instalments),
        "deadlines": seen_on(list(application.deadlines.all()), timezone.localdate()),
        "documents": list(application.documents.all()),
        "today": timezone.localdate(),
        "can_edit": can_edit,
    }
    if can_edit:
        context |= {
            "status_form": forms.get("status") or StatusForm(application=application),
            "instalment_form": forms.get("instalment")
            or InstalmentForm(initial={"year": application.year}),
            "deadline_form": forms.get("deadline") or DeadlineForm(),
            "document_form": forms.get("document") or DocumentForm(),
            "state_choices": DocumentStateForm.base_fields["state"].choices,
        }
    return render(request, "funding/application.html", context, status=status)


def application_detail(request, public_id, application_id):
    project, application = _application(request, public_id, application_id)
    return _detail(request, project, application)


@require_POST
def application_status(request, public_id, application_id):
    project, application = _application(request, public_id, application_id, EDIT)
    form = StatusForm(request.POST, application=application)
    if not form.is_valid():
        return _detail(request, project, application, forms={"status": form}, status=400)
    data = form.cleaned_data
    actions.application_set_status(
        application,
        data["status"],
        changed_on=data["changed_on"],
        amount_granted=data["amount_granted"],
        note=data["note"],
        by=request.user,
    )
    messages.success(request, f"État de la demande : {Status(data['status']).label.lower()}.")
    return redirect(application)


# --- Instalments, deadlines, documents: one row each, added and removed one by one -------------

PARTS = {
    "instalment": (InstalmentForm, "instalments", "Versement prévu enregistré."),
    "deadline": (DeadlineForm, "deadlines", "Échéance enregistrée."),
    "document": (DocumentForm, "documents", "Pièce ajoutée à la liste."),
}


def _part_add(request, public_id, application_id, part):
    project, application = _application(request, public_id, application_id, EDIT)
    form_class, _, done = PARTS[part]
    form = form_class(request.POST)
    if not form.is_valid():
        return _detail(request, project, application, forms={part: form}, status=400)
    actions.part_add(form, application=application)
    messages.success(request, done)
    return redirect(application)


def _part_delete(request, public_id, application_id, part, part_id):
    project, application = _application(request, public_id, application_id, EDIT)
    related = getattr(application, PARTS[part][1])
    get_object_or_404(related, public_id=part_id).delete()
    messages.success(request, "Supprimé.")
    return redirect(application)


@require_POST
def instalment_add(request, public_id, application_id):
    return _part_add(request, public_id, application_id, "instalment")


@require_POST
def instalment_delete(request, public_id, application_id, part_id):
    return _part_delete(request, public_id, application_id, "instalment", part_id)


@require_POST
def deadline_add(request, public_id, application_id):
    return _part_add(request, public_id, application_id, "deadline")


@require_POST
def deadline_delete(request, public_id, application_id, part_id):
    return _part_delete(request, public_id, application_id, "deadline", part_id)


@require_POST
def deadline_done(request, public_id, application_id, part_id):
    project, application = _application(request, public_id, application_id, EDIT)
    deadline = get_object_or_404(application.deadlines, public_id=part_id)
    done = actions.deadline_toggle(deadline, today=timezone.localdate())
    messages.success(
        request, f"« {deadline.label} » : {'faite' if done else 'à faire de nouveau'}."
    )
    return redirect(application)


@require_POST
def document_add(request, public_id, application_id):
    return _part_add(request, public_id, application_id, "document")


@require_POST
def document_delete(request, public_id, application_id, part_id):
    return _part_delete(request, public_id, application_id, "document", part_id)


@require_POST
def document_state(request, public_id, application_id, part_id):
    project, application = _application(request, public_id, application_id, EDIT)
    document = get_object_or_404(application.documents, public_id=part_id)
    form = DocumentStateForm(request.POST, instance=document)
    if form.is_valid():
        form.save()
        messages.success(request, f"« {document.name} » : {document.get_state_display().lower()}.")
    else:
        messages.error(request, f"« {document.name} » : choisissez un état de la liste.")
    return redirect(application)
