"""Issue 17, part B: the dashboard reads the stored verdicts (one page of networks, GROUP BY
counts), shows when they were computed, evaluates inline only the few a write made stale, and
stays the same size in queries and HTML whatever the number of networks."""

import datetime
import re

import pytest
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from samverkan.compliance import marks, stored
from samverkan.compliance.models import StoredVerdict
from samverkan.compliance.selectors import evaluate, summary
from samverkan.networks import services
from samverkan.networks.models import Membership, Network
from samverkan.reports import sections as reports
from tests.helpers import assert_same_queries, capture_queries, queries_of
from tests.networks.test_query_counts import add_networks

URL = reverse("dashboard:dashboard")


def year() -> int:
    return timezone.localdate().year


def store_everything() -> None:
    """Every network's rows current, and the marks cleared as the task clears them (the test
    is one transaction: its later writes must mark again, as a new request's would)."""
    stored.refresh_stale(Network.objects.all(), year(), limit=-1)
    marks.clear_marks(marks.marks_seen())


@pytest.fixture
def evaluated(monkeypatch) -> list[list[int]]:
    """The networks each evaluation the stored-verdict writer ran was given."""
    calls: list[list[int]] = []
    real = stored.evaluate_in

    def counting(networks, as_of, languages, **kwargs):
        calls.append(sorted(n.pk for n in networks))
        return real(networks, as_of, languages, **kwargs)

    monkeypatch.setattr(stored, "evaluate_in", counting)
    return calls


def test_dashboard_reads_stored_rows_and_evaluates_nothing_when_current(
    cast, client_for, evaluated
):
    store_everything()
    evaluated.clear()
    response = client_for("secretariat").get(URL)
    assert response.status_code == 200
    assert evaluated == []
    networks = Network.objects.exclude(status=Network.Status.CLOSED)
    as_of = timezone.localdate()
    assert response.context["counts"] == {
        **{rule: counts for rule, counts in summary(evaluate(networks, as_of)).items()},
    }
    body = response.content.decode()
    assert "Beräknat " in body
    oldest = StoredVerdict.objects.filter(year=year(), network__in=networks).aggregate(
        oldest=Min("computed_at")
    )["oldest"]
    assert oldest is not None and response.context["computed_at"] == oldest
    assert response.context["updating"] == 0


def test_after_a_write_the_dashboard_evaluates_only_the_touched_network(
    cast, client_for, evaluated
):
    store_everything()
    evaluated.clear()
    coordinator = Membership.objects.get(network=cast.network, role=Membership.Role.COORDINATOR)
    services.end_membership(cast.user("secretariat"), coordinator, end_on=timezone.localdate())
    response = client_for("secretariat").get(URL)
    assert evaluated == [[cast.network.pk]]  # one snapshot for both languages, that network only
    row = next(r for r in response.context["rows"] if r.network == cast.network)
    fresh = evaluate([cast.network], timezone.localdate())[0].verdicts
    assert {k: v.status for k, v in row.verdicts.items()} == {k: v.status for k, v in fresh.items()}


def test_many_stale_networks_are_shown_as_being_updated(cast, client_for, settings, evaluated):
    settings.COMPLIANCE_INLINE_MAX = 1
    response = client_for("secretariat").get(URL)  # nothing stored yet: two stale networks
    assert response.context["updating"] == 2
    assert "2 nätverk uppdateras" in response.content.decode()
    assert "uppdateras" in response.content.decode()


def test_visa_missing_lists_only_networks_with_something_missing(cast, client_for):
    store_everything()
    rows = client_for("secretariat").get(URL, {"visa": "missing"}).context["rows"]
    fresh = evaluate(Network.objects.exclude(status=Network.Status.CLOSED), timezone.localdate())
    expected = {
        r.network.pk for r in fresh if any(v.status == "missing" for v in r.verdicts.values())
    }
    assert {r.network.pk for r in rows} == expected


