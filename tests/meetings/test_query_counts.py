"""The meeting list, statistics and feeds cost the same queries for 10 and 500 meetings."""

import datetime

from django.conf import settings

from samverkan.meetings.models import AgendaItem, Attendance, Meeting
from tests.helpers import assert_same_queries, capture_queries
from tests.meetings.conftest import at


def make_meetings(cast, n):
    start = datetime.date(2026, 1, 1)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            network=cast.network,
            starts_at=at(start + datetime.timedelta(days=i % 360), 9),
            ends_at=at(start + datetime.timedelta(days=i % 360), 12),
            host=cast.muni("Bjuv"),
            place="Bjuv",
            status="cancelled" if i % 7 == 0 else "planned",
        )
        for i in range(n)
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=m,
            person=cast.people["member"],
            municipality=cast.muni("Klippan"),
            status="present",
        )
        for m in meetings
    )
    AgendaItem.objects.bulk_create(AgendaItem(meeting=m, title="Punkt", order=1) for m in meetings)


def queries(client, path):
    with capture_queries(path) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return captured, response


def test_meeting_list_statistics_and_feed_flat_from_10_to_500(cast, client_for):
    client = client_for("member")
    paths = [
        f"/natverk/{cast.network.slug}/moten/?ar=2026",
        f"/natverk/{cast.network.slug}/moten/narvaro/?ar=2026",
    ]
    make_meetings(cast, 10)
    from samverkan.meetings import feeds

    change = feeds.change_feed(cast.user("member"), "create", network=cast.network)
    assert change.url
    paths.append(change.url.removeprefix(settings.SITE_URL.rstrip("/")))
    small = [queries(client, p)[0] for p in paths]
    make_meetings(cast, 490)
    large = []
    for p in paths:
        n, response = queries(client, p)
        large.append(n)
    for before, after in zip(small, large, strict=True):
        assert_same_queries(before, after)
    _n, response = queries(client, paths[0])
    assert response.content.decode().count("<tr") >= 500
