from django.contrib import admin

from leviers.core.models import Dataset


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = [
        "label",
        "vintage",
        "imported_at",
        "created",
        "updated",
        "unchanged",
        "rejected",
    ]
    readonly_fields = [f.name for f in Dataset._meta.fields]

    def has_add_permission(self, request):
        return False
