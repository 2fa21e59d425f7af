import datetime

from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from leviers.catalogue.models import Experience, Lever, Resource, Scheme


@admin.action(description="Marquer comme vérifié (j'ai relu les sources aujourd'hui)")
def mark_verified(modeladmin, request, queryset):
    """Records who vouched for the entries and when: the only way `verified_on` is set."""
    today = datetime.date.today()
    by = request.user.get_full_name() or request.user.get_username()
    for entry in queryset:
        entry._change_reason = f"Marqué comme vérifié par {by}"
        entry.mark_verified(by, today)
    modeladmin.message_user(
        request, f"{queryset.count()} fiche(s) marquée(s) vérifiée(s) par {by}.", messages.SUCCESS
    )


class EntryAdmin(SimpleHistoryAdmin):
    list_filter = ["verification"]
    readonly_fields = ["updated_at", "verified_on", "verified_by"]
    actions = [mark_verified]
    save_on_top = True


@admin.register(Scheme)
class SchemeAdmin(EntryAdmin):
    list_display = ["name", "operator", "kind", "origin", "verification", "updated_at"]
    list_filter = ["origin", "kind", "verification"]
    search_fields = ["name", "operator", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Lever)
class LeverAdmin(EntryAdmin):
    list_display = ["name", "verification", "updated_at"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["schemes"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Experience)
class ExperienceAdmin(EntryAdmin):
    list_display = ["name", "commune", "department", "start_year", "verification"]
    search_fields = ["name", "slug", "commune__name", "department__name"]
    autocomplete_fields = ["commune"]
    filter_horizontal = ["levers"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Resource)
class ResourceAdmin(EntryAdmin):
    list_display = ["title", "kind", "publisher", "verification"]
    list_filter = ["kind", "verification"]
    search_fields = ["title", "publisher", "slug"]
    prepopulated_fields = {"slug": ["title"]}
