"""Pages of the clubs: the public page, the members' area, a meeting (programme, registration,
iCalendar), the registrations and attendance, the report « Retour sur » and its documents,
the letter's subscription. Thin: every permission goes through the door (accounts/
permissions.py, `clubs.*`), every object is looked up within its club, every write is an
action (actions.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from leviers.catalogue.mentions import KINDS
from leviers.clubs import actions, feed, newsletter
from leviers.clubs.forms import AttachmentForm, ContactForm, MemberForm
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
    Speaker,
    Subscription,
)
from leviers.core.http import SignInRequired

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
        "members": ClubMember.objects.filter(club=club).select_related("organisation"),
        "upcoming": upcoming,
        "reports": reports,
        "subscribed": subscribed,
        "facilitator": request.user.has_perm(FACILITATE, club),
        "member_area": request.user.has_perm(MEMBER_AREA, club),
    }
    return render(request, "clubs/club.html", context)


def club_feed(request, slug: str):
    club = _club(request, slug)
    since = timezone.localdate() - timezone.timedelta(days=feed.FEED_PAST_DAYS)
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
    memberships = ClubMember.objects.filter(club=club).select_related("organisation")
    memberships = memberships.prefetch_related(
        Prefetch("contacts", ClubContact.objects.select_related("user"))
    )
    context = {
        "club": club,
        "memberships": memberships,
        "facilitator": facilitator,
        "member_form": MemberForm(club=club) if facilitator else None,
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
    context = {"club": member.club, "member": member, "form": form}
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
    try:
        registration = actions.register(meeting, request.user)
    except actions.Refused as refusal:
        messages.warning(request, str(refusal))
    else:
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
