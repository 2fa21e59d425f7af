"""The forms of meetings, sittings, the copil and the decision log. Every error is French and
names the field; nothing is written until the whole form is valid (views write atomically)."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from leviers.accounts.models import Membership, Organisation
from leviers.core.locking import VersionedFormMixin
from leviers.meetings import recurrence
from leviers.meetings.models import (
    CommitteeMember,
    Decision,
    DecisionMethod,
    Frequency,
    Meeting,
    Registration,
    Sitting,
)

MONTHS = [(str(number), name) for number, name in enumerate(recurrence.MONTH_NAMES, start=1)]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def parse_day(text: str) -> date | None:
    """« 15/08/2026 » or « 2026-08-15 »; None when it is neither."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    skipped_months = forms.MultipleChoiceField(
        label="Mois sans réunion",
        choices=MONTHS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pour une réunion répétée : « sauf en août ».",
    )
    cancelled_dates = forms.CharField(
        label="Dates annulées",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Pour une réunion répétée : une date par ligne, au format JJ/MM/AAAA.",
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "is_public",
            "place",
            "starts_at",
            "duration_minutes",
            "frequency",
            "until",
            "skipped_months",
            "cancelled_dates",
            "agenda",
            "registration",
            "capacity",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "until": DATE_INPUT,
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:  # lists in the model, words in the form (a new one too)
            self.initial["skipped_months"] = [str(m) for m in self.instance.skipped_months]
            self.initial["cancelled_dates"] = "\n".join(
                date.fromisoformat(d).strftime("%d/%m/%Y") for d in self.instance.cancelled_dates
            )

    def clean_skipped_months(self) -> list[int]:
        months = sorted(int(m) for m in self.cleaned_data["skipped_months"])
        if len(months) == 12:
            raise forms.ValidationError("Il faut au moins un mois avec des réunions.")
        return months

    def clean_cancelled_dates(self) -> list[str]:
        days = []
        for number, line in enumerate(self.cleaned_data["cancelled_dates"].splitlines(), 1):
            if not line.strip():
                continue
            day = parse_day(line)
            if day is None:
                raise forms.ValidationError(
                    f"Ligne {number} : « {line.strip()} » n'est pas une date (JJ/MM/AAAA)."
                )
            days.append(day)
        return sorted({day.isoformat() for day in days})

    def clean(self):
        data = super().clean()
        frequency = data.get("frequency", Frequency.ONCE)
        starts_at = data.get("starts_at")
        if frequency == Frequency.ONCE:
            for name, what in (
                ("until", "Une date de fin"),
                ("skipped_months", "Des mois sans réunion"),
                ("cancelled_dates", "Des dates annulées"),
            ):
                if data.get(name):
                    self.add_error(name, f"{what} ne vaut que pour une réunion répétée.")
            return data
        if starts_at is None:
            return data
        local = starts_at.astimezone(recurrence.PARIS)
        if local.month in data.get("skipped_months", []):
            self.add_error(
                "skipped_months",
                f"La première date tombe en {recurrence.MONTH_NAMES[local.month - 1]}, "
                "un mois sans réunion : choisissez une autre première date.",
            )
        if (until := data.get("until")) and until < local.date():
            self.add_error("until", "La date de fin précède la première date.")
        if not self.errors:
            rule = recurrence.Recurrence(starts_at, frequency, until, frozenset(), frozenset())
            wrong = [
                d for d in data["cancelled_dates"] if not rule.occurs_on(date.fromisoformat(d))
            ]
            if wrong:
                self.add_error(
                    "cancelled_dates",
                    "Pas de réunion prévue le "
                    + ", ".join(date.fromisoformat(d).strftime("%d/%m/%Y") for d in wrong)
                    + ".",
                )
        return data


class SittingForm(VersionedFormMixin, forms.ModelForm):
    """A sitting: its date, its count, its minutes, and who came (copil members, people
    registered for that date, other names typed one per line)."""

    members = forms.ModelMultipleChoiceField(
        label="Membres du comité présents",
        queryset=CommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    registered = forms.ModelMultipleChoiceField(
        label="Inscrits présents",
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    others = forms.CharField(
        label="Autres présents nommés",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Un nom par ligne. Laisser vide pour ne compter que le nombre de présents.",
    )

    class Meta:
        model = Sitting
        fields = ["held_on", "headcount", "minutes"]
        widgets = {"held_on": DATE_INPUT, "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["members"].queryset = meeting.project.committee.active()
        self.fields["members"].label_from_instance = lambda m: (
            f"{m.name} ({m.get_college_display()})"
        )
        day = parse_day(self.data.get("held_on", "")) if self.is_bound else None
        day = day or self.initial.get("held_on") or self.instance.held_on
        self.fields["registered"].queryset = meeting.registrations.filter(
            occurs_on=day
        ).select_related("user")
        self.fields["registered"].label_from_instance = lambda r: _person_name(r.user)
        if not self.fields["registered"].queryset.exists():
            del self.fields["registered"]
        if self.instance.pk and not self.is_bound:
            attendees = list(self.instance.attendees.all())
            self.initial["members"] = [a.member_id for a in attendees if a.member_id]
            self.initial["others"] = "\n".join(
                a.name for a in attendees if not a.member_id and not a.user_id
            )

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if not self.meeting.occurs_on(day):
            raise forms.ValidationError(
                f"La réunion n'a pas lieu le {day:%d/%m/%Y} : choisissez une de ses dates."
            )
        taken = self.meeting.sittings.filter(held_on=day).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"La séance du {day:%d/%m/%Y} est déjà enregistrée.")
        return day

    def clean_others(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["others"].splitlines()]
        too_long = [n for n in names if len(n) > 120]
        if too_long:
            raise forms.ValidationError("Un nom compte au plus 120 caractères.")
        return [n for n in names if n]

    def clean(self):
        data = super().clean()
        named = (
            len(data.get("members", []))
            + len(data.get("registered", []))
            + len(data.get("others", []))
        )
        headcount = data.get("headcount")
        if headcount is not None and headcount < named:
            self.add_error(
                "headcount",
                f"{named} personnes sont nommées présentes : le nombre de présents "
                "ne peut pas être plus petit.",
            )
        return data

    def attendees(self) -> list[dict]:
        """The named people present, as Attendee fields."""
        rows = [{"name": m.name, "member": m, "user": m.user} for m in self.cleaned_data["members"]]
        rows += [
            {"name": _person_name(r.user), "user": r.user}
            for r in self.cleaned_data.get("registered", [])
        ]
        rows += [{"name": name} for name in self.cleaned_data["others"]]
        return rows


def _person_name(user) -> str:
    return user.get_full_name() or user.get_username()


class CommitteeMemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["college", "name", "quality", "organisation", "user", "is_active"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        organisation_ids = project.organisation_ids()
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=organisation_ids)
        # An account is chosen among the people the project knows (its team, the people
        # registered to its meetings), never looked up across every account.
        team = Membership.objects.filter(
            organisation_id__in=organisation_ids, is_active=True
        ).values("user_id")
        registered = Registration.objects.filter(meeting__project=project).values("user_id")
        self.fields["user"].queryset = get_user_model().objects.filter(
            Q(pk__in=team) | Q(pk__in=registered)
        )
        self.fields["user"].label_from_instance = _person_name
        self.fields["user"].help_text = "Facultatif : la plupart des membres n'ont pas de compte."
        if not self.instance.pk:
            del self.fields["is_active"]


class DecisionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "title",
            "details",
            "decided_on",
            "body",
            "method",
            "votes_for",
            "votes_against",
            "abstentions",
            "deliberation_number",
            "sitting",
        ]
        widgets = {"decided_on": DATE_INPUT, "details": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "decided_on": "Laisser vide pour une décision prise en séance : la date de la séance.",
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].required = False
        self.fields["sitting"].queryset = Sitting.objects.filter(
            meeting__project=project
        ).select_related("meeting")

    def clean(self):
        data = super().clean()
        method, sitting = data.get("method"), data.get("sitting")
        if not data.get("decided_on"):
            if sitting:
                data["decided_on"] = sitting.held_on
            else:
                self.add_error("decided_on", "Indiquez la date, ou la séance où elle fut prise.")
        if method == DecisionMethod.VOTE:
            for name in ("votes_for", "votes_against"):
                if data.get(name) is None:
                    self.add_error(name, "Un vote indique le nombre de voix pour et contre.")
        else:
            for name in ("votes_for", "votes_against", "abstentions"):
                if data.get(name) is not None:
                    self.add_error(name, "Des voix ne se comptent que pour un vote.")
        if method == DecisionMethod.DELIBERATION and not data.get("deliberation_number"):
            self.add_error("deliberation_number", "Une délibération porte son numéro.")
        if method != DecisionMethod.DELIBERATION and data.get("deliberation_number"):
            self.add_error("deliberation_number", "Un numéro ne vaut que pour une délibération.")
        return data
