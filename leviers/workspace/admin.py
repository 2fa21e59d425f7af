"""The admin of projects, in French, through the door: a network facilitator (staff) sees only
the projects that the organisations their network accompanies lead, and changes only those of
an organisation they administer (accounts.admin.OrganisationScopedAdmin). The apps above scope
the objects of a project with `ProjectScopedAdmin`."""

from django.contrib import admin

from leviers.accounts.admin import OrganisationScopedAdmin
from leviers.workspace.models import Partner, Project, StageChange


class ProjectScopedAdmin(OrganisationScopedAdmin):
    """Objects of a project (a contribution, a meeting...): scoped by the organisation leading
    their project."""

    organisation_path = "project__organisation"

    def _organisation(self, obj):
        return obj.project.organisation


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    raw_id_fields = ["organisation"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "note", "changed_by", "changed_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(OrganisationScopedAdmin):
    list_display = ["title", "organisation", "commune", "epci", "stage", "is_public", "created_at"]
    list_filter = ["stage", "is_public", "anonymous_contributions"]
    search_fields = ["title", "public_id", "organisation__name", "commune__name"]
    list_select_related = ["organisation", "commune", "epci"]
    raw_id_fields = ["organisation", "commune", "epci", "roadmap"]
    readonly_fields = ["public_id", "version", "created_at", "updated_at"]
    filter_horizontal = ["levers", "schemes"]
    inlines = [PartnerInline, StageChangeInline]
