"""A network with a life to archive (issue 15 §4): two meetings with agendas, attendance and
minutes (one approved, one a draft), an attachment, material, an agreement version, a matter
with a mandate and a working group, a cost allocated to the municipalities, a question to the
secretariat (which must stay out), and then closed. Built through the services."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.agreements.matters import mandate, record_matter, start_working_group
from samverkan.agreements.services import adopt_agreement_version
from samverkan.costs.services import record_cost
from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.models import STOCKHOLM, Meeting
from samverkan.meetings.services import (
    add_agenda_item,
    add_attachment,
    approve_minutes,
    save_minutes,
    schedule_meeting,
)
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.material.services import add_material, ask_question
from samverkan.networks.models import Network
from tests.cast import Cast

SECRET = "Hemlig fråga om min chef"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass
class Story:
    cast: Cast
    network: Network
    approved: Meeting
    draft: Meeting


def _meeting(cast: Cast, day: datetime.date, *, approve: bool) -> Meeting:
    coordinator = cast.user("coordinator")
    starts = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=STOCKHOLM)
    meeting = schedule_meeting(
        coordinator,
        cast.network,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        place="Rådhuset",
        host=cast.muni("Helsingborg"),
    )
    add_agenda_item(coordinator, meeting, title="Läget i kommunerna")
    add_agenda_item(coordinator, meeting, title="Övriga frågor")
    record_attendance(coordinator, meeting, person=cast.people["member"], status="present")
    record_attendance(coordinator, meeting, person=cast.people["secretary"], status="excused")
    record_attendance(coordinator, meeting, person=cast.people["coordinator"], status="present")
    save_minutes(coordinator, meeting, text=f"Protokoll från {day}: Maja Medlem föredrog läget.")
    if approve:
        approve_minutes(coordinator, meeting)
    return meeting


@pytest.fixture
def story(cast: Cast) -> Story:
    coordinator = cast.user("coordinator")
    network = cast.network
    approved = _meeting(cast, datetime.date(2024, 3, 5), approve=True)
    draft = _meeting(cast, datetime.date(2024, 4, 9), approve=False)
    add_attachment(
        coordinator, approved, title="Bilaga", file=SimpleUploadedFile("bilaga.pdf", PDF)
    )
    add_material(coordinator, network, title="Affisch", file=SimpleUploadedFile("affisch.pdf", PDF))
    adopt_agreement_version(
        coordinator,
        network,
        text="Överenskommelsens text.",
        parameters={
            "meetings_per_year": 10,
            "min_municipalities_per_matter": 2,
            "cost_sharing": "population",
        },
        adopted_on=datetime.date(2024, 1, 10),
    )
    concerned = [cast.muni("Helsingborg"), cast.muni("Klippan")]
    matter = record_matter(
        coordinator,
        network,
        title="Gemensam upphandling",
        concerned=concerned,
        raised_on=datetime.date(2024, 2, 1),
    )
    mandate(
        coordinator,
        network,
        people=[cast.people["member"]],
        arena="Regionalt samråd",
        start_on=datetime.date(2024, 2, 1),
        matter=matter,
        represents=concerned,
    )
    start_working_group(
        coordinator,
        network,
        name="Upphandlingsgruppen",
        contact=cast.people["member"],
        start_on=datetime.date(2024, 2, 1),
    )
    record_cost(
        coordinator,
        network,
        date=datetime.date(2024, 3, 1),
        description="Föreläsare",
        amount_ore=1_000_000,
    )
    ask_question(cast.user("member"), network, topic="other", subject=SECRET, text=SECRET)
    lifecycle.close_network(coordinator, network, reason="Uppdraget är klart.")
    network.refresh_from_db()
    return Story(cast=cast, network=network, approved=approved, draft=draft)
