from django import forms

from leviers.accounts.identifiers import normalise_rna, normalise_siren
from leviers.accounts.models import Membership, Organisation

# Kinds a person may create from the site; a commune or an EPCI is created by the platform's
# team from the admin, once they know who speaks for the town hall.
SELF_SERVICE_KINDS = [
    (value, label)
    for value, label in Organisation.Kind.choices
    if value not in (Organisation.Kind.COMMUNE, Organisation.Kind.EPCI)
]


class OrganisationForm(forms.ModelForm):
    # Longer than stored: people type « 213 501 806 »; the model's validators check the rest.
    siren = forms.CharField(
        label="SIREN", max_length=20, required=False, help_text=Organisation.siren.field.help_text
    )
    rna = forms.CharField(
        label="Numéro RNA",
        max_length=20,
        required=False,
        help_text=Organisation.rna.field.help_text,
    )

    class Meta:
        model = Organisation
        fields = ["name", "article", "kind", "siren", "rna"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind in (Organisation.Kind.COMMUNE, Organisation.Kind.EPCI):
            # Its kind and its place in the referential are the admin's business.
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = SELF_SERVICE_KINDS

    def clean_siren(self) -> str:
        return normalise_siren(self.cleaned_data["siren"])

    def clean_rna(self) -> str:
        return normalise_rna(self.cleaned_data["rna"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rna") and cleaned.get("kind", self.instance.kind) != "association":
            self.add_error("rna", "Seule une association a un numéro RNA.")
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique de la personne invitée",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "invalid": "Saisissez une adresse électronique valide, par exemple "
            "prenom.nom@exemple.fr."
        },
    )
    role = forms.ChoiceField(label="Rôle", choices=Membership.Role.choices, initial="membre")

    def __init__(self, *args, roles=None, **kwargs):
        """`roles`: those the person inviting may give (permissions.roles_settable_by)."""
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["role"].choices = roles
            self.fields["role"].error_messages["invalid_choice"] = (
                "Rôle : vous ne pouvez pas inviter avec ce rôle. Les rôles intervenant et "
                "coordinateur sont donnés par la coordination de l'équipe d'aller-vers."
            )


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label="Rôle", choices=Membership.Role.choices)
    is_active = forms.TypedChoiceField(
        label="Appartenance",
        choices=[("1", "active"), ("0", "désactivée")],
        coerce=lambda value: value == "1",
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je comprends que mon compte sera supprimé définitivement ; mes contributions aux "
        "projets resteront, signées « un habitant ».",
        required=True,
        error_messages={"required": "Cochez la case pour confirmer la suppression."},
    )
