"""The rules' shared work (issue 17 §3): `fix_url` answers what reverse() answers, `text` what
gettext answers, `not_applicable` one verdict per rule and explanation; and every rule gives the
same verdicts with these helpers as with plain reverse(), gettext() and a new Verdict each time.
(Not against a saved run: against the plain functions, in the same test.)"""

import datetime
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import override_settings
from django.urls import NoReverseMatch, path, reverse, set_script_prefix
from django.utils import translation
from django.utils.translation import gettext

from samverkan.agreements import rules as agreement_rules
from samverkan.compliance import registry
from samverkan.compliance.registry import (
    Rule,
    Status,
    Verdict,
    fix_url,
    not_applicable,
    per_evaluation,
    text,
)
from samverkan.compliance.selectors import AnyVerdicts, evaluate
from samverkan.compliance.snapshot import NetworkFacts, Snapshot
from samverkan.costs import rules as cost_rules
from samverkan.meetings import rules as meeting_rules
from samverkan.networks import rules as network_rules
from samverkan.networks.lifecycle import rules as lifecycle_rules
from samverkan.networks.lifecycle import starting
from samverkan.networks.lifecycle.starting import missing_steps
from samverkan.networks.material import rules as material_rules
from samverkan.networks.models import Network
from samverkan.surveys import rules as survey_rules
from tests.compliance.test_consistency import bench_build

RULE_MODULES = [
    network_rules,
    lifecycle_rules,
    starting,  # the S1-S4 steps' texts
    material_rules,
    agreement_rules,
    meeting_rules,
    cost_rules,
    survey_rules,
]

# Every URL name the rules link to, with the parameters they pass.
SLUG_NAMES = [
    "networks:members",
    "networks:progress",
    "networks:close",
    "networks:material",
    "agreements:agreement",
    "agreements:working_groups",
    "agreements:chairs",
    "agreements:onboarding",
    "costs:network",
    "meetings:list",
    "meetings:plan_year",
    "meetings:statistics",
]
SLUG_YEAR_NAMES = ["networks:plan_edit", "agreements:business_plan"]
SLUGS = ["natverk-1", "a", "2026", "Ab_c-9", "x" * 200]
ODD_SLUGS = ["språk-nätverk", "ünï"]  # a unicode slug: reverse() quotes it
BAD_SLUGS = ["med mellanslag", "", "a/b", "50%"]  # reverse() refuses them


@pytest.fixture
def in_evaluation() -> Iterator[None]:
    """As while a rule runs: the evaluation's memo is set."""
    token = registry._memo.set({})
    yield
    registry._memo.reset(token)