def test_dashboard_flat_in_queries_and_bounded_in_html_from_20_to_200_networks(
    cast, client_for, monkeypatch
):
    monkeypatch.setattr(reports, "HEAT_MAP_MAX_NETWORKS", 10)  # the folded map at both sizes
    client = client_for("secretariat")
    add_networks(cast, 18)  # with the cast's two: 20
    store_everything()
    twenty = queries_of(client.get, URL)
    add_networks(cast, 180, first=18)
    store_everything()
    two_hundred = queries_of(client.get, URL)
    assert Network.objects.count() == 200
    assert_same_queries(twenty, two_hundred)
    page = client.get(URL)
    assert len(page.context["rows"]) == 50
    add_networks(cast, 200, first=198)
    store_everything()
    four_hundred = client.get(URL)
    # One page of the matrix whatever the size: only counts and page numbers differ.
    assert abs(len(four_hundred.content) - len(page.content)) < 500
    assert len(page.content) < 300_000


def test_htmx_matrix_swap_skips_the_panels(cast, client_for):
    store_everything()
    response = client_for("secretariat").get(
        URL, headers={"HX-Request": "true", "HX-Target": "matrix"}
    )
    body = response.content.decode()
    assert 'id="matrix"' in body and "lifecycle-h" not in body


def test_kept_counts_and_duty_lists_follow_every_write_of_stored_verdicts(
    cast, client_for, kept_fragments
):
    """Issue 17: the counts (a GROUP BY over a year's stored rows) and the duty lists are kept
    until a write of stored rows raises their version, so a second visit counts nothing, and
    the visit after a change shows the counts of the re-evaluated network, not the kept ones.
    They are kept in the shared cache too, so a new worker does not count them again."""
    store_everything()
    client = client_for("secretariat")
    networks = Network.objects.exclude(status=Network.Status.CLOSED)
    before = client.get(URL).context["counts"]
    again = queries_of(client.get, URL)
    counting = [q for q in again.sql if "GROUP BY" in q and "compliance_storedverdict" in q]
    assert counting == []
    assert client.get(URL).context["counts"] == before
    kept_fragments.clear()  # a worker that has just started: the shared copy serves it
    again = queries_of(client.get, URL)
    assert [q for q in again.sql if "GROUP BY" in q and "compliance_storedverdict" in q] == []

    version = stored.verdicts_version()
    coordinator = Membership.objects.get(network=cast.network, role=Membership.Role.COORDINATOR)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.end_membership(cast.user("secretariat"), coordinator, end_on=yesterday)
    response = client.get(URL)  # evaluates the network inline, which raises the version
    assert stored.verdicts_version() > version
    fresh = summary(evaluate(networks, timezone.localdate()))
    shown = response.context["counts"]
    assert {k: v for k, v in shown.items() if v != fresh.get(k)} == {}
    assert shown == fresh != before
    overdue = next(d for d in response.context["duties"] if d.kind == "forsenade")
    assert overdue.total == sum(c["missing"] for c in fresh.values())


def test_after_a_write_to_a_network_off_the_page_the_dashboard_does_not_wait_for_it(
    cast, client_for, evaluated, monkeypatch
):
    """Issue 17: the page evaluates inline only the stale networks it shows; a network written
    to elsewhere is left to its task (the request does not wait), counted by its last rows
    meanwhile and shown as being updated; once the task has run, the counts are current."""
    from samverkan.dashboard import views

    monkeypatch.setattr(views, "DASHBOARD_PAGE_SIZE", 1)
    store_everything()
    client = client_for("secretariat")
    first = client.get(URL).context["rows"][0].network
    other = Network.objects.exclude(status=Network.Status.CLOSED).exclude(pk=first.pk).first()
    coordinator = Membership.objects.filter(network=other, role=Membership.Role.COORDINATOR)[0]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    evaluated.clear()
    services.end_membership(cast.user("secretariat"), coordinator, end_on=yesterday)
    response = client.get(URL)
    assert evaluated == []
    assert response.context["updating"] == 1
    assert "1 nätverk uppdateras" in response.content.decode()

    stored.refresh_marked([other.pk])  # what the queued task does
    response = client.get(URL)
    networks = Network.objects.exclude(status=Network.Status.CLOSED)
    assert response.context["updating"] == 0
    assert response.context["counts"] == summary(evaluate(networks, timezone.localdate()))


