from django import forms

from leviers.accounts.models import Organisation
from leviers.workspace.models import Activity, NotificationPreference, Partner, Project, Stage


class NewProjectForm(forms.Form):
    title = forms.CharField(label="Titre du projet", max_length=200)
    organisation = forms.ModelChoiceField(
        label="Organisation qui porte le projet",
        queryset=Organisation.objects.none(),
        to_field_name="public_id",
        empty_label=None,
        error_messages={"invalid_choice": "Choisissez une de vos organisations."},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SettingsForm(forms.ModelForm):
    # The version the form was read at (optimistic locking, actions.project_update_settings).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Project
        fields = ["title", "description", "is_public", "anonymous_contributions"]
        labels = {
            "title": "Titre du projet",
            "is_public": "Page publique : les habitants voient le projet",
            "anonymous_contributions": "Les habitants peuvent contribuer sans compte",
        }
        help_texts = {
            "is_public": "Sinon, seule l'équipe du projet le voit.",
            "anonymous_contributions": "Avec une limite de débit et un filtre anti-robots.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class StageForm(forms.Form):
    stage = forms.ChoiceField(label="Nouvelle étape", choices=Stage.choices)
    note = forms.CharField(
        label="Pourquoi (facultatif)",
        max_length=300,
        required=False,
        help_text="Par exemple : étude de faisabilité rendue au conseil du 12 mars.",
    )


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        to_field_name="public_id",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Cette organisation n'existe pas ou plus."},
    )
    role = forms.ChoiceField(label="Rôle", choices=Partner.Role.choices)


class TeamRoleForm(forms.Form):
    person = forms.TypedChoiceField(label="Personne", coerce=int)
    function = forms.CharField(
        label="Rôle dans le projet",
        max_length=100,
        required=False,
        help_text="Par exemple : référente habitants. Laissez vide pour l'effacer.",
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            (m.user_id, m.user.get_full_name() or m.user.get_username()) for m in team
        ]
        self.fields["person"].error_messages["invalid_choice"] = (
            "Cette personne ne fait pas partie de l'équipe du projet."
        )


class PreferenceForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label="Ce que je reçois",
        choices=Activity.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NotificationPreference
        fields = ["frequency", "kinds"]
        labels = {"frequency": "Fréquence"}
        widgets = {"frequency": forms.RadioSelect}
