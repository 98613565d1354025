"""A cast member with something in most rooms, made through the services (STYLE 9)."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from samverkan.api.services import issue_token
from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.feeds import create_feed
from samverkan.meetings.models import Meeting
from samverkan.meetings.services import schedule_meeting
from samverkan.networks.material.services import ask_question
from samverkan.notifications.services import notify
from samverkan.people.models import Person
from tests.cast import Cast


@dataclass
class Held:
    person: Person
    meeting: Meeting
    token_plain: str
    feed_plain: str


def give_member_a_life(cast: Cast) -> Held:
    member = cast.people["member"]
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    meeting = schedule_meeting(
        cast.user("coordinator"),
        cast.network,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Kommunhuset",
        title="Höstmötet",
    )
    record_attendance(cast.user("coordinator"), meeting, person=member, status="present")
    ask_question(
        cast.user("member"),
        cast.network,
        topic="purpose",
        subject="Hur skriver vi syftet?",
        text="Vi undrar över syftet.",
    )
    _token, token_plain = issue_token(cast.user("secretariat"), member, name="Intranätet")
    _feed, feed_plain = create_feed(cast.user("member"), person=member)
    notify(
        [member],
        kind="test_notice",
        subject="Välkommen",
        body="Du är med i nätverket.",
        key="test:welcome",
        network=cast.network,
    )
    return Held(member, meeting, token_plain, feed_plain)


@pytest.fixture
def held(cast: Cast) -> Held:
    return give_member_a_life(cast)
