"""Who made a change, as the history shows it (issue 13, part 6): an account, or "via
e-postlänk för <person>" for a change made through a personal e-mailed link without signing
in; the admin's list of the history shows the same."""

from samverkan.cooperation.models import Area
from samverkan.history.context import acting, link_holder
from samverkan.history.models import HistoryEntry


def test_a_change_by_link_names_the_holder_in_the_entry(cast):
    person = cast.people["member"]
    with acting(None, "answer_invitation", via_link_for=person):
        Area.objects.create(name="Kultur", slug="kultur")
    entry = HistoryEntry.objects.get(object_repr="Kultur")
    assert entry.actor is None
    assert entry.via_link_for == f"Maja Medlem <{person.email}>"
    assert entry.who == f"via e-postlänk för Maja Medlem <{person.email}>"


def test_the_holder_of_an_account_without_a_person_is_its_address(cast):
    assert link_holder(cast.user("member")) == cast.user("member").email


def test_the_admin_history_list_shows_who_acted(cast, admin_client):
    with acting(None, "answer_invitation", via_link_for=cast.people["member"]):
        Area.objects.create(name="Kultur", slug="kultur")
    with acting(cast.user("secretariat"), "admin"):
        Area.objects.create(name="Fritid", slug="fritid")
    page = admin_client.get("/admin/history/historyentry/").content.decode()
    assert "via e-postlänk för Maja Medlem &lt;maja.medlem@example.se&gt;" in page
    assert cast.people["secretariat"].email in page
