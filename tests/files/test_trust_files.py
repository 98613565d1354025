"""Files that cannot attack the site or leak (issue 13, part 2), each attack played as an
attacker would: stored XSS by upload, a members-only attachment read without signing in, files
under DEBUG off, an oversized upload, a page under a document's name, a hostile logo in the
yearly report."""

import datetime
import importlib
import io
import re
import urllib.request
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from pypdf import PdfReader

import samverkan.urls
from samverkan.api import services as api_services
from samverkan.cooperation.admin import CooperationAdmin
from samverkan.cooperation.models import Cooperation
from samverkan.core.errors import ServiceError
from samverkan.meetings import services as meeting_services
from samverkan.meetings.models import STOCKHOLM, Attachment
from samverkan.networks.models import Material
from tests.api.conftest import ApiCaller

XSS_HTML = b"<!DOCTYPE html><html><body><script>fetch('/api/v1/networks')</script></body></html>"
XSS_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)">'
    b"<script>alert(document.domain)</script></svg>"
)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
HOSTILE_LOGO = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="120" height="40" viewBox="0 0 120 40" onload="alert(1)">
  <style>@import url(http://example.invalid/style.css);</style>
  <rect width="120" height="40" fill="#00476b"/>
  <image href="http://example.invalid/x" width="10" height="10"/>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/>
  <use href="http://example.invalid/y.svg#a"/>
  <rect width="5" height="5" fill="url(http://example.invalid/pattern)"/>
  <foreignObject width="100" height="20"><iframe src="file:///etc/passwd"/></foreignObject>
  <script>alert(2)</script>
</svg>"""


@pytest.fixture
def api_as(cast):
    """api_as("coordinator") → an API caller with that person's token."""

    def make(name: str) -> ApiCaller:
        return ApiCaller(api_services.issue_token(None, cast.people[name], name="Filer")[1])

    return make


def _link(html: str, title: str) -> str:
    found = re.search(r'href="([^"]+)">' + re.escape(title) + "<", html)
    assert found, f"no link to {title}"
    return found.group(1)


def _material_page(client: Client, cast) -> str:
    return client.get(reverse("networks:material", args=[cast.network.slug])).content.decode()


def _stored_material(cast, name: str, content: bytes) -> Material:
    """A file already in the storage, as one uploaded before the checks (or put there by hand)."""
    material = Material(network=cast.network, title="Gammal fil", uploaded_by=None)
    material.file.save(name, ContentFile(content), save=False)
    material.save()
    return material


def _meeting(cast):
    day = timezone.localdate() - datetime.timedelta(days=3)
    return meeting_services.schedule_meeting(
        cast.user("secretary"),
        cast.network,
        starts_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=STOCKHOLM),
        ends_at=datetime.datetime.combine(day, datetime.time(11), tzinfo=STOCKHOLM),
    )


def _meeting_page(client: Client, meeting) -> str:
    return client.get(meeting.get_absolute_url()).content.decode()


# ---- stored XSS by upload -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("sida.html", XSS_HTML), ("bild.svg", XSS_SVG), ("kod.js", b"alert(1)")],
    ids=["html", "svg", "js"],
)
def test_a_page_or_script_uploaded_as_material_is_refused(cast, client_for, name, content):
    """Stored XSS by upload: .html, .svg and .js are no material; the coordinator is told why."""
    response = client_for("coordinator").post(
        reverse("networks:material", args=[cast.network.slug]),
        {"title": "Affisch", "file": SimpleUploadedFile(name, content, "text/html")},
    )
    assert response.status_code == 200
    assert "är inte tillåten" in response.content.decode()
    assert not Material.objects.exists()


def test_a_page_under_a_pdf_name_is_refused(cast, client_for):
    """The type is checked by content as well as by name: HTML called rapport.pdf is no PDF."""
    response = client_for("coordinator").post(
        reverse("networks:material", args=[cast.network.slug]),
        {
            "title": "Rapport",
            "file": SimpleUploadedFile("rapport.pdf", XSS_HTML, "application/pdf"),
        },
    )
    assert "Filens innehåll är inte .pdf" in response.content.decode()
    assert not Material.objects.exists()


