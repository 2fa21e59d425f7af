"""The catalogue in the admin: curators edit entries, every change is kept (django-simple-history)
with who made it and why, and shown in French (field, before, after).

A scheme's criteria and perimeter are checked on save by the validator `load-catalogue` uses
(`eligibility.criteria`): same French messages, naming the criterion; nothing invalid is saved,
so a verdict page never meets unreadable criteria.
"""

from __future__ import annotations

import dataclasses
import datetime
import json

from django import forms
from django.contrib import admin, messages
from django.db import models
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from leviers.catalogue.contacts import ContactError, validate_contacts
from leviers.catalogue.eligibility.criteria import (
    CRITERION_KEYS,
    PERIMETER_KEYS,
    CriteriaError,
    parse_criteria,
    perimeter_criterion,
)
from leviers.catalogue.models import Experience, Lever, Resource, Scheme

CRITERIA_HELP = (
    "Une liste JSON de critères, tous exigés ; chacun est une table à une seule clé parmi "
    f"{', '.join(CRITERION_KEYS)}. Un seuil est un nombre entier, sans guillemets ni espace. "
    'Exemple : [{"beneficiary": ["commune", "epci"]}, {"commune_population": {"lt": 5000}}, '
    '{"rural": true}, {"question": {"id": "local-vacant", "text": "Un local vacant a-t-il été '
    'identifié ?", "expected": true}}]. Format complet : docs/format-catalogue.md.'
)
PERIMETER_HELP = (
    f"Une table JSON à une seule clé parmi {', '.join(PERIMETER_KEYS)}. Exemples : "
    '{"national": true}, {"departments": ["53", "72"]}, {"regions": ["52"]}, '
    '{"programme": "petites-villes-de-demain"}. Vide seulement pour une aide importée.'
)
REASON_HELP = (
    "Pourquoi cette modification (source relue, erreur signalée…) : elle est gardée dans "
    "l'historique de la fiche, avec votre nom."
)

BASELINE_REASON = "État avant la première modification dans l'admin"
UNSHOWN_CHANGES = {"updated_at"}  # changes at every save: no news


class ReadableJSONField(forms.JSONField):
    """JSON shown indented, accents as they are: what a curator reads and edits."""

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2, cls=self.encoder)


class EntryForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Raison de la modification", required=False, max_length=100, help_text=REASON_HELP
    )

    def clean(self):
        """Contacts checked by load-catalogue's validator (contacts.py), with its message."""
        cleaned = super().clean()
        if "contacts" in cleaned:
            cleaned["contacts"] = cleaned["contacts"] or []
            slug = cleaned.get("slug") or self.instance.slug
            try:
                validate_contacts(cleaned["contacts"], where=f"fiche « {slug} »")
            except ContactError as error:
                self.add_error("contacts", str(error))
        return cleaned


class SchemeForm(EntryForm):
    HELP = {"criteria": CRITERIA_HELP, "perimeter": PERIMETER_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, help_text in self.HELP.items():
            if name in self.fields:
                self.fields[name].help_text = help_text

    def clean(self):
        cleaned = super().clean()  # contacts checked there
        slug = cleaned.get("slug") or self.instance.slug
        where = f"dispositif « {slug} »"
        if "criteria" in cleaned:
            cleaned["criteria"] = cleaned["criteria"] or []
            try:
                parse_criteria(cleaned["criteria"], where=where)
            except CriteriaError as error:
                self.add_error("criteria", str(error))
        if "perimeter" in cleaned:
            cleaned["perimeter"] = cleaned["perimeter"] or {}
            # An imported aid may wait for its perimeter (its text criterion says so);
            # a scheme of the Leviers team has one, as load-catalogue demands.
            curated = cleaned.get("origin", self.instance.origin) == Scheme.Origin.LEVIERS
            if cleaned["perimeter"] or curated:
                try:
                    perimeter_criterion(cleaned["perimeter"], where=where)
                except CriteriaError as error:
                    self.add_error("perimeter", str(error))
        return cleaned


class FrenchHistory(HistoricalRecordContextHelper):
    """The changes of a record, field by verbose name, JSON values written as JSON."""

    def __init__(self, model, record):
        super().__init__(model, record, max_displayed_delta_change_chars=400)

    def context_for_delta_changes(self, delta):
        shown = [c for c in delta.changes if c.field not in UNSHOWN_CHANGES]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=shown))

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.JSONField):
            return json.dumps(value, ensure_ascii=False)
        return super().prepare_delta_change_value(change, value)


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
    form = EntryForm
    formfield_overrides = {
        models.JSONField: {"form_class": ReadableJSONField},
        models.URLField: {"assume_scheme": "https"},  # Django 6's default, without its warning
    }
    list_filter = ["verification"]
    readonly_fields = ["updated_at", "verified_on", "verified_by"]
    actions = [mark_verified]
    save_on_top = True
    object_history_list_template = "catalogue/admin/history_list.html"

    def save_model(self, request, obj, form, change):
        if change and not obj.history.exists():
            # Entries loaded from the content files or imported have no history yet: keep the
            # state before this first edit, so that the history shows what it was.
            before = type(obj).objects.get(pk=obj.pk)
            before._change_reason = BASELINE_REASON
            before.save()
        obj._change_reason = form.cleaned_data.get("change_reason") or None
        super().save_model(request, obj, form, change)

    def get_historical_record_context_helper(self, request, historical_record):
        return FrenchHistory(self.model, historical_record)


@admin.register(Scheme)
class SchemeAdmin(EntryAdmin):
    form = SchemeForm
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
