"""Pages of the clubs: the public page, the members' area, a meeting (programme, registration,
iCalendar), the registrations and attendance, the report « Retour sur » and its documents,
the letter's subscription. Thin: every permission goes through the door (accounts/
permissions.py, `clubs.*`), every object is looked up within its club, every write is an
action (actions.py)."""

from __future__ import annotations

import datetime
from copy import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from leviers.catalogue.mentions import KINDS
from leviers.clubs import actions, feed, newsletter
from leviers.clubs.forms import (
    AttachmentForm,
    ContactForm,
    MeetingForm,
    MemberForm,
    ReportForm,
    SequenceForm,
    SpeakerFormSet,
)
from leviers.clubs.mentions import meeting_label
from leviers.clubs.models import (
    Attachment,
    CatalogueLink,
    Club,
    ClubMeeting,
    ClubMember,
    Registration,
    Report,
    Sequence,
    Speaker,
    Subscription,
)
from leviers.clubs.roster import roster
from leviers.core.http import SignInRequired
from leviers.core.locking import StaleVersion, retry_data, saved_values
from leviers.core.ratelimit import RateLimit

# Registering, cancelling: a flood gets a French message (only successes count).
REGISTRATIONS = RateLimit("club-registrations", limit=10, window=600)

FACILITATE, MEMBER_AREA = "clubs.facilitate_club", "clubs.view_member_area"
Status = Registration.Status


def require(request, permission: str, obj) -> None:
    """Allowed, or: anonymous → the sign-in page; signed in → 403."""
    if request.user.has_perm(permission, obj):
        return
    if not request.user.is_authenticated:
        raise SignInRequired
    raise PermissionDenied


def _club(request, slug: str, permission: str | None = None) -> Club:
    club = get_object_or_404(Club.objects.select_related("region", "department"), slug=slug)
    if permission:
        require(request, permission, club)
    return club


def _meeting(request, slug: str, meeting_id: str, permission: str | None = None):
    club = _club(request, slug)
    meeting = get_object_or_404(
        ClubMeeting.objects.select_related("host_commune"), club=club, public_id=meeting_id
    )
    meeting.club = club
    # A meeting not announced is not found, but by the club's facilitators.
    if not request.user.has_perm("clubs.view_meeting", meeting):
        raise Http404
    if permission:
        require(request, permission, meeting)
    return club, meeting


def _report(meeting) -> Report | None:
    try:
        report = meeting.report
    except ObjectDoesNotExist:
        return None
    report.meeting = meeting
    return report


def _programme(meeting):
    return list(
        meeting.sequences.prefetch_related(
            Prefetch("speakers", Speaker.objects.select_related("organisation")),
            Prefetch("links", CatalogueLink.objects.order_by("kind", "slug")),
        )
    )


def _catalogue_titles(sequences) -> dict[tuple[str, str], object]:
    """The catalogue entries the sequences link to, by (kind, slug): one query per kind used."""
    from leviers.catalogue.models import Experience, Lever, Scheme

    models = {"lever": Lever, "experience": Experience, "scheme": Scheme}
    wanted: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for sequence in sequences:
        for link in sequence.links.all():
            wanted[link.kind].add(link.slug)
    found = {}
    for kind, slugs in wanted.items():
        if slugs:
            for entry in models[kind].objects.filter(slug__in=slugs).only("slug", "name"):
                found[kind, entry.slug] = entry
    for sequence in sequences:
        sequence.entries = [
            (link.get_kind_display(), found[link.kind, link.slug])
            for link in sequence.links.all()
            if (link.kind, link.slug) in found
        ]
    return found


# --- Clubs ----------------------------------------------------------------------------------


def club_list(request):
    clubs = Club.objects.select_related("region", "department").annotate(
        member_count=Count("memberships", distinct=True)
    )
    return render(request, "clubs/list.html", {"clubs": clubs})