def test_the_page_of_the_matrix_is_kept_until_its_verdicts_or_networks_change(
    cast, client_for, kept_fragments
):
    """Issue 17: a warm dashboard, and a new worker's first, print the page's cells as kept
    and read none of its stored rows; a change of a network's verdict (its stored rows written)
    and a renamed network both show on the next visit; the kept page is the one built anew."""
    store_everything()
    client = client_for("secretariat")
    first = client.get(URL)
    built = first.content.decode()
    before = next(r for r in first.context["rows"] if r.network == cast.network).verdicts
    reading = queries_of(client.get, URL).sql
    assert [q for q in reading if "compliance_storedverdict" in q and "rule_id" in q] == []
    kept_fragments.clear()  # a worker that has just started: the shared copy serves it
    with capture_queries("a new worker's dashboard") as again:
        response = client.get(URL)
    assert [q for q in again.sql if "compliance_storedverdict" in q and "rule_id" in q] == []
    assert without_tokens(response.content.decode()) == without_tokens(built)

    coordinator = Membership.objects.get(network=cast.network, role=Membership.Role.COORDINATOR)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.end_membership(cast.user("secretariat"), coordinator, end_on=yesterday)
    after = client.get(URL)
    now = next(r for r in after.context["rows"] if r.network == cast.network).verdicts
    changed = [k for k, v in now.items() if k in before and v.status != before[k].status]
    assert changed  # the coordinator's leaving changed at least one verdict
    for rule_id in changed:
        assert f'aria-label="{now[rule_id].label} {rule_id}"' in cell_of(
            after.content.decode(), cast.network
        )
        assert f'aria-label="{before[rule_id].label} {rule_id}"' in cell_of(built, cast.network)

    cast.network.name = "Socialchefsnätverket i nordväst"
    cast.network.save()  # as the admin saves it: recorded in the history
    assert "Socialchefsnätverket i nordväst" in client.get(URL).content.decode()


def without_tokens(html: str) -> str:
    """The page without what differs by request (the CSRF token, the CSP nonce)."""
    return re.sub(
        r'"X-CSRFToken": "[^"]+"|nonce="[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"', "", html
    )


def cell_of(html: str, network: Network) -> str:
    """The matrix row of one network."""
    start = html.index(f'class="dash-name"><a href="{network.get_absolute_url()}"')
    return html[start : html.index("</tr>", start)]


def test_the_networks_without_rows_are_kept_and_a_new_network_is_counted_at_once(
    cast, client_for, kept_fragments, monkeypatch
):
    """Issue 17: which networks have no stored rows (a NOT EXISTS over every open network,
    17 ms at 10,000 on PostgreSQL) is kept under the stored rows' version and the networks'
    history: a second visit does not ask it again, and a network created since is counted as
    being updated on the very next visit."""
    from samverkan.dashboard import views

    monkeypatch.setattr(views, "DASHBOARD_PAGE_SIZE", 1)
    store_everything()
    client = client_for("secretariat")
    assert client.get(URL).context["updating"] == 0

    def over_every_network(sql: list[str]) -> list[str]:
        return [q for q in sql if "NOT EXISTS" in q and '"networks_network"."id" IN' not in q]

    assert over_every_network(queries_of(client.get, URL).sql) == []
    Network.objects.create(name="Örnätverket", slug="ornatverket", area=cast.network.area)
    response = client.get(URL)
    assert response.context["updating"] == 1
    assert "1 nätverk uppdateras" in response.content.decode()