def test_a_page_under_a_pdf_name_is_refused_as_attachment_and_by_the_api(cast, api_as):
    with pytest.raises(ServiceError, match="Filens innehåll"):
        meeting_services.add_attachment(
            cast.user("secretary"),
            _meeting(cast),
            title="Underlag",
            file=SimpleUploadedFile("underlag.pdf", XSS_HTML),
        )
    api = api_as("coordinator")
    response = api.client.post(
        f"/api/v1/networks/{cast.network.slug}/material",
        {"title": "Affisch", "file": SimpleUploadedFile("affisch.pdf", XSS_HTML)},
        headers=api.headers(),
    )
    assert response.status_code == 400
    assert "Filens innehåll är inte .pdf" in response.json()["error"]["message"]
    assert not Material.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"), [("sida.html", XSS_HTML), ("bild.svg", XSS_SVG)], ids=["html", "svg"]
)
def test_a_stored_page_is_served_as_a_sandboxed_download(cast, client_for, name, content):
    """A page already in the storage never runs in the site's origin: a download, of no
    type a browser would render, with nosniff and a sandbox CSP."""
    _stored_material(cast, name, content)
    member = client_for("member")
    response = member.get(_link(_material_page(member, cast), "Gammal fil"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert b"".join(response.streaming_content) == content


def test_a_pdf_is_shown_inline_and_a_document_is_downloaded(cast, client_for):
    """Only PDF, PNG and JPEG are shown inline, and only when their content is what their
    name says; the rest are downloads."""
    coordinator = cast.user("coordinator")
    from samverkan.networks.material.services import add_material

    add_material(coordinator, cast.network, title="Folder", file=SimpleUploadedFile("f.pdf", PDF))
    add_material(coordinator, cast.network, title="Logga", file=SimpleUploadedFile("l.png", PNG))
    add_material(
        coordinator, cast.network, title="Lista", file=SimpleUploadedFile("l.csv", b"a;b\n1;2\n")
    )
    _stored_material(cast, "falsk.png", XSS_HTML)
    member = client_for("member")
    page = _material_page(member, cast)
    pdf = member.get(_link(page, "Folder"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline;")
    assert pdf["X-Content-Type-Options"] == "nosniff"
    png = member.get(_link(page, "Logga"))
    assert png["Content-Type"] == "image/png" and png["Content-Disposition"].startswith("inline;")
    assert "sandbox" in png["Content-Security-Policy"]
    csv = member.get(_link(page, "Lista"))
    assert csv["Content-Type"] == "text/csv" and csv["Content-Disposition"].startswith(
        "attachment;"
    )
    fake = member.get(_link(page, "Gammal fil"))
    assert fake["Content-Type"] == "application/octet-stream"
    assert fake["Content-Disposition"].startswith("attachment;")


# ---- access -----------------------------------------------------------------------------------


@pytest.fixture
def media_on_disk(tmp_path, settings):
    """Uploads on the disk, as in production, so that a /media/ route would find them."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def _reload_urls() -> None:
    importlib.reload(samverkan.urls)
    clear_url_caches()


def test_anonymous_cannot_read_a_members_only_attachment(cast, client_for, media_on_disk, settings):
    """The attack: the attachment's stored path, asked for without signing in, even on an
    instance run with DEBUG on (which served /media/ to anyone). Signed-in readers who are no
    members and outsiders are told it does not exist; members read it."""
    meeting = _meeting(cast)
    attachment = meeting_services.add_attachment(
        cast.user("secretary"),
        meeting,
        title="Underlag",
        file=SimpleUploadedFile("underlag.pdf", PDF + b"% hemligt"),
    )
    member = client_for("member")
    link = _link(_meeting_page(member, meeting), "Underlag")
    assert b"".join(member.get(link).streaming_content).endswith(b"% hemligt")

    settings.DEBUG = True
    _reload_urls()
    try:
        stored = client_for("anonymous").get(f"{settings.MEDIA_URL}{attachment.file.name}")
        assert stored.status_code == 404
    finally:
        settings.DEBUG = False
        _reload_urls()
    anonymous = client_for("anonymous").get(link)
    assert anonymous.status_code == 302 and "/konto/login/" in anonymous["Location"]
    for name in ("reader", "outsider"):
        assert client_for(name).get(link).status_code == 404
    assert client_for("coordinator").get(link).status_code == 200


@override_settings(DEBUG=False)
def test_files_are_served_with_debug_off(cast, client_for, media_on_disk):
    """With DEBUG off (production), the links on the pages work without a public /media/."""
    from samverkan.networks.material.services import add_material

    add_material(
        cast.user("coordinator"),
        cast.network,
        title="Folder",
        file=SimpleUploadedFile("f.pdf", PDF),
    )
    member = client_for("member")
    link = _link(_material_page(member, cast), "Folder")
    assert not link.startswith("/media/")
    response = member.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert client_for("member").get(link.replace("f.pdf", "annan.pdf")).status_code == 404


def test_the_web_server_may_send_the_bytes(cast, client_for, media_on_disk, settings):
    """SAMVERKAN_FILE_ACCEL: the view decides, nginx or Apache sends the file."""
    from samverkan.networks.material.services import add_material

    item = add_material(
        cast.user("coordinator"),
        cast.network,
        title="Folder",
        file=SimpleUploadedFile("f.pdf", PDF),
    )
    member = client_for("member")
    settings.FILE_ACCEL = "nginx"
    response = member.get(item.file_url)
    assert response["X-Accel-Redirect"] == f"/skyddade-filer/{item.file.name}"
    assert response.content == b"" and response["X-Content-Type-Options"] == "nosniff"
    settings.FILE_ACCEL = "apache"
    response = member.get(item.file_url)
    assert response["X-Sendfile"] == str(media_on_disk / item.file.name)
    assert client_for("anonymous").get(item.file_url).status_code == 302


# ---- size -------------------------------------------------------------------------------------


def test_a_60_mib_attachment_is_refused_in_swedish(cast, client_for):
    """The attack: a 60 MiB attachment. Refused from its Content-Length, before the body is
    read (no view, no form ran), with a Swedish message; nothing is stored."""
    meeting = _meeting(cast)
    big = SimpleUploadedFile("stor.pdf", PDF + b"0" * (60 * 1024 * 1024))
    response = client_for("secretary").post(
        reverse("meetings:attachment_add", args=[cast.network.slug, meeting.pk]),
        {"title": "Stor", "file": big},
        HTTP_REFERER=f"http://testserver{meeting.get_absolute_url()}",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Filen är för stor: den får vara högst 25 MB." in page
    assert meeting.get_absolute_url() in page
    assert not Attachment.objects.exists()


def test_an_oversized_file_is_refused_by_the_service_and_the_api(cast, settings, api_as):
    """Where no Content-Length tells (a chunked request), the service refuses by the size."""
    settings.UPLOAD_MAX_MB = 1
    meeting = _meeting(cast)
    with pytest.raises(ServiceError, match="högst 1 MB"):
        meeting_services.add_attachment(
            cast.user("secretary"),
            meeting,
            title="Stor",
            file=SimpleUploadedFile("stor.pdf", PDF + b"0" * (1024 * 1024)),
        )
    api = api_as("secretary")
    response = api.client.post(
        f"/api/v1/networks/{cast.network.slug}/meetings/{meeting.pk}/attachments",
        {"title": "Stor", "file": SimpleUploadedFile("stor.pdf", PDF + b"0" * (3 * 1024 * 1024))},
        headers=api.headers(),
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "Filen är för stor: den får vara högst 1 MB."
    assert not Attachment.objects.exists()


# ---- the logo ---------------------------------------------------------------------------------


def _logo_form(admin_user, upload: SimpleUploadedFile):
    coop = Cooperation.current()
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    from django.contrib import admin

    form_class = CooperationAdmin(Cooperation, admin.site).get_form(request, coop)
    data = {
        "name": coop.name,
        "short_name": coop.short_name,
        "primary_colour": coop.primary_colour,
        "accent_colour": coop.accent_colour,
    }
    return form_class(data=data, files=MultiValueDict({"logo": [upload]}), instance=coop)


def test_an_svg_logo_is_kept_only_sanitised(cast, admin_user):
    """Logos: PNG, JPEG or SVG; an SVG loses its scripts, handlers and outside references."""
    form = _logo_form(admin_user, SimpleUploadedFile("logga.svg", HOSTILE_LOGO, "image/svg+xml"))
    assert form.is_valid(), form.errors
    coop = form.save()
    with coop.logo.open("rb") as handle:
        stored = handle.read()
    for bad in (b"script", b"onload", b"foreignObject", b"example.invalid", b"file:", b"@import"):
        assert bad not in stored
    assert b"<svg:rect" in stored or b"<rect" in stored
    html = _logo_form(admin_user, SimpleUploadedFile("logga.html", XSS_HTML, "text/html"))
    assert not html.is_valid() and "är inte tillåten" in str(html.errors["logo"])
    fake = _logo_form(admin_user, SimpleUploadedFile("logga.png", XSS_HTML, "image/png"))
    assert not fake.is_valid() and "Filens innehåll är inte .png" in str(fake.errors["logo"])


@pytest.fixture
def network_spy(monkeypatch):
    """Every URL that would be opened through urllib (the network, file://), refused."""
    opened: list[str] = []
    real_open = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        full = url if isinstance(url, str) else url.full_url
        if not full.startswith("data:"):
            opened.append(full)
            raise OSError(f"refused in the test: {full}")
        return real_open(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    return opened


def test_a_hostile_logo_fetches_nothing_into_the_yearly_report(cast, client_for, network_spy):
    """The attack: an SVG logo (put in place without the upload's checks) that points at an
    outside URL and at /etc/passwd. The yearly report renders; nothing outside is fetched and
    nothing of /etc/passwd is in it."""
    coop = Cooperation.current()
    coop.logo.save("logga.svg", ContentFile(HOSTILE_LOGO))
    year = timezone.localdate().year
    response = client_for("secretariat").get(reverse("reports:yearly_pdf", args=[year]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert network_spy == []
    text, attachments = _pdf_text_and_attachments(response.content)
    assert "Årsrapport" in text
    assert attachments == {} and "root:" not in text and b"root:" not in response.content


def test_no_pdf_reads_outside_the_instance(db, network_spy):
    """The one url_fetcher, asked directly and through WeasyPrint: data: and the instance's
    own static files and branding, nothing else."""
    from weasyprint import HTML

    from samverkan.files.pdf import site_fetcher

    fetcher = site_fetcher("http://testserver/")
    for url in (
        "file:///etc/passwd",
        "http://example.invalid/x",
        "https://testserver.example.invalid/static/x.css",
        "http://testserver/static/../../../../etc/passwd",
        "http://testserver/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://testserver/media/../../etc/passwd",
        "http://testserver/media/material/2026/hemlig.pdf",
        "ftp://testserver/static/x.css",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hej").read() == b"hej"
    assert b"{" in fetcher.fetch("http://testserver/static/css/samverkan.css").read()
    Cooperation.current().logo.save("logga.png", ContentFile(PNG))
    logo = fetcher.fetch(f"http://testserver/media/{Cooperation.current().logo.name}")
    assert logo.read() == PNG and logo.content_type == "image/png"
    html = """<html><head>
      <link rel="stylesheet" href="http://example.invalid/x.css">
      <link rel="attachment" href="file:///etc/passwd"></head>
      <body><p>Rapport</p><img src="file:///etc/passwd">
      <a rel="attachment" href="file:///etc/passwd">bilaga</a>
      <img src="/media/../../../../etc/passwd"></body></html>"""
    pdf = HTML(string=html, base_url="http://testserver/", url_fetcher=fetcher).write_pdf()
    assert network_spy == []
    text, attachments = _pdf_text_and_attachments(pdf)
    assert "Rapport" in text and attachments == {}


# ---- types by content -------------------------------------------------------------------------


def _pdf_text_and_attachments(pdf: bytes) -> tuple[str, dict]:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join(page.extract_text() for page in reader.pages), dict(reader.attachments)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.docx", DOCX),
        ("budget.xlsx", _xlsx()),
        ("protokoll.odt", ODT),
        ("gammal.doc", OLE2),
        ("gammal.xls", OLE2),
        ("lista.csv", b"Kommun;Antal\nBjuv;3\n"),
        ("läs mig.txt", "Åtgärder för året".encode()),
        ("bild.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16),
        ("bild.gif", b"GIF89a" + b"\x00" * 16),
        ("folder.PDF", PDF),
    ],
)
def test_documents_are_allowed_by_name_and_content(name, content):
    from samverkan.files.uploads import check_upload

    assert check_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("sida.htm", XSS_HTML, "är inte tillåten"),
        ("program.exe", b"MZ\x90\x00", "är inte tillåten"),
        ("utan_filandelse", PDF, "utan filändelse"),
        ("plan.docx", _zip({"word/document.xml": b"<x/>"}), "inte .docx"),
        ("plan.docx", ODT, "inte .docx"),
        ("budget.xlsx", DOCX, "inte .xlsx"),
        ("protokoll.odt", DOCX, "inte .odt"),
        ("gammal.doc", PDF, "inte .doc"),
        ("lista.csv", b"<html><script>alert(1)</script>", "inte .csv"),
        ("text.txt", b"\x00\x01binary", "inte .txt"),
        ("bild.png", PDF, "inte .png"),
    ],
)
def test_documents_are_refused_by_name_or_content(name, content, says):
    from samverkan.files.uploads import UploadRefused, check_upload

    with pytest.raises(UploadRefused, match=says):
        check_upload(SimpleUploadedFile(name, content))


def test_the_admin_links_the_logo_through_the_files_view(cast, admin_client):
    coop = Cooperation.current()
    coop.logo.save("logga.png", ContentFile(PNG))
    page = admin_client.get(f"/admin/cooperation/cooperation/{coop.pk}/change/").content.decode()
    assert f'href="{coop.logo_url}"' in page and "/media/" not in page
    logo = Client().get(coop.logo_url)
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
