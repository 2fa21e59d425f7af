from django.shortcuts import render

from leviers.workspace.access import get_project


def public(request, public_id):
    """The public page of a project: what, where, how to take part."""
    project = get_project(request, public_id, "workspace.view_project")
    return render(request, "workspace/public.html", {"project": project})
