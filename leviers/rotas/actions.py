"""Writes of the rotas, each atomic; a refusal raises `Refused` with a French message and
changes nothing.

The races that matter are settled by the database, the same way on SQLite and PostgreSQL:
taking a free slot and taking the last place are conditional UPDATEs (`WHERE organisation IS
NULL`, `WHERE taken < capacity`) whose row count says who won; a swap locks its row and checks
that both slots are still held as proposed.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from leviers.accounts.models import Organisation
from leviers.rotas import licences
from leviers.rotas.models import FeedToken, Series, SignUp, Slot, Swap, Volunteer
from leviers.workspace import activity


class Refused(Exception):
    """A write refused, with the French sentence to show."""


# --- Series ---------------------------------------------------------------------------------


@transaction.atomic
def series_create(series: Series, invited=(), *, actor=None) -> Series:
    """Save a new `series` (validated by its form) and write its slots."""
    problems = series.rule.problems()
    if problems:
        raise Refused(" ".join(problems))
    series.save()
    series.invited.set(invited)
    capacity = 0 if series.is_associations else series.capacity
    Slot.objects.bulk_create(
        Slot(
            series=series,
            starts_at=start,
            ends_at=end,
            needs_licence=series.needs_licence,
            capacity=capacity,
        )
        for start, end in series.rule.occurrences()
    )
    activity.record(
        series.project,
        "project",
        f"Nouvelle série de créneaux : {series.title} ({series.describe()})",
        series.get_absolute_url(),
        actor=actor,
    )
    return series


SERIES_EDITABLE = ("title", "place", "description", "is_public")


@transaction.atomic
def series_edit(series: Series, *, actor=None) -> None:
    """Save the words of `series` (validated by its form); its rule and slots stay as they are."""
    series.save(update_fields=[*SERIES_EDITABLE, "updated_at"])
    activity.record(
        series.project,
        "project",
        f"Série de créneaux modifiée : {series.title}",
        series.get_absolute_url(),
        actor=actor,
    )


@transaction.atomic
def slot_cancel(slot: Slot, *, actor=None) -> None:
    if not Slot.objects.filter(pk=slot.pk, is_cancelled=False).update(is_cancelled=True):
        return  # already cancelled: nothing happened, nothing to record
    slot.is_cancelled = True
    _record(slot, f"le créneau du {_when(slot)} est annulé", actor)


# --- Associations holding slots -------------------------------------------------------------


def _licence_warning(slot, **holder) -> str:
    verdict = licences.verdict_for(slot, **holder)
    if verdict is None:
        return ""
    if verdict.refused:
        raise Refused(verdict.refusal)
    return verdict.warning


def _lock_holder(organisation):
    """Serialise the licence counts of one association (two slots taken at once)."""
    if organisation is not None:
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


@transaction.atomic
def slot_take(slot: Slot, organisation, *, actor=None) -> str:
    """`organisation` takes the free `slot`. Returns a licence warning or ''."""
    if slot.is_cancelled:
        raise Refused("Ce créneau est annulé.")
    _lock_holder(organisation)
    warning = _licence_warning(slot, organisation=organisation)
    won = Slot.objects.filter(
        pk=slot.pk, organisation__isnull=True, holder_name="", is_cancelled=False
    ).update(organisation=organisation)
    if not won:
        raise Refused("Ce créneau vient d'être pris par une autre association.")
    slot.organisation = organisation
    _record(slot, f"{organisation.name} tiendra le créneau du {_when(slot)}", actor)
    return warning


@transaction.atomic
def slot_give(slot: Slot, *, organisation=None, name: str = "", actor=None) -> str:
    """The team gives `slot` to an association (with an account, or only a name)."""
    name = name.strip()
    if (organisation is None) == (not name):
        raise Refused("Choisissez une association inscrite ou écrivez le nom d'une autre.")
    if slot.is_cancelled:
        raise Refused("Ce créneau est annulé.")
    _lock_holder(organisation)
    warning = _licence_warning(slot, organisation=organisation, name=name)
    Slot.objects.filter(pk=slot.pk).update(organisation=organisation, holder_name=name)
    slot.organisation, slot.holder_name = organisation, name
    _record(slot, f"{slot.holder} tiendra le créneau du {_when(slot)}", actor)
    return warning


@transaction.atomic
def slot_release(slot: Slot, *, actor=None) -> None:
    if slot.is_free:
        raise Refused("Ce créneau n'est tenu par aucune association.")
    holder = slot.holder
    Slot.objects.filter(pk=slot.pk).update(organisation=None, holder_name="")
    slot.organisation, slot.holder_name = None, ""
    _record(slot, f"{holder} libère le créneau du {_when(slot)}", actor)


# --- Swaps ----------------------------------------------------------------------------------


@transaction.atomic
def swap_propose(offered: Slot, wanted: Slot, *, volunteer=None, actor=None) -> Swap:
    """Propose to exchange `offered` (held by the proposer) for `wanted`. For a volunteers'
    series, `volunteer` is the proposer, signed up on `offered`; the one asked is the first
    volunteer of `wanted` who is not on `offered`."""
    if offered.series_id != wanted.series_id or offered.pk == wanted.pk:
        raise Refused("Un échange se fait entre deux créneaux différents de la même série.")
    if offered.is_cancelled or wanted.is_cancelled:
        raise Refused("Un des deux créneaux est annulé.")
    swap = Swap(offered=offered, wanted=wanted, proposed_by=actor)
    if offered.series.is_associations:
        if not offered.organisation_id or not wanted.organisation_id:
            raise Refused(
                "Un échange se propose entre deux associations inscrites sur Leviers qui tiennent "
                "chacune un créneau ; sinon, l'équipe du projet réattribue les créneaux."
            )
        if offered.organisation_id == wanted.organisation_id:
            raise Refused("Les deux créneaux sont tenus par la même association.")
        swap.from_organisation_id = offered.organisation_id
        swap.to_organisation_id = wanted.organisation_id
    else:
        if volunteer is None or not offered.signups.filter(volunteer=volunteer).exists():
            raise Refused("Vous n'êtes pas inscrit sur le créneau que vous proposez d'échanger.")
        asked = (
            wanted.signups.exclude(volunteer__in=offered.signups.values("volunteer"))
            .exclude(volunteer__user__isnull=True)
            .select_related("volunteer")
            .first()
        )
        if asked is None:
            raise Refused(
                "Personne ne peut échanger ce créneau avec vous (aucun bénévole avec un compte "
                "n'y est inscrit sans l'être déjà sur le vôtre)."
            )
        swap.from_volunteer, swap.to_volunteer = volunteer, asked.volunteer
    swap.save()
    return swap


@transaction.atomic
def swap_withdraw(swap: Swap, *, actor=None) -> None:
    """The proposer takes back a swap nobody has answered yet."""
    withdrawn = Swap.objects.filter(pk=swap.pk, status=Swap.Status.PROPOSED).update(
        status=Swap.Status.WITHDRAWN, answered_by=actor, answered_at=timezone.now()
    )
    if not withdrawn:
        raise Refused("Cet échange a déjà reçu une réponse : il ne peut plus être retiré.")
    swap.status = Swap.Status.WITHDRAWN


STALE = "Un des deux créneaux a changé de main depuis la proposition : l'échange est caduc."


def swap_answer(swap: Swap, *, accept: bool, actor=None) -> str:
    """Accept (both slots change hands at once) or refuse. Returns a licence warning or ''.
    A swap whose slots changed hands since it was proposed becomes stale (kept so) and is
    refused."""
    warning = _swap_answer(swap, accept=accept, actor=actor)
    if warning is None:
        raise Refused(STALE)
    return warning


@transaction.atomic
def _swap_answer(swap: Swap, *, accept: bool, actor=None) -> str | None:
    swap = Swap.objects.select_for_update().get(pk=swap.pk)
    if swap.status != Swap.Status.PROPOSED:
        raise Refused("Cet échange a déjà reçu une réponse.")
    now = timezone.now()
    if not accept:
        Swap.objects.filter(pk=swap.pk).update(
            status=Swap.Status.REFUSED, answered_by=actor, answered_at=now
        )
        return ""
    slots = {
        s.pk: s
        for s in Slot.objects.select_for_update(of=("self",))
        .select_related("series__project", "organisation")
        .filter(pk__in=[swap.offered_id, swap.wanted_id])
    }
    offered, wanted = slots[swap.offered_id], slots[swap.wanted_id]
    warnings = []
    if offered.series.is_associations:
        if (offered.organisation_id, wanted.organisation_id) != (
            swap.from_organisation_id,
            swap.to_organisation_id,
        ):
            return _stale(swap, actor, now)
        mine, theirs = offered.organisation, wanted.organisation
        for slot, holder, gives in ((wanted, mine, offered), (offered, theirs, wanted)):
            _lock_holder(holder)
            warnings.append(_swap_licence(slot, holder, gives))
        Slot.objects.filter(pk=offered.pk).update(organisation=theirs)
        Slot.objects.filter(pk=wanted.pk).update(organisation=mine)
        text = f"{mine.name} et {theirs.name} échangent les créneaux du {_when(offered)} et du "
        text += _when(wanted)
    else:
        moved = SignUp.objects.filter(slot=offered, volunteer=swap.from_volunteer)
        back = SignUp.objects.filter(slot=wanted, volunteer=swap.to_volunteer)
        already = (
            SignUp.objects.filter(slot=offered, volunteer=swap.to_volunteer).exists()
            or SignUp.objects.filter(slot=wanted, volunteer=swap.from_volunteer).exists()
        )
        if already or not moved.exists() or not back.exists():
            return _stale(swap, actor, now)
        moved.update(slot=wanted, seeks_replacement=False)
        back.update(slot=offered, seeks_replacement=False)
        text = f"Échange de permanences entre le {_when(offered)} et le {_when(wanted)}"
    Swap.objects.filter(pk=swap.pk).update(
        status=Swap.Status.ACCEPTED, answered_by=actor, answered_at=now
    )
    _record(offered, text, actor)
    return " ".join(w for w in warnings if w)


def _swap_licence(slot, holder, gives) -> str:
    verdict = licences.verdict_for(slot, organisation=holder, excluding=[gives.pk])
    if verdict is None:
        return ""
    if verdict.refused:
        raise Refused(verdict.refusal)
    return verdict.warning


def _stale(swap, actor, now) -> None:
    Swap.objects.filter(pk=swap.pk).update(
        status=Swap.Status.STALE, answered_by=actor, answered_at=now
    )


# --- Volunteers -----------------------------------------------------------------------------


def volunteer_for(project, user) -> Volunteer:
    """The volunteer record of `user` in `project` (made on their first sign-up)."""
    volunteer, _ = Volunteer.objects.get_or_create(
        project=project, user=user, defaults={"name": _display_name(user)}
    )
    return volunteer


def _display_name(user) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.email.split("@")[0] or "Bénévole"


def sign_up(slot: Slot, volunteer: Volunteer, *, actor=None) -> SignUp:
    """Put `volunteer` on `slot`. Two people taking the last place at once: the UPDATE of the
    one who comes second finds `taken = capacity` and changes no row, so they are refused."""
    if slot.is_cancelled:
        raise Refused("Ce créneau est annulé.")
    if slot.series.is_associations:
        raise Refused("Ce créneau est tenu par une association, qui trouve ses bénévoles.")
    try:
        with transaction.atomic():
            if SignUp.objects.filter(slot=slot, volunteer=volunteer).exists():
                raise Refused(f"{volunteer.name} est déjà inscrit(e) sur ce créneau.")
            won = Slot.objects.filter(
                pk=slot.pk, taken__lt=F("capacity"), is_cancelled=False
            ).update(taken=F("taken") + 1)
            if not won:
                raise Refused(
                    "Ce créneau est complet : la dernière place vient d'être prise. "
                    "Choisissez un autre créneau."
                )
            return SignUp.objects.create(slot=slot, volunteer=volunteer)
    except IntegrityError:
        raise Refused(f"{volunteer.name} est déjà inscrit(e) sur ce créneau.") from None


@transaction.atomic
def withdraw(signup: SignUp, *, actor=None) -> None:
    deleted, _ = SignUp.objects.filter(pk=signup.pk).delete()
    if deleted:
        Slot.objects.filter(pk=signup.slot_id).update(taken=F("taken") - 1)


@transaction.atomic
def replacement_ask(signup: SignUp, *, actor=None) -> None:
    SignUp.objects.filter(pk=signup.pk).update(seeks_replacement=True)
    _record(
        signup.slot,
        f"Un ou une bénévole cherche un remplaçant pour le {_when(signup.slot)}",
        actor,
    )


@transaction.atomic
def replacement_take(signup: SignUp, volunteer: Volunteer, *, actor=None) -> None:
    """`volunteer` takes the place of `signup`'s volunteer, who asked to be replaced."""
    if SignUp.objects.filter(slot_id=signup.slot_id, volunteer=volunteer).exists():
        raise Refused("Vous êtes déjà inscrit(e) sur ce créneau.")
    won = SignUp.objects.filter(
        pk=signup.pk, seeks_replacement=True, volunteer_id=signup.volunteer_id
    ).update(volunteer=volunteer, seeks_replacement=False, no_show=False)
    if not won:
        raise Refused("Cette place a déjà été reprise par quelqu'un d'autre.")


@transaction.atomic
def no_show_mark(signup: SignUp, absent: bool, *, actor=None) -> None:
    SignUp.objects.filter(pk=signup.pk).update(no_show=absent)


# --- Calendars ------------------------------------------------------------------------------


def feed_create(project, user, scope: str, organisation=None) -> str:
    """Make a secret calendar address; returns the token, shown once (only its hash is kept)."""
    token = secrets.token_urlsafe(24)
    FeedToken.objects.create(
        project=project,
        user=user,
        scope=scope,
        organisation=organisation,
        token_hash=FeedToken.hash(token),
    )
    return token


def feed_revoke(feed: FeedToken) -> None:
    FeedToken.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- Helpers --------------------------------------------------------------------------------


def _when(slot) -> str:
    start = slot.local_start
    return f"{start:%d/%m/%Y} à {start.hour} h {start.minute:02d}"


def _record(slot, text: str, actor) -> None:
    series = slot.series
    activity.record(
        series.project, "project", f"{series.title} : {text}", slot.get_absolute_url(), actor=actor
    )
