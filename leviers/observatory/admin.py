from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from leviers.observatory.directory.actions import contribution_accept, contribution_reject
from leviers.observatory.models import ActorLink, ActorProfile, Contribution, EssEstablishment


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


def _review(modeladmin, request, queryset, action, done: str):
    count = 0
    for contribution in queryset:
        try:
            action(contribution, by=request.user)
            count += 1
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{contribution} : {' '.join(error.messages)}", messages.ERROR
            )
    if count:
        modeladmin.message_user(request, f"{count} proposition(s) {done}.", messages.SUCCESS)


@admin.action(description="Accepter (publier dans l'annuaire)")
def accept(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, contribution_accept, "acceptée(s) et publiée(s)")


@admin.action(description="Refuser")
def reject(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, contribution_reject, "refusée(s)")


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    """Proposals of actors: read-only, decided by the two actions."""

    list_display = ["__str__", "what", "commune", "actor_key", "submitted_at", "status"]
    list_filter = ["status", "what"]
    search_fields = ["actor_key", "commune__name"]
    list_select_related = ["commune"]
    actions = [accept, reject]
    readonly_fields = [
        "what",
        "commune",
        "actor_key",
        "proposed",
        "submitted_at",
        "status",
        "reviewer",
        "reviewed_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
