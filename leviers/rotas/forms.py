"""Forms of the rotas: French messages naming the field at fault."""

from __future__ import annotations

from django import forms

from leviers.accounts.models import Organisation
from leviers.rotas.models import Series, Volunteer
from leviers.rotas.recurrence import WEEKDAY_NAMES


class SeriesForm(forms.ModelForm):
    days = forms.TypedMultipleChoiceField(
        label="Jours de la semaine",
        choices=[(str(i), name.capitalize()) for i, name in enumerate(WEEKDAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Jours de la semaine : cochez au moins un jour."},
    )
    invited = forms.ModelMultipleChoiceField(
        label="Associations invitées à prendre un créneau",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leurs membres peuvent prendre un créneau libre eux-mêmes.",
    )

    class Meta:
        model = Series
        fields = [
            "title",
            "kind",
            "place",
            "description",
            "first_day",
            "last_day",
            "start_time",
            "end_time",
            "interval",
            "capacity",
            "needs_licence",
            "is_public",
        ]
        widgets = {
            "first_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "interval": forms.Select(choices=[(1, "Chaque semaine"), (2, "Une semaine sur deux")]),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = organisations or Organisation.objects.none()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.instance.weekdays = "".join(sorted(data.get("days", [])))
        for name in ("first_day", "last_day", "start_time", "end_time", "interval"):
            setattr(self.instance, name, data[name])
        for problem in self.instance.rule.problems():
            self.add_error(None, problem)
        if data["kind"] == Series.Kind.VOLUNTEERS and not data.get("capacity"):
            self.add_error("capacity", "Bénévoles par créneau : au moins une personne.")
        return data


class SeriesEditForm(forms.ModelForm):
    """The words of a series; its dates and hours made its slots, and stay."""

    class Meta:
        model = Series
        fields = ["title", "place", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GiveForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Association inscrite", queryset=Organisation.objects.none(), required=False
    )
    name = forms.CharField(
        label="ou nom d'une association sans compte", max_length=200, required=False
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations or Organisation.objects.none()

    def clean(self):
        data = super().clean()
        if bool(data.get("organisation")) == bool((data.get("name") or "").strip()):
            raise forms.ValidationError(
                "Attribuer : choisissez une association inscrite, ou écrivez le nom d'une "
                "association sans compte (l'un ou l'autre)."
            )
        return data


class VolunteerForm(forms.ModelForm):
    class Meta:
        model = Volunteer
        fields = ["name", "contact"]
