"""Every page of the agreement workspace: who may see it, that it renders with data, and that
lists stay flat in queries."""

import datetime

import pytest

from samverkan.agreements import matters as work
from samverkan.agreements import services
from samverkan.agreements.models import Matter, OnboardingTask
from samverkan.agreements.reminders import remind_year_items
from samverkan.networks.models import Membership
from samverkan.notifications.models import Notification
from tests.agreements.helpers import adopt, munis
from tests.helpers import assert_same_queries, queries_of

BASE = "/natverk/socialchefsnatverket/"
DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def data(cast):
    adopt(cast)
    adopt(cast, text="Ny text", adopted_on=datetime.date(2025, 12, 1), meetings_per_year=8)
    user = cast.user("coordinator")
    plan = services.save_business_plan(user, cast.network, year=2026)
    area = services.save_focus_area(
        user, plan, name="Barn", municipalities=munis(cast, "Bjuv", "Klippan"), today=DAY
    )
    group = work.start_working_group(
        user, cast.network, name="G", contact=cast.people["member"], start_on=DAY
    )
    matter = work.record_matter(
        user,
        cast.network,
        title="Fråga",
        concerned=munis(cast, "Bjuv", "Klippan"),
        focus_area=area,
        working_group=group,
        raised_on=DAY,
    )
    work.mandate(
        user,
        cast.network,
        people=[cast.people["member"]],
        arena="Arena",
        start_on=DAY,
        matter=matter,
    )
    services.appoint_chairs(
        user,
        cast.network,
        year=2026,
        municipalities=munis(cast, "Bjuv", "Klippan"),
        appointed_on=datetime.date(2025, 11, 1),
    )
    return {"matter": matter, "group": group}


PUBLIC = [
    "overenskommelse/",
    "overenskommelse/jamfor/?fran=1&till=2",
    "samverkan/",
    "verksamhetsplan/2026/",
    "ordforande/",
]
INTERNAL = [
    "arenden/",
    "arenden/{matter}/",
    "uppdrag/",
    "arbetsgrupper/",
    "arbetsgrupper/{group}/",
    "introduktion/",
]
EDIT = ["overenskommelse/ny-version/", "overenskommelse/oversyn/"]


def url(path, data):
    return BASE + path.format(matter=data["matter"].pk, group=data["group"].pk)


@pytest.mark.parametrize("path", PUBLIC + INTERNAL + EDIT)
@pytest.mark.parametrize(
    ("who", "public", "internal", "edit"),
    [
        ("anonymous", 302, 302, 302),
        ("reader", 200, 403, 403),
        ("outsider", 200, 403, 403),
        ("member", 200, 200, 403),
        ("secretary", 200, 200, 403),
        ("coordinator", 200, 200, 200),
        ("secretariat", 200, 200, 200),
    ],
)
def test_page_access(cast, client_for, data, path, who, public, internal, edit):
    expected = public if path in PUBLIC else internal if path in INTERNAL else edit
    assert client_for(who).get(url(path, data)).status_code == expected


def test_unknown_network_is_404(cast, client_for):
    assert client_for("coordinator").get("/natverk/finns-inte/overenskommelse/").status_code == 404


def test_pages_render_their_data(cast, client_for, data):
    client = client_for("coordinator")
    assert "Version 1 mot 2" in client.get(url("overenskommelse/", data)).content.decode()
    matter = client.get(url("arenden/{matter}/", data)).content.decode()
    assert "Arena" in matter and "Maja Medlem" in matter
    chairs = client.get(url("ordforande/", data)).content.decode()
    assert "Förslag för" in chairs and "Bjuv" in chairs
    assert "Maja Medlem" in client.get(url("uppdrag/", data)).content.decode()


def test_reader_posting_to_edit_pages_is_refused(cast, client_for, data):
    response = client_for("reader").post(url("ordforande/", data), {"year": 2027})
    assert response.status_code == 403
    response = client_for("member").post(url("arenden/{matter}/", data), {"status": "closed"})
    assert response.status_code == 403
    assert Matter.objects.get().status == "raised"


def test_matter_status_form(cast, client_for, data):
    response = client_for("coordinator").post(url("arenden/{matter}/", data), {"status": "closed"})
    assert response.status_code == 302
    assert Matter.objects.get().status == "closed"


def test_matters_list_flat_in_queries(cast, client_for, data):
    client = client_for("coordinator")
    few = queries_of(client.get, url("arenden/", data))
    user = cast.user("coordinator")
    for i in range(10):
        matter = work.record_matter(
            user,
            cast.network,
            title=f"F{i}",
            concerned=munis(cast, "Bjuv", "Åstorp"),
            raised_on=DAY,
        )
        work.mandate(
            user,
            cast.network,
            people=[cast.people["member"]],
            arena="A",
            start_on=DAY,
            matter=matter,
        )
    assert_same_queries(few, queries_of(client.get, url("arenden/", data)))


def test_year_items_reminded_from_november_CH2_CO3(cast, data, django_capture_on_commit_callbacks):
    assert remind_year_items(datetime.date(2026, 10, 31)) == 0
    assert remind_year_items(datetime.date(2026, 11, 1)) == 1
    notice = Notification.objects.get(recipient=cast.people["coordinator"], kind="year_items_due")
    assert "utse ordförande" in notice.subject and "anta verksamhetsplan" in notice.subject
    remind_year_items(datetime.date(2026, 11, 2))  # same key: nobody told twice
    assert Notification.objects.filter(kind="year_items_due").count() == 1
    remind_year_items(datetime.date(2026, 12, 1))
    assert Notification.objects.filter(kind="year_items_due").count() == 2


def test_onboarding_done_by_representative_over_http(cast, client_for):
    adopt(cast)
    Membership.objects.create(
        network=cast.network,
        person=cast.people["secretary"],
        role=Membership.Role.ONBOARDING,
        start_on=datetime.date(2025, 1, 1),
    )
    from samverkan.networks.services import add_membership
    from tests.cast import make_person

    person = make_person("Nina Ny", cast.muni("Svalöv"))
    add_membership(cast.user("coordinator"), cast.network, person=person, start_on=DAY)
    task = OnboardingTask.objects.get()
    assert client_for("member").post(BASE + f"introduktion/{task.pk}/klar/").status_code == 403
    response = client_for("secretary").post(BASE + f"introduktion/{task.pk}/klar/")
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_on is not None
