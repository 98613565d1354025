import datetime

import pytest
from django.core.exceptions import PermissionDenied

from samverkan.agreements import matters as work
from samverkan.agreements import selectors
from samverkan.agreements.models import Mandate, Matter
from samverkan.cooperation.models import Municipality, Organisation
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.networks.models import Participation
from tests.agreements.helpers import adopt, munis

DAY = datetime.date(2026, 3, 1)


def record(cast, concerned, **kw):
    return work.record_matter(
        cast.user("coordinator"),
        cast.network,
        title="Placeringar",
        concerned=concerned,
        raised_on=DAY,
        **kw,
    )


def test_matter_refused_below_minimum_F2(cast):
    adopt(cast)
    with pytest.raises(RuleViolation) as exc:
        record(cast, munis(cast, "Bjuv"))
    assert exc.value.rule_id == "F2"
    assert "(F2)" in exc.value.message and "minst 2" in exc.value.message
    assert not Matter.objects.exists()


def test_matter_at_minimum_is_recorded_F1_F2(cast):
    adopt(cast)
    matter = record(cast, munis(cast, "Bjuv", "Klippan"), raised_by=cast.muni("Bjuv"))
    assert {m.name for m in matter.concerned.all()} == {"Bjuv", "Klippan"}
    assert matter.status == Matter.Status.RAISED
    assert HistoryEntry.objects.filter(verb="record_matter", network=cast.network).exists()


def test_without_agreement_one_municipality_is_enough_F2(cast):
    matter = record(cast, munis(cast, "Bjuv"))
    assert matter.raised_by is None  # raised by the network (F1)


def test_matter_needs_a_concerned_municipality(cast):
    with pytest.raises(ServiceError, match="Välj minst en berörd kommun"):
        record(cast, [])


def test_matter_refuses_municipality_outside_the_network_F1(cast):
    outsider = Municipality.objects.create(code="9999", name="Malmö", slug="malmo")
    with pytest.raises(ServiceError) as exc:
        record(cast, [cast.muni("Bjuv"), outsider])
    assert "Malmö" in exc.value.message
    assert not Matter.objects.exists()


def test_naming_the_region_marks_the_matter_F1(cast):
    region = Organisation.objects.create(name="Region Skåne", slug="region-skane", is_region=True)
    matter = record(cast, munis(cast, "Bjuv", "Åstorp"), organisations=[region])
    assert matter.with_region is True


def test_status_moves_forward_not_back_F1(cast):
    matter = record(cast, munis(cast, "Bjuv", "Åstorp"))
    user = cast.user("coordinator")
    work.advance_matter(user, matter, status=Matter.Status.REFERRED)
    assert matter.status == "referred_to_municipalities"
    with pytest.raises(ServiceError, match="kan inte gå tillbaka"):
        work.advance_matter(user, matter, status=Matter.Status.IN_PREPARATION)
    matter.refresh_from_db()
    assert matter.status == "referred_to_municipalities"


@pytest.mark.parametrize("who", ["member", "reader", "outsider"])
def test_only_editors_record_matters(cast, who):
    with pytest.raises(PermissionDenied):
        work.record_matter(cast.user(who), cast.network, title="x", concerned=munis(cast, "Bjuv"))


def test_mandate_listed_on_matter_and_person_F3(cast):
    matter = record(cast, munis(cast, "Bjuv", "Åstorp", "Klippan"))
    member = cast.people["member"]
    mandate = work.mandate(
        cast.user("coordinator"),
        cast.network,
        people=[member],
        arena="Regionalt samverkansråd",
        start_on=DAY,
        matter=matter,
    )
    assert {m.name for m in mandate.represents.all()} == {"Bjuv", "Åstorp", "Klippan"}
    assert list(matter.mandates.all()) == [mandate]
    assert selectors.person_mandates(member.pk) == [mandate]


def test_mandate_only_for_members_F3(cast):
    with pytest.raises(ServiceError) as exc:
        work.mandate(
            cast.user("coordinator"),
            cast.network,
            people=[cast.people["reader"]],
            arena="Arena",
            start_on=DAY,
            represents=munis(cast, "Bjuv"),
        )
    assert "Rita Läsare" in exc.value.message
    assert not Mandate.objects.exists()


def test_mandate_cannot_represent_a_municipality_that_left_F3(cast):
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).update(
        left_on=datetime.date(2025, 1, 1)
    )
    with pytest.raises(ServiceError, match="Bjuv deltar inte"):
        work.mandate(
            cast.user("coordinator"),
            cast.network,
            people=[cast.people["member"]],
            arena="Arena",
            start_on=DAY,
            represents=munis(cast, "Bjuv"),
        )


def test_matter_page_refuses_and_then_records_F2(cast, client_for):
    adopt(cast)
    client = client_for("coordinator")
    url = "/natverk/socialchefsnatverket/arenden/"
    bjuv, klippan = cast.muni("Bjuv").pk, cast.muni("Klippan").pk
    refused = client.post(url, {"title": "Hemlöshet", "concerned": [bjuv]})
    assert refused.status_code == 200
    assert "(F2)" in refused.content.decode()
    assert not Matter.objects.exists()
    done = client.post(url, {"title": "Hemlöshet", "concerned": [bjuv, klippan]})
    assert done.status_code == 302
    assert Matter.objects.get().title == "Hemlöshet"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("reader", 403),
        ("outsider", 403),
        ("member", 200),
        ("coordinator", 200),
        ("secretariat", 200),
    ],
)
def test_matters_page_is_internal(cast, client_for, who, status):
    response = client_for(who).get("/natverk/socialchefsnatverket/arenden/")
    assert response.status_code == status


def test_member_cannot_post_a_matter(cast, client_for):
    response = client_for("member").post(
        "/natverk/socialchefsnatverket/arenden/",
        {"title": "x", "concerned": [cast.muni("Bjuv").pk]},
    )
    assert response.status_code == 403
    assert not Matter.objects.exists()


def test_person_mandates_tag_lists_for_internal_viewers_F3(cast, rf):
    from django.template import Context, Template

    matter = record(cast, munis(cast, "Bjuv", "Klippan"))
    member = cast.people["member"]
    work.mandate(
        cast.user("coordinator"),
        cast.network,
        people=[member],
        arena="Regionforum",
        start_on=DAY,
        matter=matter,
    )
    template = Template("{% load agreements_tags %}{% person_mandates person %}")
    for who, shown in (("member", True), ("reader", False)):
        request = rf.get("/")
        request.user = cast.user(who)
        html = template.render(Context({"request": request, "person": member}))
        assert ("Regionforum" in html) is shown
