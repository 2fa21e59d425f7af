"""The admin of contributions and proposals, in French, scoped through the door
(workspace.admin.ProjectScopedAdmin). An inhabitant's contact (e-mail or phone) is shown to
the platform's team (superusers) only: the project's team reads it in its own pages, where
its reading is logged."""

from django.contrib import admin

from leviers.participation.models import Contribution, Proposal
from leviers.workspace.admin import ProjectScopedAdmin


@admin.register(Contribution)
class ContributionAdmin(ProjectScopedAdmin):
    list_display = ["public_id", "project", "kind", "channel", "status", "collected_on"]
    list_filter = ["status", "kind", "channel"]
    search_fields = ["public_id", "project__title", "place"]
    list_select_related = ["project__organisation"]
    raw_id_fields = ["project", "author", "recorded_by", "group"]
    # (tags read only: a list of every project's tags would show them to anyone)
    readonly_fields = ["public_id", "version", "created_at", "tags"]
    date_hierarchy = "collected_on"

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser:
            excluded += ["contact", "author_name"]
        return excluded


@admin.register(Proposal)
class ProposalAdmin(ProjectScopedAdmin):
    list_display = ["title", "project", "created_at"]
    search_fields = ["title", "project__title"]
    list_select_related = ["project__organisation"]
    raw_id_fields = ["project", "created_by", "decision"]
    readonly_fields = ["public_id", "created_at", "contributions"]
