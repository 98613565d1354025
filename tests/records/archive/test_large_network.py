"""A network with 500 meetings builds its archive package in bounded memory (issue 15, "Bad
input"): the parts stream from the database in chunks and every file is written on its own,
so the peak does not grow with the number of meetings: twice the meetings, the same peak."""

import datetime
import tempfile
import tracemalloc

from samverkan.meetings.models import STOCKHOLM, AgendaItem, Attendance, Meeting, Minutes
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.records.archive.package import write_package
from samverkan.records.archive.sinks import ZipSink


def add_meetings(cast, first: int, count: int) -> None:
    """Rows in bulk: 500 meetings through the services would take minutes, and the package
    reads only what is stored."""
    start = datetime.datetime(2010, 1, 5, 9, tzinfo=STOCKHOLM)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            network=cast.network,
            starts_at=start + datetime.timedelta(days=7 * n),
            ends_at=start + datetime.timedelta(days=7 * n, hours=2),
            place="Rådhuset",
        )
        for n in range(first, first + count)
    )
    people = [cast.people[name] for name in ("member", "secretary", "coordinator")]
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, order=i, title=f"Punkt {i}", outcome="Beslutades.")
        for m in meetings
        for i in range(5)
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=m, person=p, status="present") for m in meetings for p in people
    )
    Minutes.objects.bulk_create(Minutes(meeting=m, text="Protokoll. " * 200) for m in meetings)


def peak_bytes(cast) -> tuple[int, int]:
    with tempfile.TemporaryFile() as target:
        sink = ZipSink("paket", target)
        tracemalloc.start()
        try:
            write_package(None, cast.network, sink, pdfs=False)
            sink.close()
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return peak, len(sink.files)


def test_500_meetings_build_in_bounded_memory(cast):
    lifecycle.close_network(cast.user("coordinator"), cast.network, reason="Klart.")
    add_meetings(cast, 0, 250)
    peak_250, files_250 = peak_bytes(cast)
    add_meetings(cast, 250, 250)
    peak_500, files_500 = peak_bytes(cast)
    assert files_500 - files_250 == 250  # one meeting.json each
    # Linear growth would double it; what grows is the list of files (METS, the zip's index).
    assert peak_500 < 1.5 * peak_250, (peak_250, peak_500)
    assert peak_500 < 20 * 1024 * 1024
