"""Forms of the clubs: French messages naming the field at fault."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from leviers.accounts.models import Organisation
from leviers.clubs.attachments import ACCEPTED
from leviers.clubs.models import ClubMeeting, Report, Sequence, Speaker
from leviers.core.locking import VersionedFormMixin
from leviers.territories.models import Commune


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


# --- Meetings, programme and report, edited by the club's facilitators ------------------------

CODE_IN_TEXT = re.compile(r"\b(\d[0-9AB]\d{3})\b")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class HostCommuneField(forms.CharField):
    """A commune typed or chosen in the suggestions of the territories search (finder.js):
    « Durtal (49127) », « 49127 », or a name only one commune has."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "data-finder-input": ""}
        )

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        found = CODE_IN_TEXT.search(text)
        if found:
            commune = Commune.objects.filter(code=found.group(1)).first()
        else:
            named = list(Commune.objects.filter(name__iexact=text.strip())[:2])
            commune = named[0] if len(named) == 1 else None
        if commune is None:
            raise forms.ValidationError(
                f"Commune d'accueil : « {text} » introuvable ou ambiguë. Choisissez-la dans les "
                "suggestions, ou ajoutez son code INSEE entre parenthèses, par exemple "
                "Durtal (49127)."
            )
        return commune

    def prepare_value(self, value):
        if isinstance(value, Commune):
            return f"{value.name} ({value.code})"
        if isinstance(value, str) and value and not CODE_IN_TEXT.search(value):
            return value
        commune = Commune.objects.filter(code=value).first() if value else None
        return f"{commune.name} ({commune.code})" if commune else value


def _french_errors(form) -> None:
    """« Label : message » for the model's own messages, so that each names its field."""
    for field in form.fields.values():
        field.error_messages["required"] = f"{field.label} : à remplir."
        if "invalid" in field.error_messages and isinstance(field, forms.DateField):
            field.error_messages["invalid"] = f"{field.label} : une date comme 11/09/2025."
        if "invalid" in field.error_messages and isinstance(field, forms.TimeField):
            field.error_messages["invalid"] = f"{field.label} : une heure comme 09:30."


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    host_commune = HostCommuneField(
        label="Commune d'accueil",
        required=False,
        help_text="Tapez son nom et choisissez-la dans les suggestions.",
    )

    class Meta:
        model = ClubMeeting
        fields = [
            "title",
            "date",
            "start_time",
            "end_time",
            "host_commune",
            "place",
            "theme",
            "description",
            "co_organisers",
            "capacity",
            "registration_open",
            "is_published",
        ]
        widgets = {
            "date": DATE_INPUT,
            "start_time": TIME_INPUT,
            "end_time": TIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
            "co_organisers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, club, **kwargs):
        super().__init__(*args, **kwargs)
        # The co-organisers: the club's networks and members (a short list on a phone),
        # and those already chosen (the example's IRESA is neither): a save never drops one.
        chosen = Q(pk__in=self.instance.co_organisers.all()) if self.instance.pk else Q()
        self.fields["co_organisers"].queryset = (
            Organisation.objects.filter(Q(clubs_run=club) | Q(club_memberships__club=club) | chosen)
            .distinct()
            .order_by("name")
        )
        self.fields["co_organisers"].required = False
        self.fields["co_organisers"].error_messages["invalid_choice"] = (
            "Co-organisateurs : cette organisation n'est ni animatrice ni membre du club."
        )
        self.fields["capacity"].error_messages["min_value"] = "Places : un nombre positif."
        _french_errors(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "Fin : elle doit venir après le début.")
        return data


class SequenceForm(VersionedFormMixin, forms.ModelForm):
    links = forms.MultipleChoiceField(
        label="Fiches du catalogue présentées",
        required=False,
        help_text="Les leviers, expériences et dispositifs dont la séquence a parlé : leur fiche "
        "dira « Présenté à la rencontre de … ». Tapez les premières lettres pour chercher.",
        error_messages={
            "invalid_choice": "Fiches du catalogue : « %(value)s » n'est pas dans le catalogue."
        },
    )

    class Meta:
        model = Sequence
        fields = ["start_time", "section", "title", "summary", "links"]
        widgets = {
            "start_time": TIME_INPUT,
            "summary": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["links"].choices = catalogue_choices()
        self.fields["links"].widget.attrs["size"] = 8
        if not self.is_bound and self.instance.pk:
            self.initial["links"] = [
                f"{link.kind}:{link.slug}" for link in self.instance.links.all()
            ]
        _french_errors(self)

    def clean_links(self) -> list[tuple[str, str]]:
        return [tuple(value.split(":", 1)) for value in self.cleaned_data["links"]]


def catalogue_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalogue by kind, for the select of a sequence's links (value « kind:slug »)."""
    from leviers.catalogue.models import Experience, Lever, Scheme

    groups = []
    for kind, label, model in (
        ("lever", "Leviers", Lever),
        ("experience", "Expériences", Experience),
        ("scheme", "Dispositifs", Scheme),
    ):
        entries = model.objects.order_by("name").values_list("slug", "name")
        groups.append((label, [(f"{kind}:{slug}", name) for slug, name in entries]))
    return groups


class SpeakerForm(forms.ModelForm):
    email = forms.EmailField(
        label="Adresse de son compte",
        required=False,
        help_text="Seulement si la personne a un compte sur Leviers.",
        error_messages={"invalid": "Adresse : elle ne semble pas valide."},
    )

    class Meta:
        model = Speaker
        fields = ["name", "role", "organisation_name", "email"]
        labels = {"organisation_name": "Organisation"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.user_id and not self.is_bound:
            self.initial["email"] = self.instance.user.email
        if self.instance.pk and self.instance.organisation_id and not self.is_bound:
            self.initial["organisation_name"] = self.instance.organisation.name

    def clean(self):
        data = super().clean()
        data["user"] = None
        email = data.get("email")
        if email:
            data["user"] = (
                get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            )
            if data["user"] is None:
                self.add_error(
                    "email", "Adresse : aucun compte ne porte cette adresse ; laissez-la vide."
                )
        if (email or data.get("role") or data.get("organisation_name")) and not data.get("name"):
            self.add_error("name", "Nom : indiquez le nom de l'intervenant.")
        return data


SpeakerFormSet = forms.inlineformset_factory(
    Sequence,
    Speaker,
    form=SpeakerForm,
    extra=2,
    can_delete=True,
    max_num=12,
)


class ReportForm(VersionedFormMixin, forms.ModelForm):
    source_url = forms.URLField(
        label="Adresse de la source",
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Adresse de la source : une adresse comme https://exemple.fr/page."
        },
    )

    class Meta:
        model = Report
        fields = ["title", "introduction", "conclusion", "source_title", "source_url"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "conclusion": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _french_errors(self)
