"""The admin of meetings, the copil and the decision log, in French, scoped through the door
(workspace.admin.ProjectScopedAdmin): a network facilitator sees only the projects of the
organisations their network accompanies."""

from django.contrib import admin

from leviers.meetings.models import CommitteeMember, Decision, Meeting, Sitting
from leviers.workspace.admin import ProjectScopedAdmin


@admin.register(Meeting)
class MeetingAdmin(ProjectScopedAdmin):
    list_display = ["title", "project", "kind", "is_public", "starts_at", "frequency", "place"]
    list_filter = ["kind", "is_public", "frequency"]
    search_fields = ["title", "place", "project__title"]
    list_select_related = ["project__organisation"]
    raw_id_fields = ["project"]
    readonly_fields = ["public_id", "version", "created_at", "updated_at"]


@admin.register(Sitting)
class SittingAdmin(ProjectScopedAdmin):
    organisation_path = "meeting__project__organisation"
    list_display = ["meeting", "held_on", "headcount"]
    search_fields = ["meeting__title", "meeting__project__title"]
    list_select_related = ["meeting__project__organisation"]
    raw_id_fields = ["meeting"]
    readonly_fields = ["public_id", "version", "created_at"]

    def _organisation(self, obj):
        return obj.meeting.project.organisation


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ProjectScopedAdmin):
    list_display = ["name", "college", "project", "organisation", "is_active"]
    list_filter = ["college", "is_active"]
    search_fields = ["name", "project__title"]
    list_select_related = ["project__organisation", "organisation"]
    raw_id_fields = ["project", "organisation", "user"]
    readonly_fields = ["public_id", "created_at"]


@admin.register(Decision)
class DecisionAdmin(ProjectScopedAdmin):
    list_display = ["title", "project", "decided_on", "body", "method", "deliberation_number"]
    list_filter = ["body", "method"]
    search_fields = ["title", "deliberation_number", "project__title"]
    list_select_related = ["project__organisation"]
    raw_id_fields = ["project", "sitting", "recorded_by"]
    readonly_fields = ["public_id", "version", "created_at"]
    date_hierarchy = "decided_on"
