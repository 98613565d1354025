"""The meeting pages through the test client: access, the two-step year planner, forms with
bad input, attendance refused for a substitute (CO1), minutes and the PDFs, feeds."""

import datetime
import re

import icalendar
import pytest

from samverkan.meetings import services
from samverkan.meetings.models import Attendance, CalendarFeed, Meeting
from tests.meetings.conftest import YEAR, at

DAY = datetime.date(2026, 4, 7)


@pytest.fixture
def meeting(scn):
    return services.schedule_meeting(
        scn.user("secretary"),
        scn.network,
        starts_at=at(DAY, 9),
        ends_at=at(DAY, 12),
        place="Kommunhuset, Bjuv",
    )


def shown_feed_path(response) -> str:
    """The secret address of a new feed, as the page answering the form shows it (once)."""
    from django.conf import settings

    assert response.status_code == 200, response
    found = re.search(
        r'id="feed-url" type="text" readonly value="([^"]+)"', response.content.decode()
    )
    assert found, response.content.decode()[:2000]
    return found.group(1).removeprefix(settings.SITE_URL.rstrip("/"))


def url(meeting, name="detail", **kw):
    from django.urls import reverse

    return reverse(
        f"meetings:{name}", kwargs={"slug": meeting.network.slug, "pk": meeting.pk, **kw}
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("reader", 403),
        ("outsider", 403),
        ("member", 200),
        ("secretary", 200),
        ("coordinator", 200),
        ("secretariat", 200),
    ],
)
def test_meeting_page_access(client_for, meeting, who, status):
    assert client_for(who).get(url(meeting)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("member", 403), ("secretary", 200), ("coordinator", 200)]
)
def test_manage_pages_access(client_for, meeting, who, status):
    client = client_for(who)
    for name in ("edit", "attendance", "minutes"):
        assert client.get(url(meeting, name)).status_code == status


