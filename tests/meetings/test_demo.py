"""The demo year of meetings for Socialchefsnätverket (issue 5: demo data)."""

import datetime

import pytest
from django.utils import timezone

from samverkan.demo.build import load_demo
from samverkan.meetings.models import Attendance, Meeting, Minutes
from samverkan.meetings.selectors import attendance_stats
from samverkan.meetings.services import year_end_kinds
from samverkan.networks.models import Network


@pytest.mark.django_db
def test_demo_year_of_meetings_with_attendance_P3():
    today = timezone.localdate()
    load_demo(today, invite=False)
    network = Network.objects.get(slug="socialchefsnatverket")
    meetings = list(Meeting.objects.filter(network=network).in_year(today.year))
    assert len(meetings) == 10
    assert not [m for m in meetings if m.local_start.month == 7]
    held = [m for m in meetings if m.starts_at <= timezone.now()]
    assert Minutes.objects.filter(meeting__in=held, state="approved").count() == len(held)
    assert Attendance.objects.filter(meeting__in=held).exists() == bool(held)
    wanted = {kind for kind, _title in year_end_kinds(network, today.year)}
    assert set(meetings[-1].agenda_items.exclude(kind="").values_list("kind", flat=True)) == wanted
    if held:
        stats = attendance_stats(network, today.year)
        assert any(r.label == "Perstorp" and r.mostly_absent for r in stats.municipalities)
    assert datetime.date.today().year == today.year
