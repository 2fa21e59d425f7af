"""« Mon compte », « Mes données » and the organisation pages. Sign-in, sign-up, e-mail and
password pages are django-allauth's views (accounts/urls.py)."""

import json

from allauth.account import views as allauth_views
from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from leviers.accounts import actions, permissions, personal_data
from leviers.accounts.access import get_organisation, signed_in
from leviers.accounts.forms import (
    DeleteAccountForm,
    InvitationForm,
    MembershipForm,
    OrganisationForm,
)
from leviers.accounts.models import Membership, Organisation
from leviers.core.ratelimit import RateLimit

# Invitations an admin may send per hour (a stolen session cannot spam from our address).
INVITATIONS = RateLimit("invitation", limit=20, window=3600)


def home(request):
    signed_in(request)
    memberships = (
        request.user.memberships.filter(is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return render(request, "accounts/home.html", {"memberships": memberships})


def data(request):
    signed_in(request)
    return render(request, "accounts/data.html")


def data_export(request):
    signed_in(request)
    document = personal_data.export(request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-leviers.json"'
    response["Cache-Control"] = "no-store"
    return response


@reauthentication_required(allow_get=True)
def data_delete(request):
    signed_in(request)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        actions.account_delete(user)
        messages.success(request, "Votre compte et vos données personnelles sont supprimés.")
        return redirect("core:home")
    return render(request, "accounts/data_delete.html", {"form": form})


def organisations(request):
    signed_in(request)
    memberships = request.user.memberships.select_related("organisation").order_by(
        "-is_active", "organisation__name"
    )
    return render(request, "accounts/organisations.html", {"memberships": memberships})


def organisation_new(request):
    signed_in(request)
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, instance=Organisation()
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save()
            Membership.objects.create(
                user=request.user, organisation=organisation, role=Membership.Role.ADMIN
            )
        messages.success(request, f"{organisation.name} est créée ; vous en êtes administrateur.")
        return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form})


def organisation(request, public_id):
    organisation = get_organisation(request, public_id, "accounts.view_organisation")
    return _organisation_page(request, organisation)


def _organisation_page(request, organisation, invitation_form=None, status=200):
    user = request.user
    may_manage = user.has_perm("accounts.manage_organisation", organisation)
    roles = permissions.roles_settable_by(user, organisation)
    memberships = list(
        organisation.memberships.select_related("user").order_by(
            "-is_active", "user__first_name", "user__last_name", "pk"
        )
    )
    for membership in memberships:
        # The roles and states this person may set on this row; the form shows only those, and
        # only when one of them changes something (an admin does not change an outreach role
        # nor reactivate it, but may deactivate it: docs/decisions.md 30).
        def allows(role, is_active, membership=membership):
            return permissions.may_set_membership(
                user,
                organisation,
                role_before=membership.role,
                active_before=membership.is_active,
                role=role,
                is_active=is_active,
            )

        membership.settable_roles = [
            (value, label)
            for value, label in Membership.Role.choices
            if allows(value, membership.is_active)
        ]
        membership.settable_states = [
            (value, label)
            for value, label in ((True, "active"), (False, "désactivée"))
            if allows(membership.role, value)
        ]
        membership.editable = len(membership.settable_roles) + len(membership.settable_states) > 2
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "may_manage": may_manage,
        "may_edit_members": bool(roles),
    }
    if roles:
        context["invitations"] = organisation.invitations.pending().select_related("invited_by")
        context["invitation_form"] = invitation_form or InvitationForm(roles=roles)
    return render(request, "accounts/organisation.html", context, status=status)


def organisation_edit(request, public_id):
    organisation = get_organisation(request, public_id, "accounts.manage_organisation")
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Les informations de l'organisation sont enregistrées.")
        return redirect(organisation)
    return render(
        request, "accounts/organisation_form.html", {"form": form, "organisation": organisation}
    )


@require_POST
def membership(request, public_id, membership_id):
    organisation = get_organisation(request, public_id, "accounts.view_organisation")
    if not permissions.roles_settable_by(request.user, organisation):
        raise PermissionDenied
    member = get_object_or_404(
        organisation.memberships.select_related("user"), public_id=membership_id
    )
    form = MembershipForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez un rôle et un état valides pour ce membre.")
        return redirect(organisation)
    role, is_active = form.cleaned_data["role"], form.cleaned_data["is_active"]
    if not permissions.may_set_membership(
        request.user,
        organisation,
        role_before=member.role,
        active_before=member.is_active,
        role=role,
        is_active=is_active,
    ):
        raise PermissionDenied(
            "Seule la coordination de l'équipe d'aller-vers donne ou retire les rôles "
            "intervenant et coordinateur ; les autres rôles sont ceux des administrateurs."
        )
    try:
        actions.membership_update(member, role=role, is_active=is_active, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{member.user.display_name()} : modification enregistrée.")
    return redirect(organisation)


@require_POST
def invite(request, public_id):
    organisation = get_organisation(request, public_id, "accounts.view_organisation")
    roles = permissions.roles_settable_by(request.user, organisation)
    if not roles:
        raise PermissionDenied
    form = InvitationForm(request.POST, roles=roles)
    if not form.is_valid():
        return _organisation_page(request, organisation, invitation_form=form, status=400)
    if not INVITATIONS.allow(request, subject=f"user:{request.user.pk}"):
        messages.error(
            request, "Vous avez envoyé beaucoup d'invitations : réessayez dans une heure."
        )
        return redirect(organisation)

    def accept_url(token):
        return request.build_absolute_uri(reverse("accounts:invitation", args=[token]))

    invitation = actions.invitation_send(
        organisation,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        invited_by=request.user,
        accept_url=accept_url,
    )
    messages.success(request, f"Invitation envoyée à {invitation.email}.")
    return redirect(organisation)


def invitation(request, token):
    invitation = actions.invitation_for_token(token)
    if invitation is None:
        raise Http404
    signed_in(request)
    error = None
    if request.method == "POST":
        try:
            actions.invitation_accept(invitation, request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, f"Vous avez rejoint {invitation.organisation.name}.")
            return redirect(invitation.organisation)
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )


class ConfirmLoginCode(allauth_views.ConfirmLoginCodeView):
    """allauth's code confirmation, the code filled in when the person opens the link of the
    mail in the browser that asked for it (the sign-in still needs their click)."""

    def get_initial(self) -> dict:
        initial = super().get_initial()
        code = self.request.GET.get("code", "")[:20]
        if code:
            initial["code"] = code
        return initial
