"""Issue 16, point 3: the reminders the spec asks for. N3: the coordinators are reminded to
adopt next year's plan from 1 November and again from 1 December. N6: each member and
coordinator whose contact details are stale is asked to confirm them, at most once a month."""

import datetime

from django.conf import settings
from django.utils import translation

from samverkan.networks.models import Membership
from samverkan.networks.reminders import month_after, remind_stale_contacts, remind_year_plans
from samverkan.networks.services import adopt_year_plan, end_membership, save_year_plan
from samverkan.notifications.models import Notification
from samverkan.notifications.reminders import REMINDERS, run_daily
from samverkan.people.services import confirm_contact_details
from tests.cast import make_person
from tests.helpers import assert_queries, assert_same_queries, queries_of


def _plan(cast, year, *, adopt):
    user = cast.user("coordinator")
    plan = save_year_plan(
        user,
        cast.network,
        year=year,
        purpose="Syfte",
        goals="Mål",
        meeting_organisation="Tio möten",
        contribution="Bidrag",
    )
    if adopt:
        adopt_year_plan(user, plan, today=datetime.date(2026, 10, 20))
    return plan


def _told(kind, person):
    return list(Notification.objects.filter(kind=kind, recipient=person).order_by("pk"))


# ---- N3 --------------------------------------------------------------------------------------


def test_coordinators_are_reminded_of_next_years_plan_from_1_november_and_1_december_N3(cast):
    coordinator = cast.people["coordinator"]
    assert remind_year_plans(datetime.date(2026, 10, 31)) == 0
    assert remind_year_plans(datetime.date(2026, 11, 1)) == 2  # both networks, no 2027 plan
    [notice] = _told("year_plan_due", coordinator)
    assert notice.subject == "Inför 2027: anta årsplanen för Socialchefsnätverket"
    assert "(N3)" in notice.body
    assert "/natverk/socialchefsnatverket/arsplan/2027/" in notice.body
    assert notice.body.startswith("Socialchefsnätverket ska före årsskiftet")
    assert notice.network == cast.network
    remind_year_plans(datetime.date(2026, 11, 17))  # later in November: the same reminder
    assert len(_told("year_plan_due", coordinator)) == 1
    remind_year_plans(datetime.date(2026, 12, 1))
    remind_year_plans(datetime.date(2026, 12, 2))
    assert len(_told("year_plan_due", coordinator)) == 2  # again from 1 December, once
    members = Notification.objects.filter(kind="year_plan_due", recipient=cast.people["member"])
    assert not members.exists()  # to the coordinators


def test_network_that_adopted_next_years_plan_is_not_reminded_N3(cast):
    _plan(cast, 2027, adopt=True)
    assert remind_year_plans(datetime.date(2026, 11, 1)) == 1  # the other network only
    assert not _told("year_plan_due", cast.people["coordinator"])
    assert _told("year_plan_due", cast.people["outsider"])


def test_a_draft_for_next_year_is_still_reminded_and_named_N3(cast):
    _plan(cast, 2027, adopt=False)
    remind_year_plans(datetime.date(2026, 11, 1))
    [notice] = _told("year_plan_due", cast.people["coordinator"])
    assert "Ett utkast finns men är inte antaget." in notice.body


def test_year_plan_reminder_runs_with_the_daily_reminders_and_twice_tells_once_N3(cast):
    assert "samverkan.networks.reminders.remind_year_plans" in REMINDERS
    run_daily(datetime.date(2026, 11, 1))
    run_daily(datetime.date(2026, 11, 1))  # a restarted scheduler runs the day again
    assert len(_told("year_plan_due", cast.people["coordinator"])) == 1


def test_year_plan_reminder_in_each_coordinators_language_N3(cast):
    english = make_person("Eve English", cast.muni("Bjuv"))
    english.user.language = "en"
    english.user.save(update_fields=["language"])
    Membership.objects.create(
        network=cast.network,
        person=english,
        municipality=english.municipality,
        role=Membership.Role.COORDINATOR,
        start_on=datetime.date(2025, 1, 1),
    )
    with translation.override("sv"):
        remind_year_plans(datetime.date(2026, 11, 1))
    [notice] = _told("year_plan_due", english)
    assert notice.subject == "Before 2027: adopt the year plan of Socialchefsnätverket"
    assert "There is no year plan for 2027 yet." in notice.body


# ---- N6 --------------------------------------------------------------------------------------