def club_detail(request, slug: str):
    club = _club(request, slug)
    today = timezone.localdate()
    meetings = ClubMeeting.objects.filter(club=club).select_related("host_commune")
    if not request.user.has_perm(FACILITATE, club):
        meetings = meetings.published()
    upcoming = list(meetings.upcoming(today))
    reports = list(
        Report.objects.filter(meeting__club=club, is_published=True)
        .select_related("meeting__host_commune")
        .order_by("-meeting__date")
    )
    for item in [*upcoming, *(r.meeting for r in reports)]:
        item.club = club
    subscribed = (
        request.user.is_authenticated
        and Subscription.objects.filter(club=club, user=request.user).exists()
    )
    context = {
        "club": club,
        "organisers": club.organisers.all(),
        "member_names": ClubMember.objects.filter(club=club)
        .order_by("organisation__name")
        .values_list("organisation__name", flat=True),
        "upcoming": upcoming,
        "reports": reports,
        "subscribed": subscribed,
        "facilitator": request.user.has_perm(FACILITATE, club),
        "member_area": request.user.has_perm(MEMBER_AREA, club),
    }
    return render(request, "clubs/club.html", context)


def club_feed(request, slug: str):
    club = _club(request, slug)
    since = timezone.localdate() - datetime.timedelta(days=feed.FEED_PAST_DAYS)
    meetings = club.meetings.published().filter(date__gte=since).select_related("host_commune")
    for meeting in meetings:
        meeting.club = club
    body = feed.calendar_of(
        f"Rencontres : {club.name}", meetings, site_url=settings.SITE_URL, now=timezone.now()
    )
    return _calendar(body, f"rencontres-{club.slug}.ics")


