"""The admin of the clubs, aware of who looks at it: a superuser sees every club; a network
facilitator with staff access sees and changes the clubs their organisations run
(`Club.objects.facilitated_by`, the rule `clubs.facilitate_club`), their meetings, programmes
and reports. Creating a club is for superusers. Documents are added from the report's page,
where their type and size are checked; here they are listed only."""

from django.contrib import admin

from leviers.clubs.models import (
    Attachment,
    CatalogueLink,
    Club,
    ClubContact,
    ClubMeeting,
    ClubMember,
    Registration,
    Report,
    Sequence,
    Speaker,
)


class ClubScopedAdmin(admin.ModelAdmin):
    """Rows reached through `club_path` ("" for the club itself)."""

    club_path = "club"

    def _club(self, obj):
        club = obj
        for part in filter(None, self.club_path.split("__")):
            club = getattr(club, part)
        return club

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        clubs = Club.objects.facilitated_by(request.user)
        lookup = f"{self.club_path}__in" if self.club_path else "pk__in"
        return queryset.filter(**{lookup: clubs})

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not (request.user.is_active and request.user.is_staff):
            return False
        return obj is None or request.user.has_perm("clubs.facilitate_club", self._club(obj))

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_add_permission(self, request, obj=None):
        return self.has_view_permission(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "club" and not request.user.is_superuser:
            kwargs["queryset"] = Club.objects.facilitated_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ClubMemberInline(admin.TabularInline):
    model = ClubMember
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Club)
class ClubAdmin(ClubScopedAdmin):
    club_path = ""
    list_display = ["name", "region", "department", "launched_on"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisers"]
    inlines = [ClubMemberInline]

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ClubContact)
class ClubContactAdmin(ClubScopedAdmin):
    club_path = "member__club"
    list_display = ["display_name", "role", "member"]
    raw_id_fields = ["member", "user"]
    list_select_related = ["member__club", "member__organisation", "user"]


class SequenceInline(admin.TabularInline):
    model = Sequence
    extra = 0
    fields = ["position", "start_time", "section", "title"]
    show_change_link = True


@admin.register(ClubMeeting)
class ClubMeetingAdmin(ClubScopedAdmin):
    list_display = ["title", "club", "date", "host_commune", "is_published", "capacity"]
    list_filter = ["is_published"]
    date_hierarchy = "date"
    raw_id_fields = ["host_commune"]
    filter_horizontal = ["co_organisers"]
    list_select_related = ["club", "host_commune"]
    inlines = [SequenceInline]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 1
    raw_id_fields = ["user", "organisation"]


class CatalogueLinkInline(admin.TabularInline):
    model = CatalogueLink
    extra = 1


@admin.register(Sequence)
class SequenceAdmin(ClubScopedAdmin):
    club_path = "meeting__club"
    list_display = ["title", "meeting", "position", "start_time"]
    list_select_related = ["meeting"]
    inlines = [SpeakerInline, CatalogueLinkInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting" and not request.user.is_superuser:
            clubs = Club.objects.facilitated_by(request.user)
            kwargs["queryset"] = ClubMeeting.objects.filter(club__in=clubs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "sequence", "filename", "extension", "size"]
    readonly_fields = ["filename", "extension", "size"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ClubScopedAdmin):
    club_path = "meeting__club"
    list_display = ["title", "meeting", "is_published", "published_at"]
    list_select_related = ["meeting"]
    readonly_fields = ["published_at"]
    inlines = [AttachmentInline]

    def save_model(self, request, obj, form, change):
        if obj.is_published and obj.published_at is None:
            from django.utils import timezone

            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting" and not request.user.is_superuser:
            clubs = Club.objects.facilitated_by(request.user)
            kwargs["queryset"] = ClubMeeting.objects.filter(club__in=clubs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Registration)
class RegistrationAdmin(ClubScopedAdmin):
    club_path = "meeting__club"
    list_display = ["user", "meeting", "status", "attended", "created_at"]
    list_filter = ["status", "attended"]
    list_select_related = ["user", "meeting"]
    readonly_fields = ["meeting", "user", "created_at", "reminded_at"]

    def has_add_permission(self, request, obj=None):
        return False