def _stale_day():
    """A day on which every person of the cast (confirmed 30 days ago) is stale."""
    return datetime.date.today() + datetime.timedelta(days=400)


def test_member_with_stale_contact_details_is_asked_to_confirm_them_N6(cast):
    day = _stale_day()
    assert remind_stale_contacts(datetime.date.today()) == 0  # confirmed 30 days ago: fresh
    sent = remind_stale_contacts(day)
    told = {n.recipient for n in Notification.objects.filter(kind="contact_details_stale")}
    # The members and coordinators of active networks, each once (the coordinator holds two
    # roles); not the reader or the secretariat, who are in no network.
    cast_people = cast.people
    assert told == {cast_people[k] for k in ("member", "secretary", "coordinator", "outsider")}
    assert sent == 4
    [notice] = _told("contact_details_stale", cast_people["member"])
    assert notice.subject == "Bekräfta dina kontaktuppgifter"
    assert "(N6)" in notice.body
    assert settings.SITE_URL.rstrip("/") + "/personer/mig/" in notice.body  # absolute
    confirmed = cast_people["member"].contact_confirmed_on.isoformat()
    assert f"Du bekräftade dem senast {confirmed}." in notice.body


def test_stale_contact_reminder_at_most_once_a_month_N6(cast):
    member = cast.people["member"]
    day = _stale_day()
    remind_stale_contacts(day)
    remind_stale_contacts(day)  # the same day again: nobody told twice
    remind_stale_contacts(day + datetime.timedelta(days=1))
    remind_stale_contacts(month_after(day) - datetime.timedelta(days=1))
    assert len(_told("contact_details_stale", member)) == 1
    remind_stale_contacts(month_after(day))
    assert len(_told("contact_details_stale", member)) == 2
    remind_stale_contacts(month_after(day) + datetime.timedelta(days=3))
    assert len(_told("contact_details_stale", member)) == 2


def test_confirming_contact_details_stops_the_reminders_N6(cast):
    member = cast.people["member"]
    day = _stale_day()
    remind_stale_contacts(day)
    confirm_contact_details(cast.user("member"), member, phone="042-11 11 11", today=day)
    remind_stale_contacts(month_after(day))
    assert len(_told("contact_details_stale", member)) == 1
    assert len(_told("contact_details_stale", cast.people["secretary"])) == 2


def test_person_who_left_every_network_is_not_reminded_N6(cast):
    day = _stale_day()
    for membership in Membership.objects.filter(person=cast.people["member"]):
        end_membership(cast.user("coordinator"), membership)
    remind_stale_contacts(day)
    assert not _told("contact_details_stale", cast.people["member"])


def test_a_month_after_the_last_day_of_a_month_is_the_last_day_of_the_next_N6():
    assert month_after(datetime.date(2027, 1, 31)) == datetime.date(2027, 2, 28)
    assert month_after(datetime.date(2028, 1, 31)) == datetime.date(2028, 2, 29)
    assert month_after(datetime.date(2026, 12, 15)) == datetime.date(2027, 1, 15)


def _more_members(cast, n):
    for i in range(n):
        person = make_person(f"Extra Medlem {i}", cast.muni("Bjuv"))
        Membership.objects.create(
            network=cast.network,
            person=person,
            municipality=person.municipality,
            role=Membership.Role.MEMBER,
            start_on=datetime.date(2025, 1, 1),
        )


def test_daily_check_of_stale_contacts_costs_the_same_for_4_and_24_people_N6(cast):
    day = _stale_day()
    remind_stale_contacts(day)
    few = queries_of(remind_stale_contacts, day + datetime.timedelta(days=1))
    _more_members(cast, 20)
    remind_stale_contacts(day + datetime.timedelta(days=2))  # the 20 new are reminded
    many = queries_of(remind_stale_contacts, day + datetime.timedelta(days=3))
    assert_same_queries(few, many)
    assert_queries(many, exactly=2)  # who is stale, and when each was last reminded


def test_year_plan_reminder_reads_nothing_before_november_and_writes_nothing_twice_N3(cast):
    _plan(cast, 2027, adopt=True)
    assert_queries(queries_of(remind_year_plans, datetime.date(2026, 10, 1)), exactly=0)
    remind_year_plans(datetime.date(2026, 11, 1))
    again = queries_of(remind_year_plans, datetime.date(2026, 11, 2))
    assert not [q for q in again.sql if q.startswith(("INSERT", "UPDATE"))]
