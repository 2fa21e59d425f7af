"""The screening questionnaire: a few questions, answers kept nowhere (issue 14)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from leviers.screening.answers import Answers, Housing

EUROS = {"min_value": Decimal(0), "max_value": Decimal(100_000), "decimal_places": 2}


class EurosField(forms.DecimalField):
    """A monthly amount written the French way: "1 234,50" as well as "1234.50"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
            value = value.replace("€", "").replace(",", ".")
        return super().to_python(value)


def _euros(label: str, help_text: str = "") -> forms.DecimalField:
    return EurosField(
        label=label,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid": f"{label} : écrivez un montant en euros, par exemple 850 ou 850,50.",
            "min_value": f"{label} : le montant ne peut pas être négatif.",
            "max_value": f"{label} : ce montant paraît trop grand pour un mois.",
            "max_decimal_places": f"{label} : deux chiffres après la virgule au plus.",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **EUROS,
    )


def _age(label: str, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=18,
        max_value=120,
        error_messages={
            "required": f"{label} : indiquez l'âge en années.",
            "invalid": f"{label} : écrivez un nombre d'années, par exemple 72.",
            "min_value": f"{label} : 18 ans au moins.",
            "max_value": f"{label} : 120 ans au plus.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ScreeningForm(forms.Form):
    """Answers of one household; `answers()` gives the `Answers` once the form is valid."""

    age = _age("Âge de la personne")
    couple = forms.TypedChoiceField(
        label="Vit-elle en couple ?",
        choices=[("non", "Non, seule"), ("oui", "Oui, en couple")],
        coerce=lambda value: value == "oui",
        initial="non",
        widget=forms.RadioSelect,
        error_messages={"required": "Vit-elle en couple ? Choisissez une réponse."},
    )
    partner_age = _age("Âge du conjoint", required=False)
    pensions = _euros(
        "Retraites et pensions par mois",
        "Pour tout le foyer, montant brut (avant prélèvements), base et complémentaire.",
    )
    earnings = _euros("Salaires ou revenus d'activité par mois", "Pour tout le foyer, brut.")
    other = _euros("Autres revenus réguliers par mois", "Pension alimentaire, rente…")
    housing = forms.ChoiceField(
        label="Logement",
        choices=Housing.CHOICES,
        initial=Housing.TENANT,
        widget=forms.RadioSelect,
        error_messages={"required": "Logement : choisissez une réponse."},
    )
    rent = _euros("Loyer par mois, sans les charges", "Seulement pour un locataire.")
    commune = forms.CharField(
        label="Code INSEE de la commune",
        required=False,
        max_length=5,
        help_text="Il sert à connaître la zone de l'aide au logement (5 caractères).",
        error_messages={"max_length": "Code INSEE de la commune : 5 caractères."},
    )

    def clean_commune(self) -> str:
        code = (self.cleaned_data.get("commune") or "").strip().upper()
        if code and (len(code) != 5 or not code.isalnum()):
            raise forms.ValidationError(
                "Code INSEE de la commune : 5 chiffres (ou 2A/2B et 3 chiffres en Corse)."
            )
        return code

    def clean(self):
        data = super().clean()
        if data.get("couple") and not data.get("partner_age"):
            self.add_error("partner_age", "Âge du conjoint : indiquez-le pour un couple.")
        if data.get("housing") == Housing.TENANT and not data.get("rent"):
            self.add_error("rent", "Loyer par mois : indiquez-le pour un locataire.")
        return data

    def answers(self) -> Answers:
        data = self.cleaned_data
        couple = bool(data["couple"])
        return Answers(
            age=data["age"],
            couple=couple,
            partner_age=data["partner_age"] if couple else None,
            pensions=data["pensions"] or Decimal(0),
            earnings=data["earnings"] or Decimal(0),
            other=data["other"] or Decimal(0),
            housing=data["housing"],
            rent=(data["rent"] or Decimal(0)) if data["housing"] == Housing.TENANT else Decimal(0),
            commune=data["commune"],
        )
