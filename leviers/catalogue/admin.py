from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from leviers.catalogue.models import Experience, Lever, Resource, Scheme


class EntryAdmin(SimpleHistoryAdmin):
    list_filter = ["verification"]
    readonly_fields = ["updated_at"]
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
