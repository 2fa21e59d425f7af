"""Short forms for a phone in the field. Amounts typed the French way (« 1 034,28 »)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from leviers.outreach.models import Consent, Orientation, Person, Right, Visit
from leviers.outreach.themes import THEMES
from leviers.services.models import Service
from leviers.territories.models import Commune

CODE_IN_TEXT = re.compile(r"\b(\d[0-9AB]\d{3})\b")


def find_commune(text: str) -> Commune | None:
    """« Pommerieux (53180) », « 53180 » or « Pommerieux » when only one commune has the name."""
    text = text.strip()
    found = CODE_IN_TEXT.search(text)
    if found:
        return Commune.objects.filter(code=found.group(1)).first()
    named = list(Commune.objects.filter(name__iexact=text)[:2])
    return named[0] if len(named) == 1 else None


class CommuneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Commune")
        kwargs.setdefault("help_text", "Son nom, ou son code INSEE entre parenthèses.")
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "outreach-communes", "autocomplete": "off"})

    def clean(self, value):
        text = super().clean(value)
        commune = find_commune(text)
        if commune is None:
            raise forms.ValidationError(
                f"Commune « {text} » introuvable ou ambiguë : choisissez-la dans la liste, ou "
                "ajoutez son code INSEE entre parenthèses, par exemple Pommerieux (53180)."
            )
        return commune

    def prepare_value(self, value):
        if isinstance(value, Commune):
            return f"{value.name} ({value.code})"
        return value


class EurosField(forms.Field):
    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value) -> Decimal | None:
        if value in (None, ""):
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value).replace("€", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            amount = Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise forms.ValidationError(
                "Écrivez un montant en euros, par exemple 1 034,28."
            ) from None
        if amount < 0:
            raise forms.ValidationError("Un montant ne peut être négatif.")
        return amount


YES_NO_UNKNOWN = [("", "Ne sait pas"), ("oui", "Oui"), ("non", "Non")]


class PersonForm(forms.ModelForm):
    commune = CommuneField()
    lives_alone = forms.TypedChoiceField(
        label="Vit seule",
        choices=YES_NO_UNKNOWN,
        required=False,
        coerce=lambda v: v == "oui",
        empty_value=None,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Person
        fields = [
            "label",
            "birth_year",
            "commune",
            "lives_alone",
            "preferred_contact",
            "phone",
            "referent_name",
            "referent_phone",
        ]
        widgets = {
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "referent_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "preferred_contact": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.lives_alone is not None:
            self.initial["lives_alone"] = "oui" if self.instance.lives_alone else "non"
        self.fields["label"].widget.attrs["autocomplete"] = "off"


class ConsentForm(forms.Form):
    given = forms.BooleanField(
        label="La personne a donné son accord, à l'oral, après que je lui ai expliqué ce qui "
        "serait noté et qui le lirait.",
        error_messages={"required": "Sans l'accord de la personne, rien n'est noté."},
    )
    scopes = forms.MultipleChoiceField(
        label="Elle accepte",
        choices=Consent.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Consent.Scope.JOURNAL],
        error_messages={"required": "Cochez au moins ce que la personne accepte."},
    )

    def clean_scopes(self):
        scopes = self.cleaned_data["scopes"]
        if Consent.Scope.JOURNAL not in scopes:
            raise forms.ValidationError(
                "Sans accord pour noter les visites, la fiche ne peut être tenue."
            )
        return scopes


class VisitForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label="Situation",
        choices=list(THEMES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Visit
        fields = ["visited_on", "themes", "needs"]
        widgets = {
            "visited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "needs": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }


class OrientationForm(forms.ModelForm):
    theme = forms.ChoiceField(
        label="Pour", choices=[("", "—")] + list(THEMES.items()), required=False
    )

    class Meta:
        model = Orientation
        fields = ["service", "service_label", "theme", "status", "follow_up_on"]
        widgets = {"follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The directory's services near the person: their commune's EPCI (or the commune).
        commune = self.instance.person.commune
        near = {"commune__epci_id": commune.epci_id} if commune.epci_id else {"commune": commune}
        field = self.fields["service"]
        field.queryset = Service.objects.filter(**near).order_by("name")[:100]
        field.empty_label = "— Pas dans l'annuaire : je le nomme ci-dessous —"
        field.label_from_instance = lambda service: service.name

    def clean(self):
        data = super().clean()
        if not data.get("service_label") and not data.get("service"):
            self.add_error("service_label", "Nommez le service vers qui orienter.")
        return data


class OrientationStatusForm(forms.Form):
    status = forms.ChoiceField(label="État", choices=Orientation.Status.choices)
    follow_up_on = forms.DateField(
        label="À relancer le",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RightForm(forms.ModelForm):
    monthly_amount = EurosField(label="Montant mensuel (€)", required=False)

    class Meta:
        model = Right
        fields = ["kind", "other_label", "monthly_amount", "identified_on"]
        widgets = {"identified_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        data = super().clean()
        if data.get("kind") == Right.Kind.OTHER and not data.get("other_label"):
            self.add_error("other_label", "Pour un autre droit, écrivez lequel.")
        return data


class RightStatusForm(forms.Form):
    status = forms.ChoiceField(label="État", choices=Right.Status.choices)
    monthly_amount = EurosField(label="Montant mensuel (€)", required=False)
    on = forms.DateField(
        label="Le",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class StatisticsForm(forms.Form):
    year = forms.IntegerField(label="Année", min_value=2000, max_value=2100, required=False)
    by = forms.ChoiceField(
        label="Par", choices=[("annee", "Année"), ("trimestre", "Trimestre")], required=False
    )
