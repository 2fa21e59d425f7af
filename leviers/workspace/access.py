"""How a view goes through the permission door (permissions.py).

    project = get_project(request, public_id, "workspace.view_workspace")

Not found, or found but not visible to this person at all: 404 (nobody learns that a private
project exists). Visible but this action is not allowed: anonymous → the sign-in page, then
back; signed in → 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from leviers.core.http import SignInRequired
from leviers.workspace.models import Project


def require(request, permission: str, obj) -> None:
    if request.user.has_perm(permission, obj):
        return
    if not request.user.has_perm("workspace.view_project", obj):
        if not request.user.is_authenticated:
            raise SignInRequired
        raise Http404
    if not request.user.is_authenticated:
        raise SignInRequired
    raise PermissionDenied


def get_project(request, public_id: str, permission: str) -> Project:
    project = get_object_or_404(Project.objects.select_related("organisation"), public_id=public_id)
    require(request, permission, project)
    return project
