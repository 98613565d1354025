"""The inbox a person can work through (issue 16, point 6): filters for unread, kind and
network in the URL, "mark all read" (of what the filter shows), and the links in a notice's
text clickable."""

from django.urls import reverse

from samverkan.notifications.models import Notification
from samverkan.notifications.services import mark_read, notify
from tests.helpers import assert_same_queries, capture_queries


def _notices(cast, *, n=2, kind="test", network=None, person="member", prefix="k"):
    made = []
    for i in range(n):
        made += notify(
            [cast.people[person]],
            kind=kind,
            subject=f"{prefix} {kind} {i}",
            body="Text",
            key=f"{prefix}:{kind}:{i}:{network.pk if network else 0}",
            network=network,
        )
    return made


def _subjects(response):
    return {n.subject for n in response.context["page"].object_list}


def test_the_inbox_filters_by_unread_kind_and_network(cast, client_for):
    meeting = _notices(cast, kind="meeting_invitation", network=cast.network)
    _notices(cast, kind="survey_invitation", network=cast.other_network)
    mark_read(cast.people["member"], meeting[0])
    client = client_for("member")
    url = reverse("notifications:inbox")
    assert len(_subjects(client.get(url))) == 4
    assert _subjects(client.get(url, {"olasta": "1"})) == {
        "k meeting_invitation 1",
        "k survey_invitation 0",
        "k survey_invitation 1",
    }
    assert _subjects(client.get(url, {"typ": "meeting_invitation"})) == {
        "k meeting_invitation 0",
        "k meeting_invitation 1",
    }
    response = client.get(url, {"natverk": cast.other_network.slug, "olasta": "1"})
    assert _subjects(response) == {"k survey_invitation 0", "k survey_invitation 1"}
    html = response.content.decode()
    # The choices name the kinds in words and only the person's own networks.
    assert "Kallelse till möte" in html and "Enkät att besvara" in html
    assert f'value="{cast.other_network.slug}" selected' in html
    assert "Visa alla notiser" in html


def test_an_unknown_filter_value_is_told_in_swedish_and_left_out(cast, client_for):
    _notices(cast, network=cast.network)
    response = client_for("member").get(
        reverse("notifications:inbox"), {"typ": "nonsense", "natverk": "finns-inte"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det finns inga notiser av den typen i din inkorg." in html
    assert "Det finns inga notiser om det nätverket i din inkorg." in html
    assert len(_subjects(response)) == 2


def test_a_filter_that_matches_nothing_says_so(cast, client_for):
    (notice,) = _notices(cast, n=1)
    mark_read(cast.people["member"], notice)
    html = client_for("member").get(reverse("notifications:inbox"), {"olasta": "1"}).content
    assert "Inga notiser motsvarar filtret." in html.decode()


def test_mark_all_read_marks_what_the_filter_shows(cast, client_for):
    _notices(cast, kind="meeting_invitation", network=cast.network)
    _notices(cast, kind="survey_invitation", network=cast.other_network)
    client = client_for("member")
    response = client.post(
        reverse("notifications:read_all"),
        {"typ": "meeting_invitation", "next": reverse("notifications:inbox") + "?olasta=1"},
        follow=True,
    )
    assert "2 notiser markerade som lästa." in response.content.decode()
    unread = Notification.objects.filter(read_at__isnull=True)
    assert set(unread.values_list("kind", flat=True)) == {"survey_invitation"}
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_answer_links_in_a_notice_are_clickable(cast, client_for):
    (notice,) = notify(
        [cast.people["member"]],
        kind="invitation",
        subject="Inbjudan",
        body="Svara här: https://samverkan.example.se/natverk/svar/abc123/\n\nSe /natverk/x/ <b>",
        key="answer:1",
    )
    html = client_for("member").get(notice.get_absolute_url()).content.decode()
    link = "https://samverkan.example.se/natverk/svar/abc123/"
    assert f'<a href="{link}">{link}</a>' in html
    assert '<a href="/natverk/x/">/natverk/x/</a>' in html
    assert "&lt;b&gt;" in html  # the rest of the text stays text


def test_the_inbox_costs_the_same_queries_for_few_and_many_notices(cast, client_for):
    client = client_for("member")
    url = reverse("notifications:inbox")
    _notices(cast, n=2, network=cast.network)
    client.get(url)
    with capture_queries("few") as few:
        client.get(url, {"olasta": "1"})
    _notices(cast, n=15, kind="meeting_invitation", network=cast.other_network, prefix="m")
    with capture_queries("many") as many:
        client.get(url, {"olasta": "1"})
    assert_same_queries(few, many)
