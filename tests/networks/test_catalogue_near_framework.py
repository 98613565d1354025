"""Issue 17, part D: the catalogue and the network page near the framework.

The catalogue's entries come from annotations of one query (counts, the current plan), not
from prefetched rows; its filter form renders no template per option; the network page loads
only what the viewer is shown. Query counts stay flat from 10 to 200 networks and from a small
to a large network, and the page shows what the API's fully prefetched networks say."""

import datetime
import os

import pytest
from django import forms
from django.conf import settings
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

from samverkan.networks import selectors, services
from samverkan.networks.forms import CatalogueFilterForm, PlainSelect, status_choices
from samverkan.networks.models import Membership, Network, Participation
from samverkan.people.models import Person
from tests.helpers import assert_same_queries, queries_of
from tests.networks.test_query_counts import add_networks

URL = reverse("networks:catalogue")


def adopt(cast, network: Network, purpose: str, *, year: int) -> None:
    secretariat = cast.user("secretariat")
    plan = services.save_year_plan(
        secretariat,
        network,
        year=year,
        purpose=purpose,
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
        development_areas=[],
    )
    services.adopt_year_plan(secretariat, plan)


@pytest.mark.parametrize("viewer", ["anonymous", "reader", "secretariat"])
def test_catalogue_queries_flat_from_10_to_200_networks(cast, client_for, settings, viewer):
    settings.CATALOGUE_PAGE_SIZE = 500  # every network on one page, so rows really grow
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()
    client = client_for(viewer)
    add_networks(cast, 8)
    page_10 = queries_of(client.get, URL, {"q": "nätverk"})
    add_networks(cast, 190, first=8)
    page_200 = queries_of(client.get, URL, {"q": "nätverk"})
    assert len(client.get(URL, {"q": "nätverk"}).context["rows"]) == 200  # the cast's two too
    assert_same_queries(page_10, page_200)


def test_network_page_queries_flat_from_a_small_to_a_large_network(cast, client_for):
    client = client_for("secretariat")
    client.get(cast.other_network.get_absolute_url())  # its verdicts computed and stored
    small = queries_of(client.get, cast.other_network.get_absolute_url())
    start = datetime.date(2021, 1, 1)
    people = Person.objects.bulk_create(
        Person(name=f"Person {i}", email=f"stor{i}@example.se", municipality=cast.muni("Bjuv"))
        for i in range(60)
    )
    Membership.objects.bulk_create(
        Membership(network=cast.other_network, person=p, role=role, start_on=start)
        for p in people
        for role in (Membership.Role.MEMBER, Membership.Role.COORDINATOR)
    )
    Participation.objects.bulk_create(
        Participation(network=cast.other_network, municipality=m, joined_on=start)
        for m in cast.municipalities.values()
        if not Participation.objects.filter(network=cast.other_network, municipality=m).exists()
    )
    large = queries_of(client.get, cast.other_network.get_absolute_url())
    assert "Person 59" in client.get(cast.other_network.get_absolute_url()).content.decode()
    assert_same_queries(small, large)


def test_entries_say_what_the_prefetched_networks_say(cast):
    """The annotations (count, plan) and the coordinators' names agree with the prefetching
    selector the API uses, for networks with and without plans, with a left municipality."""
    today = timezone.localdate()
    add_networks(cast, 5)
    adopt(cast, cast.network, "Ett gemensamt syfte för socialtjänsten.", year=today.year - 1)
    adopt(cast, cast.network, "Årets syfte.", year=today.year)
    adopt(cast, cast.other_network, "Nästa års syfte.", year=today.year + 1)  # not current
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).update(
        left_on=today - datetime.timedelta(days=1)
    )
    filters = selectors.CatalogueFilters(status="all")
    viewer = cast.user("secretariat")
    full = selectors.catalogue_networks(viewer=viewer, filters=filters, today=today)
    lean = selectors.catalogue_page_networks(viewer=viewer, filters=filters, today=today)
    entries = selectors.catalogue_entries(lean, today=today, contacts=True)
    expected = []
    for network in full:
        plan = selectors.current_plan(network)
        expected.append(
            (
                network.name,
                len(network.current_participations),  # type: ignore[attr-defined]
                plan.year if plan else None,
                plan.purpose if plan else "",
                [
                    f"{m.person.name} ({m.person.municipality.name})"
                    if m.person.municipality
                    else m.person.name
                    for m in network.current_coordinators  # type: ignore[attr-defined]
                ],
            )
        )
    shown = [
        (e.network.name, e.municipality_count, e.plan_year, e.plan_purpose, e.coordinators)
        for e in entries
    ]
    assert shown == expected
    social = next(e for e in entries if e.network == cast.network)
    assert (social.plan_year, social.plan_purpose) == (today.year, "Årets syfte.")
    assert next(e for e in entries if e.network == cast.other_network).plan_year is None


def test_entries_without_contacts_make_no_query_for_coordinators(cast, django_assert_num_queries):
    today = timezone.localdate()
    networks = list(
        selectors.catalogue_page_networks(
            viewer=cast.user("reader"), filters=selectors.CatalogueFilters(), today=today
        )
    )
    with django_assert_num_queries(0):
        entries = selectors.catalogue_entries(networks, today=today, contacts=False)
    assert all(e.coordinators == [] for e in entries)


def test_catalogue_renders_no_template_per_option(cast, client_for):
    response = client_for("reader").get(URL)
    names = [t.name for t in response.templates]
    # The search box's input is one widget template; no select, no option has one.
    assert not [n for n in names if n and "select" in n], names
    page = response.content.decode()
    assert '<option value="bjuv">Bjuv</option>' in page
    assert '<option value="active" selected>Aktivt</option>' in page


@pytest.mark.parametrize(
    "data",
    [{}, {"municipality": "bjuv", "status": "closed", "area": "socialtjanst"}, {"status": "x"}],
)
def test_plain_select_renders_what_select_renders(cast, data):
    """Django's own Select, with its templates, is the reference for the same field."""
    form = CatalogueFilterForm(
        data or None, initial={"status": "active"}, statuses=status_choices(True)
    )
    form.is_valid()
    for name in ("municipality", "area", "development_area", "status"):
        bound = form[name]
        assert isinstance(bound.field.widget, PlainSelect)
        plain = str(bound)
        reference = bound.as_widget(widget=forms.Select(choices=bound.field.widget.choices))
        assert parse_html(plain) == parse_html(reference), name


def test_plain_select_escapes_names_and_values():
    widget = PlainSelect(choices=[('a"b', "<Kommun & co>")])
    html = widget.render("kommun", 'a"b', attrs={"id": "id_kommun", "required": True})
    assert html == (
        '<select name="kommun" id="id_kommun" required>'
        '<option value="a&quot;b" selected>&lt;Kommun &amp; co&gt;</option></select>'
    )


def test_anonymous_network_page_loads_coordinators_not_members(cast, client_for):
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()
    response = client_for("anonymous").get(cast.network.get_absolute_url())
    page = response.context["p"]
    assert page.members == []
    assert [m.person.name for m in page.coordinators] == ["Kim Samordnare"]
    assert "Kim Samordnare" in response.content.decode()
    members = client_for("secretariat").get(cast.network.get_absolute_url()).context["p"].members
    assert {m.role for m in members} >= {Membership.Role.MEMBER, Membership.Role.COORDINATOR}


def test_persistent_connections_with_health_checks():
    default = settings.DATABASES["default"]
    assert default["CONN_HEALTH_CHECKS"] is True
    if not settings.DEBUG and "DATABASE_CONN_MAX_AGE" not in os.environ:
        assert default["CONN_MAX_AGE"] == 60
