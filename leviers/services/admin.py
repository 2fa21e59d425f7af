"""The directory in the admin: local entries typed here, imported rows read-only in spirit
(an import run again overwrites them: change them at their source)."""

from django.contrib import admin
from django.db import models

from leviers.services.models import Service, Structure

URLS = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default, without its warning


class ServiceInline(admin.TabularInline):
    model = Service
    fields = ["name", "phone", "local_themes", "commune"]
    raw_id_fields = ["commune"]
    extra = 0
    show_change_link = True


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "source", "phone", "updated_on"]
    list_filter = ["source"]
    search_fields = ["name", "di_id", "siret", "commune__name"]
    raw_id_fields = ["commune"]
    inlines = [ServiceInline]
    formfield_overrides = URLS


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "structure", "commune", "source", "phone", "updated_on"]
    list_filter = ["source"]
    search_fields = ["name", "di_id", "structure__name", "commune__name"]
    raw_id_fields = ["commune", "structure"]
    readonly_fields = ["public_id", "di_id"]
    formfield_overrides = URLS
