"""Documents of a report: checked by their content and size, served as downloads only, those
of a draft to the facilitators only."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leviers.clubs import actions, attachments
from leviers.clubs.models import Attachment, Report
from leviers.clubs.tests.factories import ClubMeetingFactory, make_facilitator
from leviers.testing.factories import UserFactory
from leviers.testing.pins import read

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(entries: dict[str, bytes]) -> bytes:
    """A small archive, the same bytes on every run (a fixed date: pytest-xdist's workers must
    collect the same test ids)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 9, 11, 9, 0, 0)), data)
    return buffer.getvalue()


ODP = _zip({"mimetype": b"application/vnd.oasis.opendocument.presentation", "content.xml": b""})
PPTX = _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b""})
DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b""})


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0JFIF", "jpg"),
        (ODP, "odp"),
        (PPTX, "pptx"),
        (DOCX, "docx"),
    ],
    ids=["pdf", "png", "jpg", "odp", "pptx", "docx"],
)
def test_the_type_is_read_from_the_content(data, extension):
    assert attachments.check(data).extension == extension


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00 an executable",
        _zip({"evil.html": b"<script></script>"}),
        _zip({"mimetype": b"text/html"}),
        b"PK\x03\x04 not really a zip",
    ],
    ids=["html", "executable", "zip-with-html", "zip-saying-html", "broken-zip"],
)
def test_anything_else_is_refused_in_french(data):
    with pytest.raises(attachments.RefusedFile, match="pas d'un type accepté"):
        attachments.check(data)


def test_a_file_too_big_is_refused_with_both_sizes():
    with pytest.raises(attachments.RefusedFile, match=r"pèse 2,0 Mo : 1,0 Mo au plus"):
        attachments.check(PDF + b"0" * (2 * 1024 * 1024), max_bytes=1024 * 1024)


@pytest.fixture
def report(db):
    meeting = ClubMeetingFactory()
    return Report.objects.create(meeting=meeting, title="Retour sur la rencontre")


def _upload(client, report, name, data, **extra):
    meeting = report.meeting
    url = reverse("clubs:attachment_add", args=[meeting.club.slug, meeting.public_id])
    return client.post(
        url,
        {"title": "Diaporama", "file": SimpleUploadedFile(name, data, "application/pdf"), **extra},
        follow=True,
    )


def test_a_facilitator_attaches_a_pdf_which_is_served_as_a_download(client, report):
    client.force_login(make_facilitator(report.meeting.club))
    page = _upload(client, report, "diaporama.pdf", PDF).content.decode()
    assert "Document ajouté." in page
    attachment = Attachment.objects.get()
    assert (attachment.extension, attachment.size) == ("pdf", len(PDF))
    assert attachment.public_id in attachment.file.name and "diaporama" not in attachment.file.name
    meeting = report.meeting
    url = reverse(
        "clubs:attachment", args=[meeting.club.slug, meeting.public_id, attachment.public_id]
    )
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_html_named_pdf_is_refused_and_nothing_is_written(client, report, settings):
    client.force_login(make_facilitator(report.meeting.club))
    page = _upload(
        client, report, "slides.pdf", b"<!doctype html><script>x</script>"
    ).content.decode()
    assert "« slides.pdf » : Ce fichier n&#x27;est pas d&#x27;un type accepté" in page
    assert not Attachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "clubs").exists()


def test_the_size_limit_is_a_setting(client, report, settings):
    settings.CLUB_ATTACHMENT_MAX_BYTES = 100
    client.force_login(make_facilitator(report.meeting.club))
    page = _upload(client, report, "gros.pdf", PDF + b"0" * 200).content.decode()
    assert "au plus" in page
    assert not Attachment.objects.exists()


def _statuses(client, urls) -> list[int]:
    statuses = []
    for url in urls:
        # A download holds its file open until read (reading it to the end closes it, with the
        # database connection left alone, as the test client does).
        statuses.append(read(client, url).status_code)
    return statuses


def test_a_draft_report_and_its_files_are_for_facilitators_only(client, report):
    facilitator = make_facilitator(report.meeting.club)
    attachment = actions.attachment_add(
        report, title="Notes", upload=SimpleUploadedFile("n.png", PNG), by=facilitator
    )
    meeting = report.meeting
    urls = [
        reverse("clubs:report", args=[meeting.club.slug, meeting.public_id]),
        reverse(
            "clubs:attachment", args=[meeting.club.slug, meeting.public_id, attachment.public_id]
        ),
    ]
    client.force_login(UserFactory())
    assert _statuses(client, urls) == [404, 404]
    client.force_login(facilitator)
    assert _statuses(client, urls) == [200, 200]
    client.post(reverse("clubs:report_publish", args=[meeting.club.slug, meeting.public_id]))
    client.logout()
    assert _statuses(client, urls) == [200, 200]


def test_a_member_cannot_upload(client, report):
    client.force_login(UserFactory())
    assert _upload(client, report, "a.pdf", PDF).redirect_chain == []
    assert not Attachment.objects.exists()
