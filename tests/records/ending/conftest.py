"""A member with a life in the network (issue 15, §2): a past meeting with her attendance and
approved minutes that name her, a matter, a working group and a mandate, a calendar feed and
an API token, a signed-in session. Built through the services, as users do."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverkan.agreements import matters
from samverkan.agreements.models import Agreement, AgreementVersion, Mandate, Matter, WorkingGroup
from samverkan.api.services import issue_token
from samverkan.meetings import services as meetings
from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.feeds import create_feed
from samverkan.meetings.models import STOCKHOLM, Meeting
from tests.cast import PASSWORD, Cast


@dataclass
class Story:
    cast: Cast
    meeting: Meeting
    matter: Matter
    group: WorkingGroup
    mandate: Mandate
    feed_path: str
    token: str
    session: Client


def sign_in(email: str) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def story(cast: Cast, settings: Any) -> Story:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    coordinator, secretary = cast.user("coordinator"), cast.user("secretary")
    maja = cast.people["member"]
    agreement = Agreement.objects.create(network=cast.network)
    AgreementVersion.objects.create(
        agreement=agreement, number=1, text="Överenskommelse", adopted_on=datetime.date(2020, 1, 1)
    )
    day = timezone.localdate() - datetime.timedelta(days=7)
    start = datetime.datetime.combine(day, datetime.time(9), tzinfo=STOCKHOLM)
    meeting = meetings.schedule_meeting(
        secretary, cast.network, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    record_attendance(secretary, meeting, person=maja, status="present")
    record_attendance(secretary, meeting, person=cast.people["coordinator"], status="present")
    meetings.save_minutes(secretary, meeting, text="Maja Medlem föredrog läget i Klippan.")
    meetings.approve_minutes(coordinator, meeting)
    matter = matters.record_matter(
        coordinator,
        cast.network,
        title="Gemensam upphandling",
        concerned=[cast.muni("Klippan"), cast.muni("Bjuv")],
    )
    group = matters.start_working_group(
        coordinator,
        cast.network,
        name="Upphandlingsgruppen",
        contact=cast.people["coordinator"],
        members=[maja, cast.people["secretary"]],
    )
    mandate = matters.mandate(
        coordinator,
        cast.network,
        people=[maja],
        arena="Regionala samverkansgruppen",
        start_on=datetime.date(2024, 1, 1),
        matter=matter,
    )
    _feed, secret = create_feed(maja.user, person=maja)
    _token, token = issue_token(cast.user("secretariat"), maja, name="Majas integration")
    return Story(
        cast=cast,
        meeting=meeting,
        matter=matter,
        group=group,
        mandate=mandate,
        feed_path=reverse("meetings:feed", kwargs={"token": secret}),
        token=token,
        session=sign_in(maja.email),
    )
