"""Issue 16, "The dashboard at 50 networks and 30 rules": a secretariat officer sees in one
screen what needs doing. Rule columns in groups (a group that applies to no network shown
collapsed), cells as symbols with words for screen readers and details in a side panel,
counts per verdict and the duties due before 31 December and overdue on top, sorting by the
worst and filtering by rule and verdict with the choice in the URL; and (issue 17) the same
number of queries however many networks."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.compliance import marks, stored
from samverkan.compliance.selectors import registered_rules
from samverkan.dashboard import due, selectors
from samverkan.dashboard.matrix import matrix_rows
from samverkan.dashboard.views import SYMBOLS
from samverkan.networks import services
from samverkan.networks.models import Membership, Network
from samverkan.reports import sections as reports
from tests.dashboard.test_dashboard_stored import store_everything
from tests.helpers import assert_same_queries, queries_of
from tests.networks.test_query_counts import add_networks

URL = reverse("dashboard:dashboard")


def year() -> int:
    return timezone.localdate().year


def december(y: int | None = None) -> datetime.date:
    return datetime.date(y or year(), 12, 1)


def store_as_of(today: datetime.date) -> None:
    """Every network's rows for every stored year, judged on `today`."""
    stored.refresh_networks(Network.objects.values_list("pk", flat=True), today=today)
    marks.clear_marks(marks.marks_seen())


def end_coordinator(cast) -> None:
    coordinator = Membership.objects.get(network=cast.network, role=Membership.Role.COORDINATOR)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.end_membership(cast.user("secretariat"), coordinator, end_on=yesterday)


def test_rule_columns_are_grouped_and_a_group_no_network_needs_is_collapsed(cast, client_for):
    store_everything()
    client = client_for("secretariat")
    response = client.get(URL)
    groups = {g.slug: g for g in response.context["groups"]}
    assert list(groups) == ["checklista", "uppstart", "overenskommelse"]
    # Both networks are active without an agreement: starting and the agreement's rules apply
    # to neither, so those groups are one column each, with a way to open them.
    assert groups["uppstart"].collapsed and groups["overenskommelse"].collapsed
    assert not groups["checklista"].collapsed
    assert {r.id for r in groups["checklista"].rules} >= {"N1", "N3", "N4"}
    body = response.content.decode()
    assert 'scope="colgroup"' in body and "Checklistan" in body
    assert ">S1<" not in body
    opened = client.get(URL, {"oppna": "uppstart"})
    assert not {g.slug: g for g in opened.context["groups"]}["uppstart"].collapsed
    assert ">S1<" in opened.content.decode() and ">S4<" in opened.content.decode()
    assert 'name="oppna" value="uppstart"' in opened.content.decode()  # kept by the filters


def test_cells_are_symbols_with_words_for_screen_readers_and_details_in_a_side_panel(
    cast, client_for
):
    store_everything()
    body = client_for("secretariat").get(URL).content.decode()
    # N3 is missing for both (no year plan): a button with the symbol and the words, opening
    # a popover (top layer: the table does not reflow) with the explanation and the fix link.
    cell = re.search(
        rf'<button popovertarget="c{cast.network.pk}-n3" aria-label="Saknas N3">(.*?)</button>',
        body,
    )
    assert cell, "no N3 cell"
    assert cell.group(1) == "✕"
    panel = re.search(rf'<div popover id="c{cast.network.pk}-n3">(.*?)</div>', body)
    assert panel and f"Det finns ingen årsplan för {year()}" in panel.group(1)
    assert "Åtgärda" in panel.group(1)
    table = body.split('class="matrix dash-matrix"')[1].split("</table>")[0]
    assert "<details" not in table  # nothing in the table grows when opened


def test_a_name_with_markup_is_text_in_the_matrix_and_a_row_being_updated_says_so(cast, client_for):
    """The matrix's rows are built in Python (dashboard/matrix.py, issue 17): what a person
    typed is escaped as the template engine escaped it, and a network whose verdicts are not
    stored yet shows "uppdateras" in its cells."""
    Network.objects.filter(pk=cast.network.pk).update(name='Nät <img src=x onerror="alert(1)">')
    store_everything()
    body = client_for("secretariat").get(URL).content.decode()
    table = body.split('class="matrix dash-matrix"')[1].split("</table>")[0]
    assert "<img" not in table
    assert "Nät &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a></th>" in table
    rows = stored.stored_verdicts([cast.network], year(), today=timezone.localdate())
    groups = selectors.column_groups(registered_rules(), rows)
    rows[0].verdicts.clear()  # as a network not yet evaluated: no stored rows
    html = "".join(matrix_rows(rows, groups, SYMBOLS))
    cells = html.count("<td")
    assert cells == sum(g.span for g in groups)
    assert html.count('<span class="meta">uppdateras</span>') == sum(
        len(g.rules) for g in groups if not g.collapsed
    )


def test_counts_per_verdict_on_top_link_to_the_filtered_matrix(cast, client_for):
    store_everything()
    response = client_for("secretariat").get(URL)
    counts = response.context["counts"]
    totals = response.context["totals"]
    assert totals["missing"] == sum(c["missing"] for c in counts.values()) > 0
    assert totals["ok"] == sum(c["ok"] for c in counts.values())
    body = response.content.decode()
    assert f"{totals['missing']} saknas" in body
    assert 'href="?visa=missing"' in body