def _calendar(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- Members' area --------------------------------------------------------------------------


def members(request, slug: str):
    club = _club(request, slug, MEMBER_AREA)
    facilitator = request.user.has_perm(FACILITATE, club)
    context = {
        "club": club,
        "rows": roster(club),
        "facilitator": facilitator,
        "member_form": MemberForm(club=club) if facilitator else None,
        "members_url": reverse("clubs:members", args=[club.slug]),
    }
    return render(request, "clubs/members.html", context)


@require_POST
def member_add(request, slug: str):
    club = _club(request, slug, FACILITATE)
    form = MemberForm(request.POST, club=club)
    if form.is_valid():
        try:
            member = actions.member_add(
                club, form.cleaned_data["organisation"], form.cleaned_data["joined_on"]
            )
        except actions.Refused as refusal:
            messages.warning(request, str(refusal))
        else:
            messages.success(request, f"« {member.organisation} » est membre du club.")
    else:
        messages.warning(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("clubs:members", club.slug)


def _member(request, slug: str, organisation_id: str) -> ClubMember:
    club = _club(request, slug, FACILITATE)
    member = get_object_or_404(
        ClubMember.objects.select_related("organisation"),
        club=club,
        organisation__public_id=organisation_id,
    )
    member.club = club
    return member


@require_POST
def member_remove(request, slug: str, organisation_id: str):
    member = _member(request, slug, organisation_id)
    actions.member_remove(member)
    messages.success(request, f"« {member.organisation} » n'est plus membre du club.")
    return redirect("clubs:members", slug)


@require_http_methods(["GET", "POST"])
def contact_add(request, slug: str, organisation_id: str):
    member = _member(request, slug, organisation_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.contact_add(member, user=data["user"], name=data["name"], role=data["role"])
        except actions.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Contact ajouté pour « {member.organisation} ».")
            return redirect("clubs:members", slug)
    context = {
        "club": member.club,
        "member": member,
        "form": form,
        "contacts": list(member.contacts.select_related("user")),
    }
    return render(request, "clubs/contact_form.html", context, status=400 if form.errors else 200)


@require_POST
def contact_remove(request, slug: str, organisation_id: str, contact_id: str):
    member = _member(request, slug, organisation_id)
    contact = get_object_or_404(member.contacts, public_id=contact_id)
    contact.delete()
    messages.success(request, "Contact retiré.")
    return redirect("clubs:members", slug)


# --- Meetings -------------------------------------------------------------------------------


def meeting_detail(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id)
    sequences = _programme(meeting)
    _catalogue_titles(sequences)
    counts = meeting.registrations.aggregate(
        taken=Count("pk", filter=Q(status=Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    mine = None
    if request.user.is_authenticated:
        mine = meeting.registrations.filter(user=request.user).first()
    report = _report(meeting)
    context = {
        "club": club,
        "meeting": meeting,
        "label": meeting_label(meeting),
        "co_organisers": meeting.co_organisers.all(),
        "sequences": sequences,
        "taken": counts["taken"],
        "waiting": counts["waiting"],
        "left": None if meeting.capacity is None else max(0, meeting.capacity - counts["taken"]),
        "mine": mine,
        "past": meeting.is_past(),
        "report": report if report and request.user.has_perm("clubs.view_report", report) else None,
        "facilitator": request.user.has_perm(FACILITATE, club),
    }
    return render(request, "clubs/meeting.html", context)


def meeting_feed(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id)
    body = feed.calendar_of(
        meeting.title, [meeting], site_url=settings.SITE_URL, now=timezone.now()
    )
    return _calendar(body, f"rencontre-{meeting.public_id}.ics")


@require_POST
def register(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, "clubs.register")
    subject = f"user-{request.user.pk}"
    if REGISTRATIONS.exceeded(request, subject=subject):
        context = {"club": club, "meeting": meeting, "label": meeting_label(meeting)}
        return render(request, "clubs/too_many.html", context, status=429)
    try:
        registration = actions.register(meeting, request.user)
    except actions.Refused as refusal:
        messages.warning(request, str(refusal))
    else:
        REGISTRATIONS.hit(request, subject=subject)
        if registration.status == Status.REGISTERED:
            messages.success(request, "Vous êtes inscrit(e). Un rappel vous sera envoyé.")
        else:
            messages.success(
                request,
                "La rencontre est complète : vous êtes sur la liste d'attente. Si une place se "
                "libère, elle vous est donnée et vous recevez un courriel.",
            )
    return redirect(meeting.get_absolute_url())


@require_POST
def cancel(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, "clubs.register")
    registration = get_object_or_404(meeting.registrations, user=request.user)
    registration.meeting = meeting
    try:
        actions.cancel(registration)
    except actions.Refused as refusal:
        messages.warning(request, str(refusal))
    else:
        messages.success(request, "Votre inscription est annulée.")
    return redirect(meeting.get_absolute_url())


@require_http_methods(["GET", "POST"])
def registrations(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    if request.method == "POST":
        ticked = {value for value in request.POST.getlist("present") if value.isdigit()}
        came = actions.attendance_set(meeting, {int(value) for value in ticked})
        messages.success(request, f"Présences enregistrées : {came} personne(s).")
        return redirect("clubs:registrations", slug, meeting_id)
    people = list(
        meeting.registrations.exclude(status=Status.CANCELLED)
        .select_related("user")
        .prefetch_related("user__memberships__organisation")
        .order_by("status", "created_at", "pk")
    )
    context = {
        "club": club,
        "meeting": meeting,
        "label": meeting_label(meeting),
        "registered": [r for r in people if r.status == Status.REGISTERED],
        "waiting": [r for r in people if r.status == Status.WAITING],
    }
    return render(request, "clubs/registrations.html", context)


# --- The report « Retour sur » --------------------------------------------------------------


def _report_or_404(request, meeting) -> Report:
    report = _report(meeting)
    if report is None or not request.user.has_perm("clubs.view_report", report):
        raise Http404
    return report


def report_detail(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id)
    report = _report_or_404(request, meeting)
    sequences = _programme(meeting)
    _catalogue_titles(sequences)
    files = list(report.attachments.all())
    by_sequence: dict[int | None, list[Attachment]] = {}
    for attachment in files:
        by_sequence.setdefault(attachment.sequence_id, []).append(attachment)
    for sequence in sequences:
        sequence.files = by_sequence.get(sequence.pk, [])
    facilitator = request.user.has_perm(FACILITATE, club)
    context = {
        "club": club,
        "meeting": meeting,
        "label": meeting_label(meeting),
        "report": report,
        "co_organisers": meeting.co_organisers.all(),
        "sequences": sequences,
        "general_files": by_sequence.get(None, []),
        "files": files,
        "source_resource": _resource(report.source_resource),
        "facilitator": facilitator,
        "attachment_form": AttachmentForm(meeting=meeting) if facilitator else None,
        "max_size": settings.CLUB_ATTACHMENT_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "clubs/report.html", context)


def _resource(slug: str):
    if not slug:
        return None
    from leviers.catalogue.models import Resource

    return Resource.objects.filter(slug=slug).only("slug", "title").first()


@require_POST
def report_publish(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    report = _report_or_404(request, meeting)
    actions.report_publish(report)
    messages.success(request, "Le retour sur la rencontre est publié.")
    return redirect("clubs:report", slug, meeting_id)


@require_POST
def attachment_add(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    report = _report_or_404(request, meeting)
    form = AttachmentForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.attachment_add(
                report,
                title=data["title"],
                upload=data["file"],
                sequence=data["sequence"],
                by=request.user,
            )
        except actions.Refused as refusal:
            messages.warning(request, str(refusal))
        else:
            messages.success(request, "Document ajouté.")
    else:
        messages.warning(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("clubs:report", slug, meeting_id)


def attachment_download(request, slug: str, meeting_id: str, attachment_id: str):
    """Always a download, of the type read at upload, never sniffed into HTML by a browser."""
    club, meeting = _meeting(request, slug, meeting_id)
    report = _report_or_404(request, meeting)
    attachment = get_object_or_404(report.attachments, public_id=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = f"{attachment.public_id}.{attachment.extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store" if not report.is_published else "private"
    return response


# --- The letter -----------------------------------------------------------------------------


@require_POST
def subscribe(request, slug: str):
    club = _club(request, slug)
    if not request.user.is_authenticated:
        raise SignInRequired
    if request.POST.get("action") == "stop":
        actions.unsubscribe(club, request.user)
        messages.success(request, "Vous ne recevrez plus la lettre du club.")
    elif not request.user.email:
        messages.warning(request, "Votre compte n'a pas d'adresse électronique : ajoutez-en une.")
    else:
        actions.subscribe(club, request.user)
        messages.success(request, f"Vous recevrez la lettre du club à {request.user.email}.")
    return redirect(club.get_absolute_url())


@csrf_exempt  # one click from a mail client (RFC 8058): the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = newsletter.read_token(token)
    if found is None:
        raise Http404
    club, user = found
    done = False
    if request.method == "POST":
        actions.unsubscribe(club, user)
        done = True
    context = {"club": club, "done": done, "token": token}
    return render(request, "clubs/unsubscribe.html", context)


# --- Editing meetings, programmes and reports on the site (the club's facilitators) ----------


def _edit_page(request, template: str, context: dict, form, conflict=None):
    context = context | {"conflict": conflict, "saved": []}
    if conflict is not None:
        context["saved"] = saved_values(form, conflict)
    status = 409 if conflict is not None else 400 if form.errors else 200
    return render(request, template, context, status=status)


def _promoted_message(request, promoted) -> None:
    if promoted:
        messages.info(
            request,
            f"{len(promoted)} personne(s) de la liste d'attente ont obtenu une place et "
            "reçoivent un courriel.",
        )


@require_http_methods(["GET", "POST"])
def meeting_create(request, slug: str):
    club = _club(request, slug, FACILITATE)
    return _meeting_form(request, club, ClubMeeting(club=club))


@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    return _meeting_form(request, club, meeting)


def _meeting_form(request, club, meeting):
    form = MeetingForm(request.POST or None, instance=meeting, club=club)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved, promoted = actions.meeting_save(form, club)
        except StaleVersion as stale:
            conflict = stale.current
            form = MeetingForm(
                retry_data(request.POST, conflict), instance=copy(conflict), club=club
            )
        except actions.Refused as refusal:
            form.add_error("capacity", str(refusal))
        else:
            messages.success(request, "Rencontre enregistrée.")
            _promoted_message(request, promoted)
            return redirect("clubs:programme", club.slug, saved.public_id)
    context = {"club": club, "meeting": meeting, "form": form}
    return _edit_page(request, "clubs/meeting_form.html", context, form, conflict)


def programme(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    sequences = _programme(meeting)
    context = {
        "club": club,
        "meeting": meeting,
        "label": meeting_label(meeting),
        "sequences": sequences,
        "report": _report(meeting),
    }
    return render(request, "clubs/programme.html", context)


def _sequence(request, slug, meeting_id, sequence_id):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    sequence = get_object_or_404(meeting.sequences, public_id=sequence_id)
    sequence.meeting = meeting
    return club, meeting, sequence


@require_http_methods(["GET", "POST"])
def sequence_create(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    return _sequence_form(request, club, meeting, Sequence(meeting=meeting))


@require_http_methods(["GET", "POST"])
def sequence_edit(request, slug: str, meeting_id: str, sequence_id: str):
    club, meeting, sequence = _sequence(request, slug, meeting_id, sequence_id)
    return _sequence_form(request, club, meeting, sequence)


def _sequence_form(request, club, meeting, sequence):
    data = request.POST or None
    form = SequenceForm(data, instance=sequence)
    speakers = SpeakerFormSet(
        data,
        instance=sequence,
        prefix="speakers",
        queryset=Speaker.objects.select_related("user", "organisation"),
    )
    conflict = None
    if request.method == "POST" and form.is_valid() and speakers.is_valid():
        try:
            actions.sequence_save(form, speakers, meeting)
        except StaleVersion as stale:
            conflict = stale.current
            form = SequenceForm(retry_data(request.POST, conflict), instance=copy(conflict))
        else:
            messages.success(request, f"Séquence « {form.instance.title} » enregistrée.")
            return redirect("clubs:programme", club.slug, meeting.public_id)
    context = {"club": club, "meeting": meeting, "sequence": sequence, "form": form}
    context["speakers"] = speakers
    page = _edit_page(request, "clubs/sequence_form.html", context, form, conflict)
    if request.method == "POST" and conflict is None and not speakers.is_valid():
        page.status_code = 400
    return page


@require_POST
def sequence_move(request, slug: str, meeting_id: str, sequence_id: str):
    club, meeting, sequence = _sequence(request, slug, meeting_id, sequence_id)
    actions.sequence_move(sequence, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(reverse("clubs:programme", args=[slug, meeting_id]) + f"#s{sequence.public_id}")


@require_POST
def sequence_remove(request, slug: str, meeting_id: str, sequence_id: str):
    club, meeting, sequence = _sequence(request, slug, meeting_id, sequence_id)
    actions.sequence_remove(sequence)
    messages.success(request, f"Séquence « {sequence.title} » retirée du programme.")
    return redirect("clubs:programme", slug, meeting_id)


@require_http_methods(["GET", "POST"])
def report_edit(request, slug: str, meeting_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    report = _report(meeting) or Report(meeting=meeting, title=f"Retour sur {meeting.title}")
    form = ReportForm(request.POST or None, instance=report)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_save(form, meeting)
        except StaleVersion as stale:
            conflict = stale.current
            form = ReportForm(retry_data(request.POST, conflict), instance=copy(conflict))
        else:
            messages.success(request, "Retour sur la rencontre enregistré.")
            return redirect("clubs:report", slug, meeting_id)
    context = {"club": club, "meeting": meeting, "report": report, "form": form}
    return _edit_page(request, "clubs/report_form.html", context, form, conflict)


@require_POST
def attachment_remove(request, slug: str, meeting_id: str, attachment_id: str):
    club, meeting = _meeting(request, slug, meeting_id, FACILITATE)
    report = _report_or_404(request, meeting)
    attachment = get_object_or_404(report.attachments, public_id=attachment_id)
    actions.attachment_remove(attachment)
    messages.success(request, f"Document « {attachment.title} » supprimé.")
    return redirect("clubs:report", slug, meeting_id)
