"""The funding plan's forms: amounts typed the French way (« 12 500 », « 1 250,50 € »)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from leviers.catalogue.models import Scheme
from leviers.funding import plan
from leviers.funding.models import (
    Application,
    BudgetLine,
    Deadline,
    Document,
    Instalment,
    Status,
)

NONE = ""


class EurosField(forms.Field):
    """An amount in euros as people type it; a Decimal rounded to the cent."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value) -> Decimal | None:
        if value in (None, ""):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return plan.parse_euros(str(value))
        except plan.AmountError as error:
            raise forms.ValidationError(str(error)) from None

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            # « 12500 » or « 1250,50 »: what the field reads back unchanged.
            text = f"{value:.2f}".replace(".", ",")
            return text.removesuffix(",00")
        return value


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Écrivez l'année en chiffres, par exemple 2026.",
                "min_value": "Écrivez une année à partir de 2000.",
                "max_value": "Écrivez une année jusqu'à 2100.",
            },
        )
        super().__init__(**kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class BudgetLineForm(forms.ModelForm):
    amount = EurosField(
        label="Montant (€)", required=False, help_text="Pour une dépense ou des fonds propres."
    )
    year = YearField(label="Année")

    class Meta:
        model = BudgetLine
        fields = ["kind", "label", "year", "amount", "hours", "valued"]
        error_messages = {"hours": {"invalid": "Écrivez un nombre d'heures, par exemple 120."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].required = False

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == BudgetLine.Kind.VOLUNTEERING:
            if not data.get("hours"):
                self.add_error("hours", "Indiquez le nombre d'heures de bénévolat.")
            data["amount"] = Decimal("0")
        elif kind:
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", "Indiquez le montant.")
            data["hours"], data["valued"] = Decimal("0"), False
        return data


def scheme_choices(project) -> list:
    """The project's schemes first, then the team's catalogue (imported aids stay out: there
    are thousands, and the catalogue's own sheets carry checked facts)."""
    own = list(project.schemes.order_by("name").values_list("slug", "name"))
    others = list(
        Scheme.objects.filter(origin=Scheme.Origin.LEVIERS)
        .exclude(slug__in=[slug for slug, _ in own])
        .order_by("name")
        .values_list("slug", "name")
    )
    choices: list = [(NONE, "Aucun : un financeur hors du catalogue")]
    if own:
        choices.append(("Dispositifs retenus pour le projet", own))
    if others:
        choices.append(("Autres dispositifs du catalogue", others))
    return choices


class ApplicationForm(forms.ModelForm):
    scheme_slug = forms.ChoiceField(label="Dispositif du catalogue", required=False)
    amount_asked = EurosField(label="Montant demandé (€)")
    amount_granted = EurosField(
        label="Montant accordé (€)", required=False, help_text="Une fois la réponse connue."
    )
    year = YearField(
        label="Année", help_text="L'année où compter l'aide quand aucun versement n'est prévu."
    )
    # The version the form was read at (optimistic locking, actions.application_update).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Application
        fields = ["title", "scheme_slug", "funder", "amount_asked", "amount_granted", "year"]
        fields += ["notes"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme_slug"].choices = scheme_choices(project)
        self.fields[
            "funder"
        ].help_text = "Obligatoire sans dispositif du catalogue. Par exemple : Fondation de France."

    def clean(self):
        data = super().clean()
        if not data.get("scheme_slug") and not (data.get("funder") or "").strip():
            self.add_error(
                "funder", "Choisissez un dispositif du catalogue ou nommez le financeur."
            )
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Nouvel état", choices=Status.choices)
    changed_on = forms.DateField(
        label="Le", widget=DateInput(), error_messages={"invalid": "Écrivez une date valide."}
    )
    amount_granted = EurosField(
        label="Montant accordé (€)",
        required=False,
        help_text="Pour une aide accordée : le montant de la notification.",
    )
    note = forms.CharField(
        label="Précision",
        required=False,
        max_length=300,
        help_text="Par exemple : comité du 12 mai.",
    )

    def __init__(self, *args, application, **kwargs):
        self.application = application
        kwargs.setdefault(
            "initial", {"changed_on": timezone.localdate(), "status": application.status}
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        status = data.get("status")
        granted = data.get("amount_granted")
        if (
            status in plan.SECURED_STATUSES
            and granted is None
            and self.application.amount_granted is None
        ):
            self.add_error(
                "amount_granted",
                "Indiquez le montant accordé : le plan le compte comme acquis.",
            )
        if status == self.application.status and not data.get("amount_granted"):
            self.add_error("status", "La demande est déjà dans cet état.")
        return data


class InstalmentForm(forms.ModelForm):
    year = YearField(label="Année")
    amount = EurosField(label="Montant (€)")

    class Meta:
        model = Instalment
        fields = ["year", "amount", "received_on"]
        widgets = {"received_on": DateInput()}
        error_messages = {"received_on": {"invalid": "Écrivez une date valide."}}


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["label", "due_on"]
        widgets = {"due_on": DateInput()}
        error_messages = {"due_on": {"invalid": "Écrivez une date valide, par exemple 2026-09-30."}}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["name", "state"]


class DocumentStateForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["state"]
