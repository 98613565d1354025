"""The minutes PDF ends without an almost empty page (issue 18 §5): the printing time that
used to fall alone onto a last page is in the header, and the approval section takes some
lines of what precedes it when it runs over."""

import datetime

import pytest
from django.utils import timezone

from samverkan.files.pdf import render_document
from samverkan.meetings import selectors, services
from samverkan.meetings.pdf import meeting_pdf
from tests.files.pdf_check import assert_tagged, lines_on_last_page
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
    for title in ("Läget i kommunerna", "Verksamhetsplanen", "Övriga frågor"):
        services.add_agenda_item(cast.user("secretary"), meeting, title=title)
    return meeting


def _document(cast, meeting, lines: int):
    """The minutes laid out, with `lines` lines of notes, as meeting_pdf renders them."""
    services.save_minutes(
        cast.user("secretary"),
        meeting,
        text="\n".join(f"Anteckning {n}: kommunerna berättade om läget." for n in range(lines)),
    )
    detail = selectors.meeting_detail(meeting.pk, meeting.network)
    context = {
        "meeting": detail,
        "minutes": detail.minutes,
        "generated": timezone.localtime(),
        "cooperation": cast.cooperation,
        "logo": "",
    }
    return render_document("meetings/pdf/minutes.html", context)


def test_minutes_that_just_run_over_do_not_end_on_an_almost_empty_page(cast, meeting):
    """Notes of growing length, from the first that needs a second page and the few after:
    the last page always has the approval with lines before it, never a lone line."""
    low, high = 1, 80
    while low < high:  # the fewest lines of notes that need a second page
        middle = (low + high) // 2
        if len(_document(cast, meeting, middle).pages) > 1:
            high = middle
        else:
            low = middle + 1
    assert 1 < low < 80
    for lines in range(low, low + 3):
        document = _document(cast, meeting, lines)
        assert len(document.pages) == 2
        assert lines_on_last_page(document) >= 4, lines


def test_minutes_pdf_is_tagged_with_its_title(cast, meeting):
    services.save_minutes(cast.user("secretary"), meeting, text="Mötet öppnades.")
    detail = selectors.meeting_detail(meeting.pk, meeting.network)
    context = {"meeting": detail, "minutes": detail.minutes, "generated": timezone.localtime()}
    pdf = meeting_pdf("meetings/pdf/minutes.html", context)
    reader = assert_tagged(pdf, title=f"Protokoll {meeting.local_start:%Y-%m-%d}")
    assert len(reader.pages) == 1
    assert "Utskrivet" in reader.pages[0].extract_text()
