"""The admin of people and organisations, aware of who looks at it.

A superuser sees everything. Any other staff member (a network facilitator, say) sees only the
organisations the door lets them see (`accounts.permissions.visible_organisations`), their
memberships and invitations, and changes only those the door lets them manage. Higher apps
scope their own admins the same way with `OrganisationScopedAdmin`.
"""

from allauth.account.adapter import get_adapter
from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from leviers.accounts.models import Invitation, Membership, Organisation, User
from leviers.accounts.permissions import OUTREACH_ROLES, visible_organisations


class OrganisationScopedAdmin(admin.ModelAdmin):
    """Rows reached through `organisation_path` ("" for the organisation itself): listed when
    the organisation is visible to the staff member, changed when they may manage it."""

    organisation_path = "organisation"

    def _organisation(self, obj):
        return obj if not self.organisation_path else getattr(obj, self.organisation_path)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        lookup = f"{self.organisation_path}__in" if self.organisation_path else "pk__in"
        return queryset.filter(**{lookup: visible_organisations(request.user)})

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not (request.user.is_active and request.user.is_staff):
            return False
        if obj is None:
            return True
        return request.user.has_perm("accounts.view_organisation", self._organisation(obj))

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if obj is None:
            return self.has_view_permission(request)
        return request.user.has_perm("accounts.manage_organisation", self._organisation(obj))

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class OutreachRolesOutOfAdmin:
    """The outreach roles (intervenant, coordinateur) are given on the site by the team's
    coordinators, and written to its access log (permissions.may_set_membership): never here,
    not even by a superuser. Their memberships are not listed; the roles are not offered."""

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(role__in=OUTREACH_ROLES)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [c for c in Membership.Role.choices if c[0] not in OUTREACH_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class MembershipInline(OutreachRolesOutOfAdmin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "is_active", "deactivated_at"]
    readonly_fields = ["deactivated_at"]
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = ""
    list_display = ["name", "kind", "commune", "epci", "siren", "rna"]
    list_filter = ["kind"]
    search_fields = ["name", "siren", "rna", "commune__name", "commune__code"]
    raw_id_fields = ["commune", "epci"]
    filter_horizontal = ["networks"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(OutreachRolesOutOfAdmin, OrganisationScopedAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(OutreachRolesOutOfAdmin, OrganisationScopedAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organisation"]
    readonly_fields = ["invited_by", "accepted_at", "accepted_by", "expires_at"]
    fields = ["organisation", "email", "role", *readonly_fields]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People: the platform's team only (superusers); never listed to a network facilitator."""

    list_display = ["email", "first_name", "last_name", "is_staff", "date_joined"]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        """The address typed here becomes the account's primary one in allauth's list (the old
        primary stays, no longer primary); when it changed, the account's other addresses are
        told, as when it is changed in that list."""
        before = form.initial.get("email") if change else None
        super().save_model(request, obj, form, change)
        if not obj.email:
            return
        address, created = EmailAddress.objects.get_or_create(
            user=obj, email__iexact=obj.email, defaults={"email": obj.email.lower()}
        )
        if not address.primary:
            address.set_as_primary()
        if change and (before or "").lower() != obj.email.lower():
            tell_account_addresses(request, obj, obj.email, address)

    def user_change_password(self, request, id, form_url=""):
        """A password set here by a superuser lets them sign in as the account's owner (and
        read what their roles show): the owner is told by mail, as allauth tells a change made
        from « Mon compte » (ACCOUNT_EMAIL_NOTIFICATIONS)."""
        response = super().user_change_password(request, id, form_url)
        user = self.get_object(request, unquote(id))
        if request.method == "POST" and response.status_code == 302 and user is not None:
            get_adapter(request).send_notification_mail(
                "account/email/password_changed_by_admin", user
            )
        return response


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    """allauth's list of addresses. An address a superuser gives an account here (added, or
    its address or its account changed) lets whoever reads it sign in by a code sent there:
    the account's other addresses, and the one it replaced, are told by mail."""

    def save_model(self, request, obj, form, change):
        before = (form.initial.get("email"), form.initial.get("user")) if change else None
        super().save_model(request, obj, form, change)
        if before == (obj.email, obj.user_id):
            return
        replaced = before[0] if before and before[1] == obj.user_id else None
        tell_account_addresses(request, obj.user, obj.email, obj, replaced)


def tell_account_addresses(request, user, new_email, address, replaced=None):
    """Tells every address of `user` but `address` (the one just given), and the `replaced` one
    if any, that `new_email` was given to the account from the admin."""
    told = set(
        EmailAddress.objects.filter(user=user)
        .exclude(pk=address.pk)
        .values_list("email", flat=True)
    )
    if replaced:
        told.add(replaced)
    adapter = get_adapter(request)
    for email in sorted(told):
        adapter.send_notification_mail(
            "account/email/email_changed_by_admin", user, {"to_email": new_email}, email
        )