def test_pages_render(client_for, meeting, scn):
    client = client_for("secretary")
    base = f"/natverk/{scn.network.slug}/moten/"
    for path in (
        base,
        base + "?ar=2026",
        base + "planera/",
        base + "nytt/",
        base + "narvaro/",
        "/min-sida/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Kommunhuset, Bjuv" in client.get(base + "?ar=2026").content.decode()


def test_year_planner_two_steps(client_for, scn):
    client = client_for("secretary")
    path = f"/natverk/{scn.network.slug}/moten/planera/"
    params = {
        "year": YEAR,
        "weekday": 2,
        "start_time": "09:00",
        "end_time": "12:00",
        "skip_months": ["7"],
        "count": 10,
        "propose": "1",
    }
    response = client.post(path, params)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 10 and Meeting.objects.count() == 0
    data = {**params, "save": "1", "m-TOTAL_FORMS": "10", "m-INITIAL_FORMS": "10"}
    data.pop("propose")
    for i, form in enumerate(formset.forms):
        initial = form.initial
        data.update(
            {
                f"m-{i}-include": "on" if i != 3 else "",
                f"m-{i}-day": initial["day"].isoformat(),
                f"m-{i}-start_time": "09:00",
                f"m-{i}-end_time": "12:00",
                f"m-{i}-host": initial["host"].pk if initial["host"] else "",
                f"m-{i}-place": initial["place"],
            }
        )
    data["m-0-place"] = "Bjuvs kulturhus"
    response = client.post(path, data)
    assert response.status_code == 302
    assert Meeting.objects.filter(network=scn.network).count() == 9
    assert Meeting.objects.order_by("starts_at").first().place == "Bjuvs kulturhus"


def test_year_planner_bad_input_in_swedish(client_for, scn):
    client = client_for("secretary")
    path = f"/natverk/{scn.network.slug}/moten/planera/"
    response = client.post(
        path,
        {
            "year": YEAR,
            "weekday": 2,
            "start_time": "12:00",
            "end_time": "09:00",
            "count": 10,
            "propose": "1",
        },
    )
    assert "Mötet måste sluta efter att det börjar." in response.content.decode()
    response = client.post(
        path,
        {
            "year": YEAR,
            "weekday": 2,
            "start_time": "09:00",
            "end_time": "12:00",
            "count": 53,
            "propose": "1",
            "skip_months": ["1", "2"],
        },
    )
    assert "Det går inte att planera 53 möten" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_new_meeting_ending_before_start_refused(client_for, scn):
    response = client_for("secretary").post(
        f"/natverk/{scn.network.slug}/moten/nytt/",
        {"day": "2026-05-05", "start_time": "12:00", "end_time": "09:00"},
    )
    assert response.status_code == 200
    assert "Mötet måste sluta efter att det börjar." in response.content.decode()
    assert Meeting.objects.count() == 0


def test_attendance_list_and_refused_substitute_CO1(client_for, scn, meeting):
    client = client_for("secretary")
    member = scn.people["member"]
    response = client.post(
        url(meeting, "attendance"), {"save_list": "1", f"p{member.pk}": "present"}
    )
    assert response.status_code == 302
    assert Attendance.objects.get(person=member).status == "present"
    response = client.post(
        url(meeting, "attendance"),
        {"add": "1", "email": scn.people["reader"].email, "status": "present"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "(CO1)" in body and "ersättare" in body
    assert not Attendance.objects.filter(person=scn.people["reader"]).exists()


def test_own_attendance_and_cancelled_refusal(client_for, scn, meeting):
    client = client_for("member")
    client.post(url(meeting, "own_attendance"), {"status": "excused"})
    assert Attendance.objects.get(person=scn.people["member"]).status == "excused"
    services.cancel_meeting(scn.user("secretary"), meeting)
    response = client.post(url(meeting, "own_attendance"), {"status": "present"}, follow=True)
    assert "inställt" in response.content.decode()
    assert not Attendance.objects.exists()
    # Cancelled stays visible.
    assert "Inställt" in client.get(f"/natverk/{scn.network.slug}/moten/?ar=2026").content.decode()


def test_minutes_approve_and_pdfs(client_for, scn, meeting):
    client = client_for("secretary")
    later = datetime.date(2026, 12, 1)
    services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(later, 9), ends_at=at(later, 12)
    )  # the year's last: CO2 items go there
    services.add_agenda_item(scn.user("secretary"), meeting, title="Läget i kommunerna")
    response = client.post(url(meeting, "minutes"), {"text": "Alla var där.", "approve": "1"})
    assert response.status_code == 302
    from samverkan.meetings.models import Minutes

    assert Minutes.objects.get(meeting=meeting).is_approved
    for kind in ("dagordning", "protokoll"):
        response = client_for("member").get(url(meeting, "pdf", kind=kind))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert client.get(url(meeting, "pdf", kind="annat")).status_code == 404


def test_meeting_ics_download(client_for, meeting):
    response = client_for("member").get(url(meeting, "ics"))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(next(iter(cal.walk("VEVENT")))["UID"]) == meeting.uid


def test_person_feed_renew_and_revoke_404_reveals_nothing(client_for, scn, meeting):
    client = client_for("member")
    first = shown_feed_path(client.post("/min-sida/kalender/", {"action": "create"}))
    response = client_for("anonymous").get(first)
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [meeting.uid]
    new = shown_feed_path(client.post("/min-sida/kalender/", {"action": "renew"}))
    assert new != first
    old = client_for("anonymous").get(first)
    assert old.status_code == 404
    body = old.content.decode()
    assert "Socialchefsnätverket" not in body and "Maja" not in body
    assert client_for("anonymous").get(new).status_code == 200
    client.post("/min-sida/kalender/", {"action": "revoke"})
    assert client_for("anonymous").get(new).status_code == 404
    assert client_for("anonymous").get("/kalender/nonsense.ics").status_code == 404


def test_network_feed_is_each_members_own(client_for, scn, meeting):
    """Issue 13: a network's feed address belongs to the member who made it; another member's
    revoking or renewing touches only their own."""
    path = f"/natverk/{scn.network.slug}/moten/kalender/"
    mine = shown_feed_path(client_for("member").post(path, {"action": "create"}))
    feed = CalendarFeed.objects.get(network=scn.network, revoked_at__isnull=True)
    assert feed.person == scn.people["member"]
    client_for("secretary").post(path, {"action": "revoke"})  # has none: nothing happens
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert client_for("anonymous").get(mine).status_code == 200
    client_for("member").post(path, {"action": "revoke"})
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert client_for("anonymous").get(mine).status_code == 404
    assert client_for("reader").post(path, {"action": "create"}).status_code == 403


def test_year_end_minutes_record_review_through_the_page_CO2(client_for, scn, meeting):
    from samverkan.agreements.models import AgreementReview

    review = meeting.agenda_items.get(kind="agreement_review")
    client = client_for("coordinator")
    response = client.post(url(meeting, "minutes"), {"text": "Protokoll", "approve": "1"})
    assert "CO2" in response.content.decode()
    response = client.post(
        url(meeting, "minutes"),
        {
            "text": "Protokoll",
            f"item{review.pk}": "Utvärderad, inga ändringar.",
            "review_outcome": "evaluated",
            "version": "2",
            "approve": "1",
        },
    )
    assert response.status_code == 302
    assert AgreementReview.objects.get(network=scn.network, year=2026).outcome == "evaluated"


def test_municipality_page_and_network_page_show_attendance_P3(client_for, scn, meeting):
    from samverkan.meetings.attendance import record_attendance

    record_attendance(scn.user("secretary"), meeting, person=scn.people["member"], status="present")
    body = client_for("reader").get("/kommuner/klippan/").content.decode()
    assert "Närvaro i nätverken 2026" in body and "Socialchefsnätverket" in body
    network_page = f"/natverk/{scn.network.slug}/"
    assert (
        "Möten, dagordningar och protokoll"
        in client_for("member").get(network_page).content.decode()
    )
    assert (
        "Möten, dagordningar och protokoll"
        not in client_for("reader").get(network_page).content.decode()
    )


def test_attachment_upload_download_remove(client_for, scn, meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samverkan.meetings.models import Attachment

    client = client_for("secretary")
    upload = SimpleUploadedFile("underlag.txt", "Underlag till mötet".encode(), "text/plain")
    response = client.post(url(meeting, "attachment_add"), {"title": "Underlag", "file": upload})
    assert response.status_code == 302
    attachment = Attachment.objects.get(meeting=meeting)
    assert attachment.uploaded_by == scn.people["secretary"]
    download = client_for("member").get(url(meeting, "attachment", file=attachment.pk))
    assert b"".join(download.streaming_content) == "Underlag till mötet".encode()
    assert (
        client_for("reader").get(url(meeting, "attachment", file=attachment.pk)).status_code == 403
    )
    assert (
        client_for("member").post(url(meeting, "attachment", file=attachment.pk)).status_code == 403
    )
    client.post(url(meeting, "attachment", file=attachment.pk))
    assert not Attachment.objects.exists()


def test_revoking_without_a_feed_makes_none(client_for, scn):
    client_for("member").post("/min-sida/kalender/", {"action": "revoke"})
    client_for("secretary").post(
        f"/natverk/{scn.network.slug}/moten/kalender/", {"action": "revoke"}
    )
    assert not CalendarFeed.objects.exists()


def test_admin_lists_meetings(client_for, scn, meeting):
    from samverkan.people.models import User

    User.objects.filter(pk=scn.user("secretariat").pk).update(is_staff=True, is_superuser=True)
    client = client_for("secretariat")
    assert client.get("/admin/meetings/meeting/").status_code == 200
    assert client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").status_code == 200
