"""The forms of participation: an inhabitant's contribution online, one typed by the team,
moderation, proposals and their answer.

The public form carries two anti-spam measures that need no third party: a field people never
see (hidden by the style sheet) that robots fill in, and a signed stamp of when the form was
shown (a person takes more than MIN_SECONDS to write a contribution).
"""

from __future__ import annotations

import datetime as dt
import time

from django import forms
from django.core import signing
from django.utils import timezone

from leviers.core.locking import VersionField
from leviers.meetings.models import Decision
from leviers.participation.models import (
    Channel,
    Contribution,
    ContributionGroup,
    Kind,
    Proposal,
    Tag,
)

MIN_SECONDS = 3
STAMP_MAX_AGE = 24 * 3600
STAMP_SALT = "leviers.participation.contribution-form"

CONTACT_HELP = (
    "Un courriel ou un numéro de téléphone, gardé seulement si vous acceptez d'être "
    "recontacté ; il n'est jamais publié."
)


def new_stamp() -> str:
    return signing.TimestampSigner(salt=STAMP_SALT).sign(str(int(time.time())))


# What identifies an inhabitant: kept out of error reports (views' sensitive_post_parameters).
PERSONAL_FIELDS = ("author_name", "contact")


class ContributionFields(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["kind", "text", "author_name", "wants_contact", "contact"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 5})}
        labels = {"text": "Votre idée, votre besoin, votre remarque"}
        help_texts = {"contact": CONTACT_HELP}

    def clean(self):
        data = super().clean()
        if data.get("contact") and not data.get("wants_contact"):
            self.add_error(
                "contact",
                "Cochez « accepte d'être recontacté » pour que ce moyen de contact soit gardé, "
                "ou laissez-le vide.",
            )
        if data.get("wants_contact") and not data.get("contact"):
            self.add_error("contact", "Indiquez un courriel ou un téléphone pour être recontacté.")
        return data


