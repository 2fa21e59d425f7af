"""The directory's forms: the search, and the local entry kept by a commune."""

from __future__ import annotations

from django import forms
from django.db import transaction

from leviers.services.models import LOCAL_SOURCE, Service, Structure
from leviers.services.search import DEFAULT_DISTANCE, DISTANCES
from leviers.services.taxonomy import CHOICES, thematiques_for


class SearchForm(forms.Form):
    q = forms.CharField(label="Commune", required=False, max_length=100)
    commune = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)
    theme = forms.ChoiceField(
        label="Besoin", required=False, choices=[("", "Tous les services")] + CHOICES
    )
    distance = forms.TypedChoiceField(
        label="Jusqu'à",
        choices=[(d, f"{d} km") for d in DISTANCES],
        coerce=int,
        required=False,
        empty_value=DEFAULT_DISTANCE,
        initial=DEFAULT_DISTANCE,
    )


class LocalServiceForm(forms.ModelForm):
    """A service typed by the commune (or its network's facilitator): its structure is found
    or created by name in the commune; its data·inclusion thématiques follow its themes."""

    structure_name = forms.CharField(
        label="Organisme qui rend le service",
        max_length=150,
        help_text="Par exemple : CCAS de Pommerieux, ADMR du Craonnais.",
        error_messages={"required": "Organisme : indiquez qui rend le service."},
    )
    local_themes = forms.MultipleChoiceField(
        label="Ce que fait ce service",
        choices=CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Ce que fait ce service : cochez au moins une case."},
    )

    class Meta:
        model = Service
        fields = ["name", "description", "phone", "email", "address", "opening_hours"]
        labels = {
            "name": "Nom du service",
            "phone": "Téléphone",
            "opening_hours": "Horaires",
        }
        help_texts = {
            "phone": "Le numéro que les habitants appellent.",
            "opening_hours": "En clair, par exemple : du lundi au vendredi, de 9 h à 12 h.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": "Nom du service : indiquez-le."},
            "phone": {"required": "Téléphone : indiquez le numéro à appeler."},
            "email": {"invalid": "Courriel : adresse invalide (par exemple nom@exemple.fr)."},
        }

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields["phone"].required = True
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        if self.instance.pk:
            self.initial.setdefault("structure_name", self.instance.structure.name)
            self.initial.setdefault("local_themes", self.instance.local_themes)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if len(digits) < 4 or any(not (c.isdigit() or c in " .+-()") for c in phone):
            raise forms.ValidationError(
                "Téléphone : des chiffres, espaces ou points, par exemple 02 43 07 00 00."
            )
        return phone

    @transaction.atomic
    def save(self, commit: bool = True) -> Service:
        service = super().save(commit=False)
        name = self.cleaned_data["structure_name"].strip()
        local = Structure.objects.filter(source=LOCAL_SOURCE, commune=self.commune)
        structure = local.filter(name__iexact=name).order_by("pk").first()
        if structure is None:
            structure = Structure.objects.create(
                source=LOCAL_SOURCE, name=name, commune=self.commune, phone=service.phone
            )
        service.structure = structure
        service.commune = self.commune
        service.source = LOCAL_SOURCE
        service.local_themes = list(self.cleaned_data["local_themes"])
        service.themes = thematiques_for(service.local_themes)
        service.save()
        return service