def test_filter_by_rule_and_verdict_shows_only_those_networks_and_is_in_the_url(cast, client_for):
    """N4: the network whose coordinator left is the one listed for "N4, saknas"."""
    end_coordinator(cast)
    store_everything()
    client = client_for("secretariat")
    response = client.get(URL, {"regel": "N4", "visa": "missing"})
    assert [r.network for r in response.context["rows"]] == [cast.network]
    body = response.content.decode()
    assert '<option value="N4" selected>' in body
    assert 'data-hx-push-url="true"' in body  # the filters change the address
    applies = client.get(URL, {"regel": "N4"})  # the rule alone: networks it applies to
    assert {r.network for r in applies.context["rows"]} == {cast.network, cast.other_network}
    unknown = client.get(URL, {"regel": "X9"})  # an unknown rule is no filter
    assert len(unknown.context["rows"]) == 2


def test_sort_by_worst_puts_the_network_with_most_missing_first(cast, client_for):
    store_everything()
    client = client_for("secretariat")
    by_name = [r.network for r in client.get(URL).context["rows"]]
    assert by_name == [cast.other_network, cast.network]  # IT-… before Social…
    end_coordinator(cast)  # N4 missing now too
    store_everything()
    worst = client.get(URL, {"ordning": "samst"})
    assert [r.network for r in worst.context["rows"]] == [cast.network, cast.other_network]
    assert '<option value="samst" selected>' in worst.content.decode()


def test_due_before_31_december_lists_next_year_s_plans_with_owner_and_link(cast):
    """N3: from 1 November next year's year plan is due; adopting it takes it off the list."""
    today = december()
    store_as_of(today)
    networks = selectors.dashboard_networks()
    listed = due.duty_list("fore-arsskiftet", networks, today)
    n3 = {d.network: d for d in listed.rows if d.rule_id == "N3"}
    assert set(n3) == {cast.network, cast.other_network}
    duty = n3[cast.network]
    assert duty.owners == ["Kim Samordnare"]
    assert duty.due_on == datetime.date(today.year, 12, 31)
    assert f"ingen årsplan för {today.year + 1}" in duty.explanation
    assert duty.fix_url.endswith(f"/{today.year + 1}/") or str(today.year + 1) in duty.fix_url
    actor = cast.user("coordinator")
    plan = services.save_year_plan(
        actor,
        cast.network,
        year=today.year + 1,
        purpose="Syfte",
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
    )
    services.adopt_year_plan(actor, plan, today=today)
    store_as_of(today)
    after = due.duty_list("fore-arsskiftet", networks, today)
    assert cast.network not in {d.network for d in after.rows if d.rule_id == "N3"}
    # Before 1 November nothing is due yet for next year.
    assert due.duty_list("fore-arsskiftet", networks, datetime.date(today.year, 10, 31)).rows == []


def test_overdue_lists_what_is_missing_this_year_with_owners(cast, client_for):
    """N4: a network without a coordinator is overdue and says so in the owner column."""
    end_coordinator(cast)
    store_everything()
    listed = due.duty_list("forsenade", selectors.dashboard_networks(), timezone.localdate())
    assert listed.total == len(
        due.duty_query("forsenade", Network.objects.all(), timezone.localdate())
    )
    n4 = [d for d in listed.rows if d.rule_id == "N4"]
    assert [d.network for d in n4] == [cast.network] and n4[0].owners == []
    other = [d for d in listed.rows if d.network == cast.other_network]
    assert other and all(d.owners == ["Otto Utomstående"] for d in other)
    body = client_for("secretariat").get(URL).content.decode()
    assert "Försenat" in body and "Ingen samordnare" in body and "Otto Utomstående" in body


def test_duty_panels_show_a_page_and_link_to_the_whole_list(cast, client_for):
    add_networks(cast, 12)
    end_coordinator(cast)
    store_everything()
    client = client_for("secretariat")
    response = client.get(URL)
    overdue = next(d for d in response.context["duties"] if d.kind == "forsenade")
    assert len(overdue.rows) <= due.PANEL_ROWS
    assert overdue.more  # P4 for all 14 networks, N4 and more
    link = reverse("dashboard:duties", args=["forsenade"])
    assert link in response.content.decode()
    full = client.get(link)
    assert full.status_code == 200 and full.context["page"].paginator.count == overdue.total


def test_whole_duty_list_is_the_secretariat_s_and_unknown_lists_are_not_found(cast, client_for):
    url = reverse("dashboard:duties", args=["fore-arsskiftet"])
    assert client_for("secretariat").get(url).status_code == 200
    assert client_for("coordinator").get(url).status_code == 403
    unknown = reverse("dashboard:duties", args=["okand"])
    assert client_for("secretariat").get(unknown).status_code == 404


@pytest.mark.parametrize(
    "choices", [{}, {"ordning": "samst"}, {"regel": "N3", "visa": "missing"}, {"oppna": "uppstart"}]
)
def test_dashboard_same_queries_for_20_and_60_networks(cast, client_for, monkeypatch, choices):
    monkeypatch.setattr(reports, "HEAT_MAP_MAX_NETWORKS", 10)  # the folded map at both sizes
    client = client_for("secretariat")
    add_networks(cast, 18)  # with the cast's two: 20
    end_coordinator(cast)
    store_everything()
    twenty = queries_of(client.get, URL, choices)
    add_networks(cast, 40, first=18)
    store_everything()
    sixty = queries_of(client.get, URL, choices)
    assert Network.objects.count() == 60
    assert_same_queries(twenty, sixty)


def test_fifty_networks_on_one_page_stay_under_300_kb(cast, client_for, monkeypatch):
    monkeypatch.setattr(reports, "HEAT_MAP_MAX_NETWORKS", 10)
    add_networks(cast, 60)
    store_everything()
    response = client_for("secretariat").get(URL, {"oppna": ["uppstart", "overenskommelse"]})
    assert len(response.context["rows"]) == 50
    assert len(response.content) < 300_000
