from django.shortcuts import render

from leviers.workspace.access import get_project


def project(request, public_id):
    """The public page of a project: what, where, next meeting, how to take part."""
    project = get_project(request, public_id, "workspace.view_project")
    return render(request, "participation/project.html", {"project": project})