@pytest.fixture(params=[False, True], ids=["outside", "inside"])
def where(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.param:
        token = registry._memo.set({})
        yield
        registry._memo.reset(token)
    else:
        yield


def same_as_reverse(name: str, **kwargs: Any) -> None:
    try:
        expected = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            fix_url(name, **kwargs)
        return
    assert fix_url(name, **kwargs) == expected, (name, kwargs)


# ---- fix_url -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SLUG_NAMES)
def test_fix_url_is_reverse_for_every_slug_link_of_the_rules(name, where):
    for slug in SLUGS + ODD_SLUGS + BAD_SLUGS:
        same_as_reverse(name, slug=slug)


@pytest.mark.parametrize("name", SLUG_YEAR_NAMES)
def test_fix_url_is_reverse_with_slug_and_year(name, where):
    for slug in SLUGS + ODD_SLUGS + BAD_SLUGS:
        for year in [2026, 1999, 0, "2027", "-1", "abc", -5]:
            same_as_reverse(name, slug=slug, year=year)


def test_fix_url_is_reverse_without_a_slug(where):
    assert fix_url("surveys:index") == reverse("surveys:index")
    for pk in [1, 12345, "7", "x", -1]:
        same_as_reverse("surveys:results", pk=pk)


def test_fix_url_refuses_what_reverse_refuses():
    with pytest.raises(NoReverseMatch):
        fix_url("networks:members", pk=3)  # a parameter the pattern does not have
    with pytest.raises(NoReverseMatch):
        fix_url("networks:no_such_page", slug="a")
    with pytest.raises(NoReverseMatch):
        fix_url("networks:plan_edit", slug="a")  # year missing


@pytest.mark.parametrize("inside", [False, True], ids=["outside", "inside"])
def test_fix_url_follows_the_script_prefix(inside):
    """Each request sets its prefix; an evaluation runs within one request (one memo)."""
    try:
        for prefix in ["/samverkan/", "/med space/", "/50%/"]:
            set_script_prefix(prefix)
            token = registry._memo.set({}) if inside else None
            same_as_reverse("networks:members", slug="natverk-1")
            same_as_reverse("networks:plan_edit", slug="natverk-1", year=2026)
            if token is not None:
                registry._memo.reset(token)
    finally:
        set_script_prefix("/")
    same_as_reverse("networks:members", slug="natverk-1")


def view(request: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse()


urlpatterns = [
    path("annan/<slug:slug>/medlemmar/", view, name="members"),
    path("ar/<int:year>/<slug:slug>/", view, name="plan"),
    path("<str:slug>/", view, name="any"),  # str takes more than slug: still reverse()'s answer
]


def test_fix_url_follows_the_urlconf():
    before = fix_url("networks:members", slug="a")
    with override_settings(ROOT_URLCONF=__name__):
        same_as_reverse("members", slug="a")
        for year in [2026, "x"]:
            same_as_reverse("plan", slug="b", year=year)
        for slug in ["a", "språk", "med mellanslag", "a.b"]:
            same_as_reverse("any", slug=slug)
        with pytest.raises(NoReverseMatch):
            fix_url("networks:members", slug="a")
    assert (
        fix_url("networks:members", slug="a")
        == before
        == reverse("networks:members", kwargs={"slug": "a"})
    )


def test_fix_url_reverses_each_name_once(monkeypatch):
    """The point of it: reverse() runs a few times per URL name, then never again."""
    calls: list[str] = []

    def counting(name: str, *args: Any, **kwargs: Any) -> str:
        calls.append(name)
        return reverse(name, *args, **kwargs)

    monkeypatch.setattr(registry, "reverse", counting)
    monkeypatch.setattr(registry, "_URL_TEMPLATES", {})
    for i in range(50):
        fix_url("networks:plan_edit", slug=f"natverk-{i}", year=2000 + i)
        fix_url("networks:members", slug=f"natverk-{i}")
    # The pattern, then one probe per parameter: plan_edit 1 + 2, members 1 + 1.
    assert sorted(calls) == ["networks:members"] * 2 + ["networks:plan_edit"] * 3


# ---- text and per_evaluation -------------------------------------------------------------------


MESSAGES = [
    "Nätverket har ingen samordnare.",
    "Gäller aktiva nätverk; nätverket är %(status)s.",
    "Det finns ingen årsplan för %(year)s.",
    "Ett meddelande som inte är översatt.",
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_text_is_gettext(language, where):
    with translation.override(language):
        for message in MESSAGES:
            assert text(message) == gettext(message)
            assert text(message) == gettext(message)  # and again, from the memo


def one_rule(func: Callable[[NetworkFacts, Snapshot], Verdict]) -> tuple[Rule, Snapshot]:
    snapshot = Snapshot(datetime.date(2026, 6, 15), [NetworkFacts(None)], None, set())
    return Rule("T1", "test", func), snapshot


def test_text_follows_a_language_switched_between_rule_calls():
    rule, snapshot = one_rule(
        lambda facts, snap: Verdict("T1", Status.OK, text("Nätverket har ingen samordnare."))
    )
    facts = snapshot.networks[0]
    with translation.override("sv"):
        assert rule(facts, snapshot).explanation == "Nätverket har ingen samordnare."
    with translation.override("en"):
        assert rule(facts, snapshot).explanation == "The network has no coordinator."
    with translation.override("sv"):
        assert rule(facts, snapshot).explanation == "Nätverket har ingen samordnare."


def test_per_evaluation_computes_once_per_snapshot_and_language():
    calls: list[tuple[str, str | None]] = []

    @per_evaluation
    def work(value: str) -> str:
        calls.append((value, translation.get_language()))
        return value.upper()

    rule, snapshot = one_rule(lambda facts, snap: Verdict("T1", Status.OK, work("a") + work("b")))
    facts = snapshot.networks[0]
    with translation.override("sv"):
        for _ in range(3):
            assert rule(facts, snapshot).explanation == "AB"
    with translation.override("en"):
        rule(facts, snapshot)
    _, other = one_rule(rule.func)
    with translation.override("sv"):
        rule(other.networks[0], other)  # a new evaluation
    assert calls == [("a", "sv"), ("b", "sv"), ("a", "en"), ("b", "en"), ("a", "sv"), ("b", "sv")]
    assert work("c") == "C"  # outside a rule: simply called
    assert calls[-1] == ("c", "sv")


# ---- not_applicable ----------------------------------------------------------------------------


def test_not_applicable_is_one_shared_verdict_per_rule_and_explanation():
    first = not_applicable("N1", "Gäller aktiva nätverk; nätverket är föreslaget.")
    again = not_applicable("N1", "Gäller aktiva nätverk; nätverket är " + "föreslaget.")
    assert first is again
    assert first == Verdict(
        "N1", Status.NOT_APPLICABLE, "Gäller aktiva nätverk; nätverket är föreslaget."
    )
    assert not_applicable("N2", first.explanation) is not first
    assert not_applicable("N1", "Något annat.") is not first
    with_url = not_applicable("CO2", "Antogs i år.", "/x/")
    assert with_url == Verdict("CO2", Status.NOT_APPLICABLE, "Antogs i år.", "/x/")


# ---- every rule: the helpers against the plain functions ---------------------------------------


def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules as before issue 17C: reverse() and gettext() on every call, a new verdict
    each time, the status from get_status_display(), the start steps per rule."""
    monkeypatch.setattr(Rule, "__call__", lambda self, facts, snap: self.func(facts, snap))
    for module in RULE_MODULES:
        names = vars(module)
        if "_" in names:
            monkeypatch.setattr(module, "_", gettext)
        if "fix_url" in names:
            monkeypatch.setattr(
                module, "fix_url", lambda name, **kwargs: reverse(name, kwargs=kwargs)
            )
        if "not_applicable" in names:
            monkeypatch.setattr(
                module,
                "not_applicable",
                lambda rule_id, explanation, url="": Verdict(
                    rule_id, Status.NOT_APPLICABLE, explanation, url
                ),
            )
        if "status_text" in names:
            monkeypatch.setattr(
                module, "status_text", lambda s: Network(status=s).get_status_display().lower()
            )
    monkeypatch.setattr(
        lifecycle_rules, "_missing_steps", lambda facts: missing_steps(facts.extra["start"])
    )


DAYS = [
    datetime.date(2026, 6, 15),
    datetime.date(2026, 11, 2),  # N3, CH2, CO3: next year's plan is due
    datetime.date(2027, 1, 2),
]


def verdicts(results: list[AnyVerdicts]) -> dict[str, dict[str, Verdict]]:
    return {r.network.slug: r.verdicts for r in results}


def assert_same_as_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    networks = list(Network.objects.order_by("pk"))
    statuses = {n.status for n in networks}
    assert statuses == set(Network.Status.values), statuses  # every kind of network
    cheap: dict[tuple[str, datetime.date], Any] = {}
    for language in ["sv", "en"]:
        with translation.override(language):
            for day in DAYS:
                cheap[language, day] = verdicts(evaluate(networks, day))
    with monkeypatch.context() as m:
        plain(m)
        for language in ["sv", "en"]:
            with translation.override(language):
                for day in DAYS:
                    assert verdicts(evaluate(networks, day)) == cheap[language, day], (
                        language,
                        day,
                    )


@pytest.mark.django_db
def test_every_rule_says_what_the_plain_functions_say_for_the_demo(monkeypatch):
    call_command("load_demo", stdout=io.StringIO())
    for status in [Network.Status.PROPOSED, Network.Status.STARTING, Network.Status.CLOSED]:
        if not Network.objects.filter(status=status).exists():  # the demo may lack one
            spare = Network.objects.filter(status=Network.Status.ACTIVE).order_by("-pk")[0]
            Network.objects.filter(pk=spare.pk).update(status=status)
    assert_same_as_plain(monkeypatch)


@pytest.mark.django_db
def test_every_rule_says_what_the_plain_functions_say_for_a_generated_cooperation(monkeypatch):
    bench_build(networks=80, people=1600)
    assert_same_as_plain(monkeypatch)


@pytest.mark.django_db
def test_inactive_networks_share_their_not_applicable_verdicts():
    bench_build(networks=40, people=400)
    closed = list(Network.objects.filter(status=Network.Status.CLOSED).order_by("pk")[:2])
    assert len(closed) == 2
    first, second = (r.verdicts for r in evaluate(closed, DAYS[0]))
    assert first["N1"].status == Status.NOT_APPLICABLE
    assert first["N1"] is second["N1"]
    assert first["S1"] is second["S1"]
