"""How a view reaches an organisation through the door (accounts/permissions.py).

Not found, or not visible to this person: 404 (nobody learns who belongs where). Visible but
this action is not allowed: 403. Anonymous: the sign-in page, then back.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from leviers.accounts.models import Organisation
from leviers.core.http import SignInRequired


def signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise SignInRequired


def get_organisation(request, public_id: str, permission: str) -> Organisation:
    signed_in(request)
    organisation = get_object_or_404(Organisation, public_id=public_id)
    if request.user.has_perm(permission, organisation):
        return organisation
    if not request.user.has_perm("accounts.view_organisation", organisation):
        raise Http404
    raise PermissionDenied
