"""The register extract of the demo's coordinator compared with what the demo is known to
hold about her (issue 15 §1: "a test compares the extract with the demo person's known
data"): demo/networks.py names her, demo/data.py her mandate and working group."""

import pytest
from django.utils import timezone

from samverkan.demo import data
from samverkan.demo.build import load_demo
from samverkan.meetings.models import Attendance
from samverkan.people.models import Person
from samverkan.records.extract.selectors import register_extract
from samverkan.surveys.models import Invitation


@pytest.mark.django_db
def test_extract_of_the_demo_coordinator_matches_the_demo():
    load_demo(timezone.localdate(), invite=False)
    karin = Person.objects.get(email=data.LOGINS[1][0])
    parts = {key: part["data"] for key, part in register_extract(karin)["parts"].items()}

    person = parts["person"]
    assert (person["name"], person["title"], person["municipality"], person["unit"]) == (
        "Karin Lindqvist",
        "Socialchef",
        "Ängelholm",
        "Socialförvaltningen",
    )
    assert person["email"] == "samordnare@demo.se" == parts["account"]["email"]
    assert parts["account"]["has_password"] is True

    roles = {(m["network"], m["role"]) for m in parts["memberships"]}
    assert roles == {("Socialchefsnätverket", "Samordnare"), ("Socialchefsnätverket", "Medlem")}
    assert all(m["end_on"] is None for m in parts["memberships"])

    assert [m["arena"] for m in parts["mandates"]] == [data.MANDATE_ARENA]
    assert [(g["name"], g["is_contact"]) for g in parts["working_groups"]] == [
        (data.WORKING_GROUP, True)
    ]

    # Attendance and survey invitations, row for row as the database holds them.
    held = Attendance.objects.filter(person=karin).select_related("meeting")
    assert [(a["starts_at"], a["status"]) for a in parts["attendance"]] == [
        (
            timezone.localtime(a.meeting.starts_at).isoformat(),
            str(a.get_status_display()),
        )
        for a in held.order_by("meeting__starts_at")
    ]
    assert len(parts["attendance"]) > 0
    assert len(parts["survey_invitations"]) == Invitation.objects.filter(person=karin).count()

    # The history names what the demo did to her, as the secretariat's load_demo.
    assert {e["verb"] for e in parts["history"]} >= {"load_demo"}
    assert all(e["acted_by"] == data.LOGINS[0][0] for e in parts["history"])
