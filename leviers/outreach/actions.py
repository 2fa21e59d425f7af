"""The journal's writes: each one a function, in one transaction, that keeps `last_activity_at`
(the clock of anonymisation) and refuses to write about a person who withdrew their consent or
whose record was anonymised (`RecordClosed`)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from leviers.core.http import sent_fields
from leviers.outreach.models import (
    AccessLog,
    Consent,
    Orientation,
    OrientationChange,
    Person,
    Right,
    Visit,
)
from leviers.outreach.themes import theme_label


class RecordClosed(Exception):
    """The person withdrew their consent, or the record was anonymised: nothing more is
    recorded."""


def _open(person: Person) -> None:
    if not person.is_open:
        raise RecordClosed


class ScopeRefused(Exception):
    """The person's consent does not cover this processing (Consent.Scope): nothing written.
    Its message says which, in French, for the page."""

    def __init__(self, scope: str):
        self.scope = scope
        super().__init__(scope_refusal(scope))


def scope_refusal(scope: str) -> str:
    label = dict(Consent.Scope.choices)[scope]
    return (
        f"L'accord de la personne ne couvre pas cela : « {label} » n'a pas été accepté. "
        "Si elle l'accepte maintenant, notez son nouvel accord (« Modifier son accord »), "
        "puis recommencez."
    )


def require_scope(person: Person, scope: str) -> None:
    if scope not in person.consented_scopes():
        raise ScopeRefused(scope)


# --- One sending, one record ---------------------------------------------------------------
# keep-form.js sends a form again when the answer was lost on a poor connection: the server
# may have written already. Each create form carries the page's token (core.http.PAGE_TOKEN);
# the public id of what it creates is drawn from it and from everything sent, so the same
# sending twice finds the first record instead of making a second (as participation's
# contributions typed by the team and journey's roadmaps do).


def request_key(scope: str, user, form) -> str:
    """The public id one sending of a create form makes, within `scope` (the team's or the
    person's public id); empty without the page's token (then each sending writes)."""
    fields = sent_fields(form)
    if fields is None:
        return ""
    message = json.dumps([scope, user.pk, fields])
    digest = salted_hmac("leviers.outreach.create", message, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:9]).decode()


def _insert_once(instance: models.Model, key: str, **within) -> tuple[models.Model, bool]:
    """Save `instance` under the public id `key`, or find the one a first sending saved
    (even at the same time: the unique public id decides). (record, created)."""
    queryset = type(instance).objects.filter(**within)
    if key and (first := queryset.filter(public_id=key).first()):
        return first, False
    if key:
        instance.public_id = key
    instance.full_clean(exclude=["public_id"])
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        if key and (first := queryset.filter(public_id=key).first()):
            return first, False
        raise
    return instance, True


@transaction.atomic
def person_create(person: Person, scopes: list[str], *, by, key: str = "") -> Person:
    """A new person, with the oral consent that allows noting anything about them. With a
    `key` (request_key), the same sending twice makes one person. A relative is kept only
    with the scope « proche »."""
    if person.names_a_relative() and Consent.Scope.RELATIVE not in scopes:
        raise ScopeRefused(Consent.Scope.RELATIVE)
    person, created = _insert_once(person, key, organisation_id=person.organisation_id)
    if created:
        Consent.objects.create(person=person, scopes=scopes, recorded_by=by)
    return person


@transaction.atomic
def person_update(person: Person, *, by) -> Person:
    _open(person)
    if person.names_a_relative():
        require_scope(person, Consent.Scope.RELATIVE)
    person.last_activity_at = timezone.now()
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def consent_record(person: Person, scopes: list[str], *, by) -> tuple[Consent, bool]:
    """Note the person's consent: (the consent in force, whether it is new). The same boxes as
    the consent in force change nothing (a double tap, or keep-form.js sending again after a
    lost answer, makes no second row); other boxes make a new consent, which replaces the
    previous one. A person who withdrew may agree again: the record then reopens, without what
    was wiped at the withdrawal."""
    if person.anonymised_at:
        raise RecordClosed
    # One at a time per person, read again once locked: two sendings of the same form must
    # not both find the consent missing (or the record still closed).
    locked = Person.objects.select_for_update().only("withdrawn_at").get(pk=person.pk)
    current = person.consents.filter(withdrawn_at__isnull=True).first()
    if locked.withdrawn_at is None and current and set(current.scopes) == set(scopes):
        return current, False
    consent = Consent.objects.create(person=person, scopes=scopes, recorded_by=by)
    person.withdrawn_at = None
    person.last_activity_at = timezone.now()
    fields = ["withdrawn_at", "last_activity_at"]
    if Consent.Scope.RELATIVE not in scopes and person.names_a_relative():
        # No more agreement to keep the relative: their details go now.
        person.referent_name = person.referent_phone = ""
        if person.preferred_contact == Person.Contact.RELATIVE:
            person.preferred_contact = Person.Contact.VISIT
        fields += ["referent_name", "referent_phone", "preferred_contact"]
    person.save(update_fields=fields)
    person.__dict__.pop("_scopes", None)
    return consent, True


@transaction.atomic
def consent_withdraw(person: Person, *, by) -> None:
    """The person withdraws their consent: processing stops. What stays is the legal minimum
    (docs/registre-des-traitements.md): the label, commune and year of birth that let the team
    know not to write again, the trace of the consent and of its withdrawal, and the counts the
    statistics need. Contact details, the relative and every free text are wiped now."""
    _open(person)
    now = timezone.now()
    person.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now, withdrawn_by=by)
    _wipe_free_texts(person)
    person.phone = person.referent_name = person.referent_phone = ""
    # Neither how she lives nor how to reach her is part of the legal minimum.
    person.lives_alone = None
    person.preferred_contact = Person.Contact.VISIT
    person.withdrawn_at = person.last_activity_at = now
    person.save(
        update_fields=[
            "phone",
            "referent_name",
            "referent_phone",
            "lives_alone",
            "preferred_contact",
            "withdrawn_at",
            "last_activity_at",
        ]
    )


@transaction.atomic
def visit_add(visit: Visit, *, by, key: str = "") -> Visit:
    _open(visit.person)
    require_scope(visit.person, Consent.Scope.JOURNAL)
    visit.worker = by
    visit, created = _insert_once(visit, key, person=visit.person)
    if created:
        visit.person.touch()
    return visit


@transaction.atomic
def orientation_add(orientation: Orientation, *, by, key: str = "") -> Orientation:
    _open(orientation.person)
    require_scope(orientation.person, Consent.Scope.ORIENTATION)
    orientation.created_by = by
    orientation, created = _insert_once(orientation, key, person=orientation.person)
    if created:
        OrientationChange.objects.create(orientation=orientation, status=orientation.status, by=by)
        orientation.person.touch()
    return orientation


@transaction.atomic
def orientation_set_status(orientation: Orientation, status: str, follow_up_on, *, by) -> None:
    _open(orientation.person)
    require_scope(orientation.person, Consent.Scope.ORIENTATION)
    changed = status != orientation.status
    orientation.status, orientation.follow_up_on = status, follow_up_on
    orientation.save(update_fields=["status", "follow_up_on"])
    if changed:
        OrientationChange.objects.create(orientation=orientation, status=status, by=by)
    orientation.person.touch()


@transaction.atomic
def right_add(right: Right, *, by, key: str = "") -> Right:
    _open(right.person)
    require_scope(right.person, Consent.Scope.RIGHTS)
    right, created = _insert_once(right, key, person=right.person)
    if created:
        right.person.touch()
    return right


@transaction.atomic
def right_set_status(right: Right, status: str, amount: Decimal | None, on, *, by) -> None:
    _open(right.person)
    require_scope(right.person, Consent.Scope.RIGHTS)
    right.status = status
    if amount is not None:
        right.monthly_amount = amount
    if status == Right.Status.REQUESTED:
        right.requested_on = on
    elif status in (Right.Status.OBTAINED, Right.Status.REFUSED):
        right.decided_on = on
    right.save(update_fields=["status", "monthly_amount", "requested_on", "decided_on"])
    right.person.touch()


def log_access(person: Person, user, action: str = AccessLog.Action.READ) -> None:
    AccessLog.objects.create(
        organisation_id=person.organisation_id, person=person, user=user, action=action
    )


# --- Retention: anonymisation, export, deletion ---------------------------------------------


def _wipe_free_texts(person: Person) -> None:
    person.visits.update(needs="")
    # A service named freely (not one of the directory) may name a private person (a
    # neighbour who helps): a free text like the others.
    person.orientations.update(service_label="")
    person.rights.filter(kind=Right.Kind.OTHER).update(other_label="droit non précisé")


ANONYMOUS_LABEL = "Personne anonymisée"


@transaction.atomic
def person_anonymise(person: Person) -> None:
    """Keep only what the statistics need: the commune, the decade of birth, the dates, themes
    and statuses of visits, orientations and rights, and their amounts. Label, year of birth,
    living alone, contact details, relative, every free text and the workers' names go; the
    access log loses who read the record (its dates stay)."""
    _wipe_free_texts(person)
    person.visits.update(worker=None)
    person.orientations.update(created_by=None)
    OrientationChange.objects.filter(orientation__person=person).update(by=None)
    person.consents.update(recorded_by=None, withdrawn_by=None)
    person.access_log.update(user=None)
    person.label = ANONYMOUS_LABEL
    if person.birth_year:
        person.birth_year = person.birth_year // 10 * 10
    person.lives_alone = None
    person.phone = person.referent_name = person.referent_phone = ""
    person.preferred_contact = Person.Contact.VISIT
    person.anonymised_at = timezone.now()
    person.save()


def anonymise_inactive(now, months: int) -> int:
    """Anonymise every record with no activity for `months` months (30 days each); the count."""
    limit = now - timedelta(days=30 * months)
    count = 0
    for person in Person.objects.inactive_since(limit).iterator():
        person_anonymise(person)
        count += 1
    return count


def person_export(person: Person, *, by) -> dict:
    """Everything recorded about one person (their right of access), as JSON-ready data."""
    log_access(person, by, AccessLog.Action.EXPORT)
    consent_rows = person.consents.all()
    return {
        "personne": {
            "identifiant": person.public_id,
            "initiales_ou_pseudonyme": person.label,
            "annee_de_naissance": person.birth_year,
            "commune": person.commune.name,
            "vit_seule": person.lives_alone,
            "comment_la_joindre": person.get_preferred_contact_display(),
            "telephone": person.phone,
            "proche": person.referent_name,
            "telephone_du_proche": person.referent_phone,
            "suivie_depuis": person.created_at.isoformat(),
            "derniere_activite": person.last_activity_at.isoformat(),
        },
        "consentements": [
            {
                "donne_le": c.recorded_at.isoformat(),
                "a_l_oral": c.oral,
                "accepte": c.scope_labels(),
                "retire_le": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in consent_rows
        ],
        "visites": [
            {"le": v.visited_on.isoformat(), "situation": v.theme_labels(), "besoins": v.needs}
            for v in person.visits.all()
        ],
        "orientations": [
            {
                "service": o.service_name,
                "pour": theme_label(o.theme) if o.theme else None,
                "etat": o.get_status_display(),
                "proposee_le": o.created_on.isoformat(),
                "a_relancer_le": o.follow_up_on.isoformat() if o.follow_up_on else None,
                "historique": [
                    {"etat": c.get_status_display(), "le": c.changed_at.isoformat()}
                    for c in o.changes.all()
                ],
            }
            for o in person.orientations.select_related("service").prefetch_related("changes")
        ],
        "droits": [
            {
                "droit": str(r),
                "etat": r.get_status_display(),
                "montant_mensuel": str(r.monthly_amount) if r.monthly_amount is not None else None,
                "identifie_le": r.identified_on.isoformat(),
                "demande_le": r.requested_on.isoformat() if r.requested_on else None,
                "decision_le": r.decided_on.isoformat() if r.decided_on else None,
            }
            for r in person.rights.all()
        ],
        "acces_a_la_fiche": [
            {"le": a.at.isoformat(), "action": a.get_action_display()}
            for a in person.access_log.all()
        ],
    }


@transaction.atomic
def person_delete(person: Person, *, by) -> None:
    """Erase one person's data at their request. The access log keeps, without the person,
    that the record was deleted, by whom and when."""
    AccessLog.objects.create(
        organisation_id=person.organisation_id, user=by, action=AccessLog.Action.DELETE
    )
    person.delete()
