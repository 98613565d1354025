"""Issue 16, point 4: "Mina uppgifter" on Min sida shows every due duty, each with its link
and due date; the header names the contact details "Mina kontaktuppgifter", and matters
(F1, "Ärenden") and questions to the secretariat (ST1) have names that cannot be confused."""

import datetime

from django.test import RequestFactory
from django.utils import timezone

from samverkan.agreements.models import OnboardingTask
from samverkan.compliance import stored
from samverkan.compliance.models import StoredVerdict
from samverkan.cooperation.models import ManagementContact
from samverkan.meetings.models import Meeting
from samverkan.networks.models import Network, Participation
from samverkan.people.duties import duties_for
from samverkan.people.services import confirm_contact_details
from tests.surveys.helpers import CLOSES, OPENS, opened_round

NOVEMBER = datetime.date(2026, 11, 15)
HOUR = datetime.timedelta(hours=1)


def duties(cast, who: str, today: datetime.date):
    request = RequestFactory().get("/min-sida/")
    request.user = cast.user(who)
    return duties_for(request, cast.people[who], today)


def texts(found) -> list[str]:
    return [str(d.text) for d in found]


def test_coordinator_sees_next_years_plan_due_31_december_N3(cast):
    stored.refresh_all(today=NOVEMBER)
    found = [d for d in duties(cast, "coordinator", NOVEMBER) if "2027" in str(d.text)]
    assert texts(found) == ["Anta årsplanen för 2027"]
    for duty in found:
        assert duty.due_on == datetime.date(2026, 12, 31)
        assert duty.network == "Socialchefsnätverket"
        assert duty.url.startswith("/")
    # A member coordinates nothing: none of these are theirs.
    assert not [d for d in duties(cast, "member", NOVEMBER) if "2027" in str(d.text)]


def test_chairs_and_business_plan_the_stored_verdicts_miss_are_duties_too_CH2_CO3(cast):
    # The verdicts as the nightly refresh stores them for a network with an agreement.
    for rule_id in ("CH2", "CO3"):
        StoredVerdict.objects.create(
            network=cast.network,
            rule_id=rule_id,
            year=2027,
            status="missing",
            fix_url=f"/natverk/socialchefsnatverket/{rule_id.lower()}/",
            as_of=NOVEMBER,
            computed_at=timezone.now(),
        )
    found = {str(d.text): d for d in duties(cast, "coordinator", NOVEMBER)}
    assert found["Utse ordförande för 2027"].url == "/natverk/socialchefsnatverket/ch2/"
    assert found["Anta verksamhetsplanen för 2027"].due_on == datetime.date(2026, 12, 31)


def test_next_years_duties_wait_until_november(cast):
    october = datetime.date(2026, 10, 1)
    stored.refresh_all(today=october)
    assert not [d for d in duties(cast, "coordinator", october) if "2027" in str(d.text)]


def test_stale_contact_details_are_a_duty_until_confirmed_N6(cast):
    member = cast.people["member"]
    today = timezone.localdate()
    confirm_contact_details(cast.user("member"), member)
    assert "Bekräfta dina kontaktuppgifter" not in texts(duties(cast, "member", today))
    later = today + datetime.timedelta(days=400)
    contact = [d for d in duties(cast, "member", later) if d.url == "/personer/mig/"]
    assert contact and contact[0].overdue(later)


def test_minutes_of_a_held_meeting_are_the_coordinators_and_secretarys_to_approve(cast):
    held = timezone.now() - datetime.timedelta(days=3)
    meeting = Meeting.objects.create(
        network=cast.network, title="Höstmöte", starts_at=held, ends_at=held + HOUR
    )
    today = timezone.localdate()
    for who in ("coordinator", "secretary"):
        found = [d for d in duties(cast, who, today) if "Justera protokollet" in str(d.text)]
        assert [d.url for d in found] == [f"/natverk/socialchefsnatverket/moten/{meeting.pk}/"]
        assert found[0].due_on == timezone.localtime(held).date() + datetime.timedelta(days=14)
    assert not [d for d in duties(cast, "member", today) if "Justera" in str(d.text)]


def test_management_contact_sees_the_invitation_to_answer_for_the_municipality_S1(cast):
    proposed = Network.objects.create(
        name="Nätverket för skolskjuts",
        slug="skolskjuts",
        area=cast.area,
        status=Network.Status.PROPOSED,
    )
    Participation.objects.create(
        network=proposed, municipality=cast.muni("Bjuv"), invited_on=datetime.date(2026, 11, 2)
    )
    ManagementContact.objects.create(
        municipality=cast.muni("Bjuv"), area=cast.area, person=cast.people["reader"]
    )
    found = [d for d in duties(cast, "reader", NOVEMBER) if d.network == proposed.name]
    assert texts(found) == ["Svara för Bjuv om deltagande i Nätverket för skolskjuts"]
    assert found[0].url == "/natverk/skolskjuts/uppstart/"


def test_an_introduction_to_give_is_a_duty_with_its_due_date_PR3(cast):
    membership = cast.network.memberships.get(person=cast.people["member"])
    OnboardingTask.objects.create(
        network=cast.network,
        membership=membership,
        representative=cast.people["coordinator"],
        created_on=NOVEMBER,
        due_on=datetime.date(2026, 11, 29),
    )
    found = [d for d in duties(cast, "coordinator", NOVEMBER) if "Introducera" in str(d.text)]
    assert texts(found) == ["Introducera Maja Medlem"]
    assert found[0].due_on == datetime.date(2026, 11, 29)


def test_a_survey_to_answer_is_a_duty_due_when_the_round_closes(cast):
    opened_round(cast)
    found = [d for d in duties(cast, "member", OPENS) if "enkäten" in str(d.text)]
    assert texts(found) == ["Svara på enkäten Enkät 2026"]
    assert found[0].due_on == CLOSES and found[0].url.startswith("/enkater/")


def test_my_page_lists_my_tasks_with_link_and_due_date(cast, client_for):
    held = timezone.now() - datetime.timedelta(days=30)
    Meeting.objects.create(network=cast.network, title="Möte", starts_at=held, ends_at=held + HOUR)
    html = client_for("coordinator").get("/min-sida/").content.decode()
    assert '<h2 id="duties-h">Mina uppgifter</h2>' in html
    assert "Justera protokollet från mötet" in html
    assert "Försenad, skulle vara klar" in html  # 30 days back: past the two weeks


def test_header_names_contact_details_and_my_page_apart(cast, client_for):
    html = client_for("member").get("/min-sida/").content.decode()
    header = html[: html.index("</header>")]
    assert '<a href="/personer/mig/">Mina kontaktuppgifter</a>' in header
    assert ">Min sida</a>" in header
    assert "Mina uppgifter" not in header
    assert (
        "<h1>Mina kontaktuppgifter</h1>"
        in client_for("member").get("/personer/mig/").content.decode()
    )


def test_matters_and_questions_to_the_secretariat_have_names_that_cannot_be_confused(
    cast, client_for
):
    client = client_for("coordinator")
    matters = client.get("/natverk/socialchefsnatverket/arenden/").content.decode()
    assert "<h1>Ärenden</h1>" in matters
    page = client.get("/natverk/socialchefsnatverket/").content.decode()
    nav = page[page.index('class="network-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert ">Frågor till sekretariatet</a>" in nav
    assert ">Frågor</a>" not in nav and ">Frågor</a>" not in matters
