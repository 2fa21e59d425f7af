"""Forms of the clubs: French messages naming the field at fault."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from leviers.accounts.models import Organisation
from leviers.clubs.attachments import ACCEPTED


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation à ajouter",
        queryset=Organisation.objects.none(),
        help_text="Une commune, une intercommunalité ou une autre organisation inscrite sur "
        "Leviers.",
        error_messages={
            "required": "Organisation à ajouter : choisissez une organisation.",
            "invalid_choice": "Organisation à ajouter : cette organisation n'est pas proposée.",
        },
    )
    joined_on = forms.DateField(
        label="Membre depuis",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Membre depuis : une date comme 11/09/2025."},
    )

    def __init__(self, *args, club, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            club_memberships__club=club
        ).only("pk", "name")


class ContactForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique de son compte",
        required=False,
        help_text="Si la personne a un compte sur Leviers ; sinon, son nom.",
        error_messages={"invalid": "Adresse électronique : elle ne semble pas valide."},
    )
    name = forms.CharField(label="Nom", max_length=200, required=False)
    role = forms.CharField(
        label="Fonction", max_length=200, required=False, help_text="Par exemple : maire adjointe."
    )

    def clean(self):
        data = super().clean()
        data["user"] = None
        email = data.get("email")
        if email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                self.add_error(
                    "email",
                    "Adresse électronique : aucun compte ne porte cette adresse ; indiquez "
                    "plutôt le nom de la personne.",
                )
            data["user"] = user
        elif not data.get("name", "").strip():
            self.add_error("name", "Nom : indiquez le nom du contact, ou l'adresse de son compte.")
        return data


class AttachmentForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200, required=False)
    file = forms.FileField(
        label="Fichier",
        help_text=f"{ACCEPTED}.",
        error_messages={
            "required": "Fichier : choisissez un fichier.",
            "empty": "Fichier : le fichier est vide.",
        },
    )
    sequence = forms.ModelChoiceField(
        label="Séquence",
        queryset=None,
        required=False,
        empty_label="La journée entière",
        error_messages={"invalid_choice": "Séquence : elle n'est pas de cette rencontre."},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sequence"].queryset = meeting.sequences.all()
