"""Writes of participation that touch several records, each in one transaction."""

from __future__ import annotations

import base64
import json

from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from leviers.core.http import sent_fields
from leviers.core.locking import claim_version
from leviers.participation.models import (
    Channel,
    Contribution,
    ContributionGroup,
    Proposal,
    Support,
    Tag,
)
from leviers.workspace import activity


def record_activity(project, kind: str, text: str, url: str, actor=None) -> None:
    """Tell the project's activity feed (notifications, digests) that something happened."""
    activity.record(project, kind, text, url, actor=actor)


def _publish_state(project, user) -> str:
    """Online contributions without an account wait for moderation; the others are published
    at once (and may be hidden afterwards)."""
    if user.is_authenticated:
        return Contribution.Status.PUBLISHED
    return Contribution.Status.PENDING


@transaction.atomic
def contribution_submit(project, form, user) -> Contribution:
    """An inhabitant's contribution, online."""
    contribution = form.save(commit=False)
    contribution.project = project
    contribution.channel = Channel.ONLINE
    contribution.author = user if user.is_authenticated else None
    contribution.collected_on = timezone.localdate()
    contribution.status = _publish_state(project, user)
    contribution.full_clean()
    contribution.save()
    record_activity(
        project,
        "contribution",
        f"Nouvelle contribution en ligne : {contribution.get_kind_display().lower()}",
        contribution.get_absolute_url(),
        actor=contribution.author,
    )
    return contribution


def contribution_request_key(project, user, form) -> str:
    """The public id of the contribution one sending of the entry form makes: drawn from the
    page's token, the project, the person and everything the form sends (the CSRF token aside),
    with SECRET_KEY. Sent twice (a double click, or nginx passing it to another server when the
    first died before answering), it is the same id; empty without a page token."""
    fields = sent_fields(form)
    if fields is None:
        return ""
    message = json.dumps([project.public_id, user.pk, fields])
    digest = salted_hmac("leviers.contribution.record", message, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:9]).decode()


@transaction.atomic
def contribution_record(project, form, user, request_key: str = "") -> Contribution:
    """A contribution typed by a member of the team for an inhabitant. With a request key
    (contribution_request_key), the same request sent again, even at the same time on another
    server, answers with the contribution the first one made."""
    if request_key and (first := project.contributions.filter(public_id=request_key).first()):
        return first
    contribution = form.save(commit=False)
    contribution.project = project
    contribution.recorded_by = user
    contribution.status = Contribution.Status.PUBLISHED
    if request_key:
        contribution.public_id = request_key
    contribution.full_clean(exclude=["public_id"])
    try:
        with transaction.atomic():
            contribution.save()
    except IntegrityError:
        if request_key and (first := project.contributions.filter(public_id=request_key).first()):
            return first
        raise
    record_activity(
        project,
        "contribution",
        f"Contribution saisie ({contribution.get_channel_display().lower()})",
        contribution.get_absolute_url(),
        actor=user,
    )
    return contribution


@transaction.atomic
def contribution_moderate(contribution, *, version, status, tag_names, group, new_group) -> None:
    """Publish or hide a contribution, set its tags and its group (a new one if titled), if
    nobody moderated it since `version` was read (else StaleVersion, core/locking.py)."""
    claim_version(contribution, version)
    project = contribution.project
    if new_group:
        group, _ = ContributionGroup.objects.get_or_create(project=project, title=new_group)
    tags = []
    for name in tag_names:
        tag, _ = Tag.objects.get_or_create(project=project, name=name)
        tags.append(tag)
    contribution.status = status
    contribution.group = group
    contribution.save(update_fields=["status", "group", "version"])
    contribution.tags.set(tags)


@transaction.atomic
def proposal_create(project, *, title, text, contributions, user) -> Proposal:
    proposal = Proposal(project=project, title=title, text=text, created_by=user)
    proposal.full_clean()
    proposal.save()
    proposal.contributions.set(contributions)
    record_activity(
        project, "proposal", f"Nouvelle proposition : {title}", proposal.get_absolute_url(), user
    )
    return proposal


def proposal_support(proposal, user) -> bool:
    """Add `user`'s support; False when they had already given it."""
    _, created = Support.objects.get_or_create(proposal=proposal, user=user)
    return created


def proposal_withdraw_support(proposal, user) -> None:
    Support.objects.filter(proposal=proposal, user=user).delete()


def contributors_to_tell(proposal) -> list[str]:
    """The addresses of the contributors concerned who may be written to: their account's
    e-mail, or the e-mail they left with their consent (a phone number is for the team)."""
    addresses: list[str] = []
    for contribution in proposal.contributions.select_related("author"):
        if contribution.author and contribution.author.email:
            address = contribution.author.email
        elif contribution.wants_contact and "@" in contribution.contact:
            address = contribution.contact.strip()
        else:
            continue
        if address not in addresses:
            addresses.append(address)
    return addresses


@transaction.atomic
def proposal_answer(proposal, *, status, answer, decision, user, url: str) -> int:
    """Publish the team's answer and write once to each contributor concerned; returns how many
    were written to. The mails leave after the transaction commits."""
    proposal.status = status
    proposal.answer = answer
    proposal.decision = decision
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "answer", "decision", "answered_at"])
    addresses = contributors_to_tell(proposal)
    project = proposal.project
    subject = f"{project.title} : réponse à « {proposal.title} »"
    body = (
        f"Bonjour,\n\nVous avez contribué au projet « {project.title} ». La proposition "
        f"« {proposal.title} », qui reprend votre contribution, a reçu une réponse "
        f"({proposal.get_status_display().lower()}) :\n\n{answer}\n\n"
        + (f"Décision : {decision.title}, {decision.how()}.\n\n" if decision else "")
        + f"La proposition et sa réponse : {url}\n"
    )
    messages = [(subject, body, None, [address]) for address in addresses]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    record_activity(
        project,
        "proposal",
        f"Réponse publiée : {proposal.title}",
        proposal.get_absolute_url(),
        user,
    )
    return len(addresses)
