"""Optimistic locking: two people editing one record at once lose nothing.

A record carries a `version` (a positive integer). Its form carries, hidden, the version it was
read at (`VersionField`); saving first moves the row from that version to the next one in one
conditional UPDATE (`claim_version`, inside the write's transaction). When someone saved in
between, nothing is written and `StaleVersion` carries the record as it is now: the page shows
what was saved (`core/_conflict.html`, `saved_values`) and keeps what the second person typed,
with the new version, so that their next save goes on top.

    with transaction.atomic():
        claim_version(meeting, form.cleaned_data["version"])
        form.save()
"""

from __future__ import annotations

from django import forms
from django.db.models import F


class StaleVersion(Exception):
    """Someone saved the record since it was read; `current` is the record as it is now."""

    def __init__(self, current):
        super().__init__("Enregistré entre-temps par quelqu'un d'autre.")
        self.current = current


class VersionField(forms.IntegerField):
    """The version the form was read at (hidden)."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, min_value=1, **kwargs)


def claim_version(instance, version: int) -> None:
    """Move `instance`'s row from `version` to the next one, or raise StaleVersion. Call it
    inside the transaction that writes the rest: the row stays locked until it ends."""
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise StaleVersion(model.objects.get(pk=instance.pk))
    instance.version = version + 1  # (a later instance.save() writes it as it is)


def saved_values(form, current) -> list[tuple[str, str]]:
    """(label, value as saved now) of each visible field of a model form, for the page that
    tells the second person what the first one saved."""
    values = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or not hasattr(current, name):
            continue
        value = current.__dict__.get(name, getattr(current, name, None))
        if display := getattr(current, f"get_{name}_display", None):
            value = display()
        elif hasattr(value, "all"):  # many to many
            value = ", ".join(str(item) for item in value.all())
        elif name in {f.name for f in current._meta.fields if f.is_relation}:
            value = getattr(current, name)
        if value in (None, "", [], ()):
            value = "(vide)"
        elif isinstance(value, bool):
            value = "oui" if value else "non"
        values.append((str(field.label), str(value)))
    return values


class VersionedFormMixin:
    """A model form of a versioned record: when it edits one, the hidden version it was read
    at (templates render `form.hidden_fields`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"] = VersionField()
            if not self.is_bound:
                self.initial["version"] = self.instance.version


def retry_data(data, current):
    """What the second person sent, at the version saved now: their next save goes on top."""
    data = data.copy()
    data["version"] = str(current.version)
    return data
