"""Every PDF the service publishes is tagged (issue 18 §5, DOS-lagen), PDF/UA-1 where
WeasyPrint can, with its title and language: the yearly report, the agenda and the minutes,
and a PDF/A asked for by the archive."""

import datetime

import pytest
from django.utils import timezone
from weasyprint import HTML

from samverkan.meetings import selectors, services
from samverkan.meetings.pdf import meeting_pdf
from tests.files.pdf_check import (
    assert_tagged,
    cut_off,
    lines_on_last_page,
    split_rows,
    structure_types,
)
from tests.meetings.conftest import at


@pytest.fixture
def meeting(cast):
    day = timezone.localdate() - datetime.timedelta(days=7)
    meeting = services.schedule_meeting(
        cast.user("secretary"),
        cast.network,
        starts_at=at(day, 9),
        ends_at=at(day, 12),
        place="Kommunhuset",
        title="Socialchefsmöte",
    )
    services.add_agenda_item(cast.user("secretary"), meeting, title="Läget i kommunerna")
    services.save_minutes(cast.user("secretary"), meeting, text="Mötet öppnades.")
    return meeting


def test_yearly_report_pdf_is_tagged_pdf_ua_with_title_and_language(cast, client_for):
    year = timezone.localdate().year
    response = client_for("secretariat").get(f"/rapporter/arsrapport/{year}.pdf")
    reader = assert_tagged(response.content, title=f"Årsrapport {year} – Familjen Helsingborg")
    # Headings, the tables with their header cells and the lists are in the tree.
    assert {"H1", "H2", "Table", "TH", "TD", "L", "LI"} <= structure_types(reader)


@pytest.mark.parametrize(
    ("kind", "title"), [("dagordning", "Dagordning"), ("protokoll", "Protokoll")]
)
def test_agenda_and_minutes_pdf_are_tagged(cast, client_for, meeting, kind, title):
    url = f"/natverk/{cast.network.slug}/moten/{meeting.pk}/{kind}.pdf"
    response = client_for("member").get(url)
    assert response.status_code == 200
    assert_tagged(response.content, title=f"{title} {meeting.local_start:%Y-%m-%d}")


def test_archive_variant_is_pdf_a_and_still_tagged(cast, meeting):
    """A caller asking for PDF/A (the minutes in the archive package, part 15C) keeps the
    tags, the title and the language."""
    detail = selectors.meeting_detail(meeting.pk, meeting.network)
    context = {"meeting": detail, "minutes": detail.minutes, "generated": timezone.localtime()}
    pdf = meeting_pdf("meetings/pdf/minutes.html", context, variant="pdf/a-3u")
    reader = assert_tagged(pdf, title=f"Protokoll {meeting.local_start:%Y-%m-%d}", ua=False)
    assert b"pdfaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_the_layout_checks_find_what_they_look_for():
    """The checks the report and minutes tests rely on find a cut-off table, a row split
    across pages and a lone last line, so that a passing test means something."""
    wide = HTML(
        string="<table><tr>"
        + "<td style='white-space:nowrap'>Deltar inte</td>" * 40
        + "</tr></table>"
    ).render()
    assert cut_off(wide)
    tall_cell = "<br>".join(["rad"] * 80)
    split = HTML(
        string=f"<table><tbody><tr><td>{tall_cell}</td><td>1</td></tr></tbody></table>"
    ).render()
    assert split_rows(split)
    lone = HTML(string="<p>Först</p><p style='break-before: page'>Sist</p>").render()
    assert len(lone.pages) == 2 and lines_on_last_page(lone) <= 2
