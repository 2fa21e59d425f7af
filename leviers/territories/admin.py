from django.contrib import admin

from leviers.territories.models import Commune, Epci, FranceServicesSite, Programme


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "department", "population", "density_level"]
    list_filter = ["region", "density_level"]
    search_fields = ["name", "code"]
    list_select_related = ["department"]
    readonly_fields = ["code", "department", "region", "epci"]


@admin.register(Epci)
class EpciAdmin(admin.ModelAdmin):
    list_display = ["name", "siren", "kind", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "siren"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "operator", "dataset_key"]
    filter_horizontal = ["communes"]


@admin.register(FranceServicesSite)
class FranceServicesSiteAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "kind", "format"]
    search_fields = ["name", "commune__name"]
    autocomplete_fields = ["commune"]
