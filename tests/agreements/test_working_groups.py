import datetime

import pytest

from samverkan.agreements import matters as work
from samverkan.agreements.models import WorkingGroup
from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.core.errors import RuleViolation
from samverkan.networks.models import Membership
from samverkan.networks.services import end_membership

DAY = datetime.date(2026, 3, 1)


def start(cast, contact, **kw):
    return work.start_working_group(
        cast.user("coordinator"),
        cast.network,
        name="Barn och unga",
        contact=contact,
        start_on=DAY,
        **kw,
    )


def verdict(cast, day=DAY):
    return evaluate([cast.network], day, rule_ids=["F4"])[0].verdicts["F4"]


def test_working_group_contact_must_be_a_member_F4(cast):
    with pytest.raises(RuleViolation) as exc:
        start(cast, cast.people["reader"])
    assert exc.value.rule_id == "F4"
    assert "Rita Läsare" in exc.value.message
    assert not WorkingGroup.objects.exists()


def test_working_group_participants_are_chosen_among_the_members_F4(cast):
    group = start(
        cast, cast.people["member"], members=[cast.people["member"], cast.people["secretary"]]
    )
    assert group.members.count() == 2


def test_a_participant_outside_the_network_is_refused_with_the_name_F4(cast):
    from samverkan.core.errors import ServiceError

    with pytest.raises(ServiceError, match="Otto Utomstående är inte medlem"):
        start(cast, cast.people["member"], members=[cast.people["outsider"]])
    assert not WorkingGroup.objects.exists()


def test_the_participant_picker_lists_only_the_networks_members_F4(cast, client_for):
    page = client_for("coordinator").get("/natverk/socialchefsnatverket/arbetsgrupper/")
    html = page.content.decode()
    assert "Maja Medlem" in html and "Kim Samordnare" in html
    assert "Otto Utomstående" not in html and "Rita Läsare" not in html


def test_no_groups_not_applicable_F4(cast):
    assert verdict(cast).status == Status.NOT_APPLICABLE


def test_group_with_member_contact_ok_F4(cast):
    start(cast, cast.people["member"])
    assert verdict(cast).status == Status.OK


def test_flagged_when_contact_leaves_F4(cast):
    start(cast, cast.people["member"])
    membership = Membership.objects.get(network=cast.network, person=cast.people["member"])
    end_membership(cast.user("coordinator"), membership, end_on=datetime.date(2026, 4, 1))
    v = verdict(cast, datetime.date(2026, 5, 1))
    assert v.status == Status.WARNING
    assert "Barn och unga" in v.explanation and "Maja Medlem" in v.explanation


def test_new_contact_clears_the_flag_F4(cast):
    group = start(cast, cast.people["member"])
    Membership.objects.filter(person=cast.people["member"]).update(end_on=datetime.date(2026, 4, 1))
    work.change_working_group_contact(
        cast.user("coordinator"),
        group,
        contact=cast.people["secretary"],
        today=datetime.date(2026, 5, 1),
    )
    assert verdict(cast, datetime.date(2026, 5, 1)).status == Status.OK


def test_change_contact_to_non_member_refused_F4(cast):
    group = start(cast, cast.people["member"])
    with pytest.raises(RuleViolation, match="Otto Utomstående") as exc:
        work.change_working_group_contact(
            cast.user("coordinator"), group, contact=cast.people["outsider"]
        )
    assert exc.value.rule_id == "F4"
    group.refresh_from_db()
    assert group.contact == cast.people["member"]


def test_ended_group_is_not_checked_F4(cast):
    group = start(cast, cast.people["member"])
    work.end_working_group(cast.user("coordinator"), group, end_on=datetime.date(2026, 3, 31))
    assert verdict(cast, datetime.date(2026, 5, 1)).status == Status.NOT_APPLICABLE


def test_working_group_page_refuses_non_member_contact_F4(cast, client_for):
    response = client_for("coordinator").post(
        "/natverk/socialchefsnatverket/arbetsgrupper/",
        {"name": "Missbruk", "contact": cast.people["reader"].pk},
    )
    # The picker offers only members (issue 16 §14), so a non-member is not a valid choice.
    assert response.status_code == 200
    assert "has-error" in response.content.decode()
    assert not WorkingGroup.objects.exists()
