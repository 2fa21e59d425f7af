"""The public forms where actors propose what SIRENE lacks."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator

from leviers.observatory.models import ActorLink, ActorProfile, EssEstablishment

PRIVATE_DATA_HELP = (
    "Uniquement le contact public de la structure (adresse générique, standard) : "
    "n'indiquez pas les données d'une personne (nom, adresse ou téléphone personnels)."
)
rna_validator = RegexValidator(
    r"^W[0-9]{9}$", "Le numéro RNA s'écrit W suivi de 9 chiffres (exemple : W532000123)."
)
phone_validator = RegexValidator(
    r"^\+?[0-9 .]{10,20}$", "Indiquez un numéro de téléphone (10 chiffres, ou +33…)."
)
actor_key_validator = RegexValidator(
    r"^([0-9]{14}|W[0-9]{9})$", "Indiquez un SIRET (14 chiffres) ou un numéro RNA (W + 9 chiffres)."
)


class ProfileForm(forms.Form):
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ce que fait la structure, pour qui, où (2 000 caractères au plus).",
    )
    email = forms.EmailField(
        label="Courriel de la structure",
        required=False,
        max_length=254,
        help_text=PRIVATE_DATA_HELP,
    )
    phone = forms.CharField(
        label="Téléphone de la structure",
        required=False,
        max_length=20,
        validators=[phone_validator],
    )
    website = forms.URLField(
        label="Site internet", required=False, max_length=300, assume_scheme="https"
    )
    link_kind = forms.ChoiceField(
        label="Nature du lien avec un autre acteur",
        required=False,
        choices=[("", "Aucun lien")] + ActorLink.Kind.choices,
    )
    link_target = forms.CharField(
        label="SIRET ou numéro RNA de l'autre acteur",
        required=False,
        max_length=14,
        validators=[actor_key_validator],
    )
    link_note = forms.CharField(label="Précision sur le lien", required=False, max_length=300)
    # A field people never see (hidden by the style sheet) and robots fill in.
    website_confirmation = forms.CharField(label="Ne pas remplir", required=False, max_length=300)
    require_content = True

    def __init__(self, *args, actor_key: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.actor_key = actor_key
        self.fields["website_confirmation"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website_confirmation"))

    def clean(self):
        data = super().clean()
        kind, target = data.get("link_kind"), data.get("link_target")
        if kind and not target and "link_target" not in self.errors:
            self.add_error("link_target", "Indiquez l'acteur avec qui existe ce lien.")
        if target and not kind:
            self.add_error("link_kind", "Choisissez la nature du lien.")
        if target and kind and target == self.actor_key:
            self.add_error("link_target", "Un acteur ne se lie pas à lui-même.")
        elif target and kind and not _known(target):
            self.add_error("link_target", f"Aucun acteur de l'ESS connu sous le numéro {target}.")
        if (
            self.require_content
            and not self.errors
            and not any(
                data.get(f) for f in ("description", "email", "phone", "website", "link_kind")
            )
        ):
            raise forms.ValidationError(
                "Proposez au moins une description, un contact, un site ou un lien."
            )
        return data

    def proposed(self) -> dict:
        data = self.cleaned_data
        values = {f: data[f] for f in ("description", "email", "phone", "website") if data.get(f)}
        if data.get("link_kind"):
            values["link"] = {
                "kind": data["link_kind"],
                "target": data["link_target"],
                "note": data.get("link_note", ""),
            }
        return values


class VolunteerForm(ProfileForm):
    """A volunteer-only association, unknown to SIRENE, with its RNA number."""

    name = forms.CharField(label="Nom de l'association", max_length=300)
    rna = forms.CharField(
        label="Numéro RNA",
        max_length=10,
        validators=[rna_validator],
        help_text="W suivi de 9 chiffres, sur le récépissé de déclaration en préfecture.",
    )
    field_order = ["name", "rna"]
    require_content = False

    def clean_rna(self):
        rna = self.cleaned_data["rna"].strip().upper()
        if ActorProfile.objects.filter(rna=rna).exists():
            raise forms.ValidationError("Cette association figure déjà dans l'annuaire.")
        return rna

    def clean(self):
        self.actor_key = self.cleaned_data.get("rna", "")
        return super().clean()

    def proposed(self) -> dict:
        return {"name": self.cleaned_data["name"], **super().proposed()}


def _known(key: str) -> bool:
    if key.isdigit():
        return EssEstablishment.objects.filter(siret=key).exists()
    return ActorProfile.objects.filter(rna=key).exists()
