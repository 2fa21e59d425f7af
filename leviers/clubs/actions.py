"""Writes of the clubs, each atomic; a refusal raises `Refused` with a French message and
changes nothing.

Registrations race for the last place: each registration, cancellation or change of capacity
locks the meeting's row first (`select_for_update`; SQLite's IMMEDIATE transactions serialise
writers the same way), then counts. Cancelling a place gives it to the first person waiting.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from leviers.clubs import attachments
from leviers.clubs.mentions import meeting_label
from leviers.clubs.models import (
    Attachment,
    CatalogueLink,
    Club,
    ClubContact,
    ClubMeeting,
    ClubMember,
    Registration,
    Report,
    Sequence,
    Subscription,
)
from leviers.core.locking import claim_version

Status = Registration.Status


class Refused(Exception):
    """A write refused, with the French sentence to show."""


# --- Members --------------------------------------------------------------------------------


def member_add(club: Club, organisation, joined_on=None) -> ClubMember:
    if club.memberships.filter(organisation=organisation).exists():
        raise Refused(f"« {organisation} » est déjà membre du club.")
    member = ClubMember(club=club, organisation=organisation)
    if joined_on:
        member.joined_on = joined_on
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise Refused(f"« {organisation} » est déjà membre du club.") from None
    return member


def member_remove(member: ClubMember) -> None:
    member.delete()


def contact_add(member: ClubMember, *, user=None, name: str = "", role: str = "") -> ClubContact:
    name, role = name.strip(), role.strip()
    if user is None and not name:
        raise Refused("Indiquez le nom du contact, ou son adresse s'il a un compte.")
    contact = ClubContact(member=member, user=user, name=name, role=role)
    contact.full_clean()
    contact.save()
    return contact


# --- Registrations --------------------------------------------------------------------------


def _locked(meeting: ClubMeeting) -> ClubMeeting:
    return ClubMeeting.objects.select_for_update().get(pk=meeting.pk)


def _taken(meeting: ClubMeeting) -> int:
    return meeting.registrations.filter(status=Status.REGISTERED).count()


@transaction.atomic
def register(meeting: ClubMeeting, user, *, today=None) -> Registration:
    """Register `user`: a place if one is left, else the waiting list."""
    meeting = _locked(meeting)
    if meeting.is_past(today):
        raise Refused("Cette rencontre est passée : les inscriptions sont closes.")
    if not meeting.registration_open:
        raise Refused("Les inscriptions à cette rencontre ne sont pas ouvertes.")
    registration = Registration.objects.filter(meeting=meeting, user=user).first()
    if registration and registration.status != Status.CANCELLED:
        raise Refused("Vous êtes déjà inscrit(e) à cette rencontre.")
    full = meeting.capacity is not None and _taken(meeting) >= meeting.capacity
    status = Status.WAITING if full else Status.REGISTERED
    if registration is None:
        registration = Registration(meeting=meeting, user=user)
    registration.status, registration.created_at = status, timezone.now()
    registration.reminded_at = None
    registration.save()
    return registration


@transaction.atomic
def cancel(registration: Registration) -> Registration | None:
    """Cancel; a place freed goes to the first person waiting, who is told by e-mail.
    Returns the registration promoted, if any."""
    meeting = _locked(registration.meeting)
    registration.refresh_from_db()
    if registration.status == Status.CANCELLED:
        raise Refused("Cette inscription est déjà annulée.")
    freed = registration.status == Status.REGISTERED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    return _promote(meeting) if freed else None


def _promote(meeting: ClubMeeting) -> Registration | None:
    if meeting.capacity is not None and _taken(meeting) >= meeting.capacity:
        return None
    first = (
        meeting.registrations.filter(status=Status.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Status.REGISTERED
    first.save(update_fields=["status"])
    meeting_club = meeting.club
    if first.user.email:
        body = render_to_string(
            "clubs/email/promoted.txt",
            {
                "user": first.user,
                "meeting": meeting,
                "label": meeting_label(meeting),
                "club": meeting_club,
                "url": settings.SITE_URL + meeting.get_absolute_url(),
            },
        )
        subject = f"Une place s'est libérée : {meeting_label(meeting)}"
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [first.user.email], fail_silently=False)
        )
    return first


def _capacity_refusal(capacity: int | None, taken: int) -> str | None:
    """Lowering the capacity under the places already given is refused (decision 35): a
    confirmed place is never taken back by a form; the facilitator talks to the people first."""
    if capacity is None or capacity >= taken:
        return None
    return (
        f"Places : {taken} personnes sont déjà inscrites, le nombre de places ne peut pas "
        f"descendre à {capacity}. Indiquez au moins {taken}, ou demandez d'abord à des "
        "inscrits de se désinscrire."
    )


@transaction.atomic
def capacity_change(meeting: ClubMeeting, capacity: int | None) -> list[Registration]:
    """A new capacity; the places it opens go to the people waiting, in order. Refused under
    the places already taken."""
    meeting = _locked(meeting)
    if refusal := _capacity_refusal(capacity, _taken(meeting)):
        raise Refused(refusal)
    meeting.capacity = capacity
    meeting.save(update_fields=["capacity"])
    promoted = []
    while (registration := _promote(meeting)) is not None:
        promoted.append(registration)
    return promoted


def attendance_set(meeting: ClubMeeting, present_ids: set[int]) -> int:
    """Tick who came among the registered people (the others: absent). Returns how many came."""
    registered = meeting.registrations.filter(status=Status.REGISTERED)
    with transaction.atomic():
        registered.filter(pk__in=present_ids).update(attended=True)
        registered.exclude(pk__in=present_ids).update(attended=False)
    return registered.filter(attended=True).count()


# --- Meetings and their programme, edited on the site ----------------------------------------


@transaction.atomic
def meeting_save(form, club: Club) -> tuple[ClubMeeting, list[Registration]]:
    """Create or edit a meeting (a ModelForm of ClubMeeting). Editing claims the version read
    (StaleVersion when someone saved since) and locks the row, so that the capacity is checked
    against the places taken at that moment; places it opens go to the people waiting.
    Raises Refused (nothing written) when the capacity falls under the places taken."""
    meeting = form.instance
    promoted: list[Registration] = []
    if meeting.pk is None:
        meeting.club = club
        meeting = form.save()
        return meeting, promoted
    claim_version(meeting, form.cleaned_data["version"])  # also locks the row until commit
    if refusal := _capacity_refusal(meeting.capacity, _taken(meeting)):
        raise Refused(refusal)
    meeting = form.save()
    while (registration := _promote(meeting)) is not None:
        promoted.append(registration)
    return meeting, promoted


@transaction.atomic
def sequence_save(form, speakers, meeting: ClubMeeting) -> Sequence:
    """A sequence (SequenceForm), its speakers (SpeakerFormSet, in the order of the page) and
    its catalogue links (form.cleaned_data["links"]: (kind, slug) pairs), written together."""
    sequence = form.instance
    if sequence.pk is None:
        sequence.meeting = meeting
        last = meeting.sequences.order_by("-position").values_list("position", flat=True).first()
        sequence.position = (last or 0) + 1
    else:
        claim_version(sequence, form.cleaned_data["version"])
    sequence = form.save()
    speakers.instance = sequence
    kept = [f for f in speakers.forms if f.has_changed() or f.instance.pk]
    position = 0
    for speaker_form in kept:
        if speaker_form in speakers.deleted_forms:
            if speaker_form.instance.pk:
                speaker_form.instance.delete()
            continue
        if not speaker_form.cleaned_data.get("name"):
            continue
        position += 1
        speaker = speaker_form.save(commit=False)
        speaker.sequence, speaker.position = sequence, position
        speaker.user = speaker_form.cleaned_data.get("user")
        speaker.save()
    wanted = set(form.cleaned_data.get("links", []))
    current = {(link.kind, link.slug): link for link in sequence.links.all()}
    for pair, link in current.items():
        if pair not in wanted:
            link.delete()
    CatalogueLink.objects.bulk_create(
        [CatalogueLink(sequence=sequence, kind=k, slug=s) for k, s in wanted - set(current)]
    )
    return sequence


@transaction.atomic
def sequence_move(sequence: Sequence, step: int) -> None:
    """Move a sequence one place up (-1) or down (+1) in its programme."""
    _locked(sequence.meeting)
    order = list(sequence.meeting.sequences.order_by("position", "start_time", "pk"))
    index = next(i for i, s in enumerate(order) if s.pk == sequence.pk)
    target = index + step
    if not 0 <= target < len(order):
        return
    order[index], order[target] = order[target], order[index]
    for position, item in enumerate(order, start=1):
        if item.position != position:
            Sequence.objects.filter(pk=item.pk).update(position=position)


def sequence_remove(sequence: Sequence) -> None:
    """Its speakers and links go with it; its documents stay, as documents of the whole day."""
    sequence.delete()


@transaction.atomic
def report_save(form, meeting: ClubMeeting) -> Report:
    """Create or edit the report « Retour sur » (a draft until published)."""
    report = form.instance
    if report.pk is None:
        report.meeting = meeting
    else:
        claim_version(report, form.cleaned_data["version"])
    return form.save()


def attachment_remove(attachment: Attachment) -> None:
    """The row now; the file when the transaction commits (models.py: delete_file)."""
    attachment.delete()


# --- Reports --------------------------------------------------------------------------------


def report_publish(report: Report) -> None:
    if not report.is_published:
        report.is_published, report.published_at = True, timezone.now()
        report.save(update_fields=["is_published", "published_at", "updated_at"])


def attachment_add(report: Report, *, title: str, upload, sequence=None, by=None) -> Attachment:
    """Check the file by its content and size (attachments.py), then store it under a random
    name. Raises Refused with the reason."""
    max_bytes = settings.CLUB_ATTACHMENT_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise Refused(
            f"« {upload.name} » pèse {attachments.human_size(size)} : "
            f"{attachments.human_size(max_bytes)} au plus."
        )
    data = upload.read(max_bytes + 1)
    try:
        kind = attachments.check(data, max_bytes=max_bytes)
    except attachments.RefusedFile as error:
        raise Refused(f"« {upload.name} » : {error}") from None
    if sequence is not None and sequence.meeting_id != report.meeting_id:
        raise Refused("Cette séquence n'est pas de cette rencontre.")
    attachment = Attachment(
        report=report,
        sequence=sequence,
        title=title.strip() or upload.name,
        filename=upload.name[-200:],
        extension=kind.extension,
        content_type=kind.content_type,
        size=len(data),
        uploaded_by=by,
    )
    with transaction.atomic():
        attachment.file.save(f"document.{kind.extension}", ContentFile(data), save=False)
        attachment.save()
    return attachment


# --- The letter -----------------------------------------------------------------------------


def subscribe(club: Club, user) -> bool:
    """Opt in (a signed-in person: their address is already verified). True if new."""
    _, created = Subscription.objects.get_or_create(club=club, user=user)
    return created


def unsubscribe(club: Club, user) -> bool:
    deleted, _ = Subscription.objects.filter(club=club, user=user).delete()
    return bool(deleted)