class PublicContributionForm(ContributionFields):
    """Online, by the inhabitant (signed in, or without account where the project allows)."""

    # A field people never see (hidden by the style sheet) and robots fill in.
    website_confirmation = forms.CharField(label="Ne pas remplir", required=False, max_length=300)
    shown_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta(ContributionFields.Meta):
        labels = ContributionFields.Meta.labels | {
            "author_name": "Nom affiché (facultatif)",
            "wants_contact": "J'accepte d'être recontacté au sujet de ce projet",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website_confirmation"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        self.fields["kind"].choices = Kind.choices  # no empty choice among the radios
        self.initial.setdefault("kind", Kind.IDEA)
        # A new stamp each time the form is shown (also when shown again with its errors).
        self.data = self.data.copy() if self.is_bound else self.data
        if self.is_bound:
            self._stamp = self.data.get("shown_at", "")
            self.data["shown_at"] = new_stamp()
        else:
            self.initial["shown_at"] = new_stamp()

    @property
    def is_robot(self) -> bool:
        """The trap is filled in, or the form came back faster than a person writes."""
        if self.data.get("website_confirmation"):
            return True
        shown = self._shown_at()
        return shown is not None and time.time() - shown < MIN_SECONDS

    def _shown_at(self) -> int | None:
        try:
            value = signing.TimestampSigner(salt=STAMP_SALT).unsign(
                self._stamp, max_age=STAMP_MAX_AGE
            )
        except signing.BadSignature:
            return None
        return int(value)

    def clean(self):
        data = super().clean()
        if self._shown_at() is None:
            raise forms.ValidationError(
                "Le formulaire a expiré ou n'a pas été affiché par ce site : "
                "vérifiez votre contribution et envoyez-la de nouveau."
            )
        return data


class RecordedContributionForm(ContributionFields):
    """Typed by a member of the team: collected at the door, on paper, at a meeting, by phone."""

    class Meta(ContributionFields.Meta):
        fields = [
            "channel",
            "collector",
            "place",
            "collected_on",
            "kind",
            "text",
            "author_name",
            "wants_contact",
            "contact",
        ]
        widgets = ContributionFields.Meta.widgets | {
            "collected_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "text": "Contribution, telle que l'habitant l'a dite ou écrite",
            "author_name": "Nom de l'habitant à afficher (facultatif)",
            "wants_contact": "L'habitant accepte d'être recontacté",
        }
        help_texts = {
            "collector": "La personne qui a recueilli la contribution (vous, par défaut).",
            "place": "Rue ou hameau où la contribution a été recueillie.",
            "contact": CONTACT_HELP,
        }

    def __init__(self, *args, collector: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            (value, label) for value, label in Channel.choices if value != Channel.ONLINE
        ]
        self.fields["kind"].choices = Kind.choices
        self.fields["collector"].required = True
        self.initial.setdefault("collector", collector)
        self.initial.setdefault("collected_on", timezone.localdate())
        self.initial.setdefault("channel", Channel.DOOR)
        self.initial.setdefault("kind", Kind.IDEA)

    def clean_collected_on(self):
        day = self.cleaned_data["collected_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("La date de recueil ne peut pas être dans le futur.")
        if day < dt.date(2000, 1, 1):
            raise forms.ValidationError("La date de recueil semble erronée (avant 2000).")
        return day

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.DOOR and not data.get("place"):
            self.add_error("place", "Au porte-à-porte, indiquez la rue ou le hameau.")
        return data


class ModerationForm(forms.Form):
    status = forms.ChoiceField(
        label="État", choices=Contribution.Status.choices, widget=forms.RadioSelect
    )
    tags = forms.CharField(
        label="Étiquettes",
        required=False,
        max_length=300,
        help_text="Séparées par des virgules (exemple : jeunesse, mobilité).",
    )
    group = forms.ModelChoiceField(
        label="Regroupement", queryset=ContributionGroup.objects.none(), required=False
    )
    new_group = forms.CharField(
        label="Ou nouveau regroupement",
        required=False,
        max_length=200,
        help_text="Un intitulé qui rassemble les contributions semblables.",
    )
    version = VersionField()  # the contribution's, as read (core/locking.py)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = project.contribution_groups.all()
        self.fields["group"].empty_label = "Aucun"

    def clean_tags(self) -> list[str]:
        names = []
        for raw in self.cleaned_data["tags"].split(","):
            name = " ".join(raw.split()).lower()
            if len(name) > Tag._meta.get_field("name").max_length:
                raise forms.ValidationError(f"L'étiquette « {name[:20]}… » est trop longue.")
            if name and name not in names:
                names.append(name)
        return names

    def clean(self):
        data = super().clean()
        if data.get("group") and data.get("new_group"):
            self.add_error(
                "new_group", "Choisissez un regroupement existant ou un nouveau, pas les deux."
            )
        return data


class ProposalForm(forms.Form):
    """A proposal and the contributions it is drawn from (at least one)."""

    title = forms.CharField(label="Intitulé de la proposition", max_length=200)
    text = forms.CharField(
        label="La proposition",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ce qui est proposé, pourquoi, et ce que disent les contributions d'origine.",
    )
    c = forms.MultipleChoiceField(
        label="Contributions d'origine", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, contributions: list[Contribution], **kwargs):
        super().__init__(*args, **kwargs)
        self.contributions = {c.public_id: c for c in contributions}
        self.fields["c"].choices = [
            (c.public_id, f"{c.text[:120]} ({c.signature}, {c.provenance()})")
            for c in contributions
        ]
        self.initial.setdefault("c", list(self.contributions))
        self.fields["c"].error_messages["required"] = (
            "Une proposition part d'au moins une contribution : cochez-en une."
        )

    def clean_c(self) -> list[Contribution]:
        return [self.contributions[public_id] for public_id in self.cleaned_data["c"]]


class ProposalAnswerForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["status", "decision", "answer"]
        widgets = {"status": forms.RadioSelect, "answer": forms.Textarea(attrs={"rows": 6})}
        labels = {"answer": "Réponse aux contributeurs"}
        help_texts = {
            "answer": "Publiée sur la page de la proposition et envoyée par courriel aux "
            "contributeurs concernés qui ont laissé une adresse."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
        # Only the decisions of this proposal's project.
        self.fields["decision"].queryset = Decision.objects.of_project(self.instance.project)
        self.fields["decision"].empty_label = "Aucune (pas encore décidé)"
        self.fields["status"].choices = [
            choice for choice in Proposal.Status.choices if choice[0] != Proposal.Status.OPEN
        ]
