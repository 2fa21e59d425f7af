from django.contrib import admin

from leviers.observatory.models import ActorLink, ActorProfile, EssEstablishment


class LinkInline(admin.TabularInline):
    model = ActorLink
    fk_name = "source"
    extra = 1
    autocomplete_fields = ["target"]


@admin.register(ActorProfile)
class ActorProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "siret", "rna", "commune", "updated_at"]
    search_fields = ["name", "siret", "rna", "commune__name"]
    autocomplete_fields = ["commune"]
    inlines = [LinkInline]


@admin.register(ActorLink)
class ActorLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target", "note"]
    list_filter = ["kind"]
    autocomplete_fields = ["source", "target"]


@admin.register(EssEstablishment)
class EssEstablishmentAdmin(admin.ModelAdmin):
    """Read-only: SIRENE is replaced at each import; curators add to it through profiles."""

    list_display = ["name", "siret", "commune", "family", "naf_code", "employer"]
    list_filter = ["family", "ess_flag", "ess_legal_category", "employer"]
    search_fields = ["name", "siret", "siren"]
    list_select_related = ["commune"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
