"""Issue 13, part 4: a Content-Security-Policy on every HTML response, and pages that need
nothing the policy forbids.

The policy (settings, "Trust (issue 13): csp"; samverkan/site/csp.py) allows scripts only from
the site itself, never inline or through eval; inline <style> only with the request's nonce;
no style attributes, no inline event handlers, no javascript: URLs. So every page of the
access table (tests/test_access_table.py: every URL pattern, with the objects it names), as
every role of the cast, with GET and with POST, plus the sign-in, second-factor and admin
pages, is asked here: its HTML response must carry the policy, and what it renders must keep
to it (a browser would refuse the rest and say so in the console, which the axe sweep in
tests/browser/test_axe_sweep.py watches for). The templates are read as well, for what a page
the table does not reach could render."""

import json
import re
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from samverkan.files.charts import bar_chart
from samverkan.site.csp import ContentSecurityPolicyMiddleware, embed_frame_ancestors
from samverkan.surveys import services as survey_services
from tests.access_table_data import PAGE_POST_DATA, ROLES, World, build_world, page_kwargs
from tests.conftest import second_factor_shown
from tests.surveys.helpers import add_members, answer_all, opened_round
from tests.test_access_table import (  # noqa: F401 (fixtures)
    PAGES,
    clients,
    no_typesetting,
    one_openapi_build,
    rolled_back,
)

HEADER = "Content-Security-Policy"
TEMPLATE_ROOT = Path(__file__).resolve().parents[2] / "samverkan"
# Typeset by WeasyPrint into PDFs, never sent to a browser: their <style> is the PDF's layout.
PDF_TEMPLATES = {
    "meetings/pdf/base.html",
    "reports/yearly_pdf.html",
    "records/extract/extract_pdf.html",
    "records/extract/_table.html",  # included by extract_pdf.html only
    "records/archive/part_pdf.html",
}
# <script> types a browser does not run: data for a script loaded from the site.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
# Issue 16 part D: the one page made for an iframe names who may frame it (site/csp.py); its
# other answers (405 to a POST) stay unframable.
FRAMABLE = ("GET /inbaddning/ ",)


def policy_of(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCode(HTMLParser):
    """What a rendered page holds that the policy would refuse."""

    def __init__(self, nonce: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name) or name.startswith(("hx-on", "data-hx-on")):
                self.found.append(f"<{tag} {name}=…> (an inline event handler)")
            elif name == "style":
                self.found.append(f"<{tag} style={value!r}> (a style attribute)")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}> (a javascript: URL)")
        nonced = self.nonce is not None and values.get("nonce") == self.nonce
        runs = (values.get("type") or "").lower() not in DATA_SCRIPT_TYPES
        if tag == "script" and not values.get("src") and not nonced and runs:
            self.found.append("<script> with code in the page, without the nonce")
        if tag == "style" and not nonced:
            self.found.append("<style> without the request's nonce")


def problems_of(label: str, response: Any) -> list[str]:
    """Why this response breaks the rule (none when it is not HTML)."""
    if "text/html" not in response.get("Content-Type", ""):
        return []
    if HEADER not in response:
        return [f"{label}: HTTP {response.status_code}, HTML without a {HEADER} header"]
    policy = policy_of(response[HEADER])
    problems = []
    for directive in ("script-src", "style-src", "default-src"):
        values = policy.get(directive)
        if values is None:
            problems.append(f"{label}: no {directive}")
        elif {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(values):
            problems.append(f"{label}: {directive} {' '.join(values)}")
    framable = label.startswith(FRAMABLE)
    if framable and policy.get("frame-ancestors") != embed_frame_ancestors():
        problems.append(f"{label}: frame-ancestors is {policy.get('frame-ancestors')}")
    for directive in ("object-src", "base-uri", *(() if framable else ("frame-ancestors",))):
        if policy.get(directive) != ["'none'"]:
            problems.append(f"{label}: {directive} is {policy.get(directive)}, not 'none'")
    nonces = re.findall(r"'nonce-([^']+)'", " ".join(policy.get("style-src", [])))
    checker = InlineCode(nonces[0] if nonces else None)
    checker.feed(response.content.decode(response.charset or "utf-8", "replace"))
    problems += [f"{label}: {found}" for found in sorted(set(checker.found))]
    return problems


@pytest.fixture
def world(cast) -> World:
    return build_world(cast)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_access_table_carries_the_policy_and_keeps_to_it(
    world,
    role,
    no_typesetting,  # noqa: F811
    one_openapi_build,  # noqa: F811
):
    """Every URL pattern, as every role, GET and POST: each HTML answer (a page, a form shown
    again with its errors, a 403 or 404 page) has the policy, which forbids inline script and
    eval, and renders nothing the policy would refuse."""
    kwargs = page_kwargs(world)
    problems: list[str] = []
    html_pages = 0
    browser, _api = clients(world, role)
    for name in PAGES:
        url = reverse(name, kwargs=kwargs.get(name))
        for method in ("GET", "POST"):
            if method == "GET":
                response = rolled_back(partial(browser.get, url))
            else:
                response = rolled_back(partial(browser.post, url, PAGE_POST_DATA.get(name, {})))
            html = "text/html" in response.get("Content-Type", "")
            html_pages += html and response.status_code == 200
            problems += problems_of(f"{method} {url} as {role}", response)
    # the rule was asked of pages, not only of redirects, files and JSON
    assert html_pages >= (3 if role == "anonymous" else 30)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "url",
    [
        "/konto/login/",
        "/konto/password/reset/",
        "/konto/signup/",
        "/finns-inte/",
        "/admin/login/",
    ],
)
def test_pages_outside_the_table_carry_the_policy_signed_out(db, url):
    """The sign-in pages (allauth), a page that does not exist and the admin's sign-in."""
    response = Client().get(url)
    assert "text/html" in response["Content-Type"]
    assert problems_of(url, response) == []


@pytest.mark.parametrize(
    "url",
    [
        "/konto/2fa/",
        "/konto/2fa/totp/deactivate/",
        "/konto/2fa/recovery-codes/",
        "/konto/2fa/webauthn/",
        "/konto/2fa/webauthn/add/",
        "/konto/sessions/",
        "/konto/password/change/",
        "/konto/email/",
        "/admin/",
        "/admin/networks/network/",
        "/admin/networks/network/add/",
        "/admin/people/person/",
        "/api/v1/docs",
    ],
)
def test_account_admin_and_api_pages_carry_the_policy(cast, url):
    """The second-factor pages (the WebAuthn ones load allauth's scripts from the site and
    read their data from JSON blocks), the admin (Django's admin puts the nonce on what it
    inlines) and the API's Swagger page, as a superuser who has shown a second factor."""
    user = cast.user("secretariat")
    user.is_staff = user.is_superuser = True
    user.save()
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    client = Client()
    client.force_login(user)
    second_factor_shown(client, user)
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    assert "text/html" in response["Content-Type"]
    assert problems_of(url, response) == []


def test_the_nonce_in_the_page_is_the_nonce_in_the_header(client_for):
    """The cooperation's colours are an inline <style>: it carries this response's nonce,
    which the header allows, and a new one on the next response."""
    client = client_for("member")
    nonces = []
    for _ in range(2):
        response = client.get(reverse("networks:catalogue"))
        (nonce,) = re.findall(r"'nonce-([^']+)'", response[HEADER])
        assert f'<style nonce="{nonce}">:root {{ --brand:' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_script_src_is_the_site_only(client_for):
    """No inline script, no eval, no other origin: script-src is exactly 'self'."""
    response = client_for("member").get(reverse("networks:catalogue"))
    policy = policy_of(response[HEADER])
    assert policy["script-src"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]


def test_htmx_is_configured_for_the_policy(client_for):
    """htmx would inject its indicator <style> without a nonce and may eval hx-on and
    js: values: both are off in the page's htmx-config, and the indicator rules are in the
    stylesheet."""
    page = client_for("member").get(reverse("networks:catalogue")).content.decode()
    (config,) = re.findall(r"<meta name=\"htmx-config\" content='([^']+)'>", page)
    options = json.loads(config)
    assert options["includeIndicatorStyles"] is False
    assert options["allowEval"] is False
    assert options["allowScriptTags"] is False
    css = (TEMPLATE_ROOT / "static" / "css" / "samverkan.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


def _provider(server_url: str, provider_id: str = "kommun") -> dict[str, Any]:
    return {
        "provider_id": provider_id,
        "name": "Logga in med kommunkontot",
        "client_id": "samverkan",
        "secret": "hemligt",
        "settings": {"server_url": server_url, "domains": ["kommun.example"], "mfa_claims": {}},
    }


def test_the_sign_in_providers_may_receive_the_login_form(db, settings):
    """The provider button POSTs to Samverkan, which redirects to the provider; Chromium holds
    that redirect to form-action, so the configured providers' origins are in it (and only
    theirs): without this the OpenID sign-in stops at a CSP error."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                _provider("https://login.kommun.example/realms/samverkan"),
                _provider("http://localhost:9010/", "annan"),
            ]
        }
    }
    response = Client().get("/konto/login/")
    assert policy_of(response[HEADER])["form-action"] == [
        "'self'",
        "http://localhost:9010",
        "https://login.kommun.example",
    ]
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    response = Client().get("/konto/login/")
    assert policy_of(response[HEADER])["form-action"] == ["'self'"]


def test_report_only_sends_the_same_policy_to_try(db, settings):
    """SAMVERKAN_CSP_REPORT_ONLY: the policy as Content-Security-Policy-Report-Only (providers
    included), nothing enforced."""
    settings.SECURE_CSP_REPORT_ONLY = settings.SECURE_CSP
    settings.SECURE_CSP = {}
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": [_provider("https://login.kommun.example")]}
    }
    response = Client().get("/konto/login/")
    assert HEADER not in response
    report_only = policy_of(response[HEADER + "-Report-Only"])
    assert report_only["form-action"] == ["'self'", "https://login.kommun.example"]


def test_a_view_that_sets_its_own_policy_keeps_it(db):
    """A response with its own header (the file responses' sandbox) is left as it is."""
    from django.http import HttpResponse

    def view(request: Any) -> HttpResponse:
        response = HttpResponse("fil")
        response[HEADER] = "sandbox; default-src 'none'"
        return response

    middleware = ContentSecurityPolicyMiddleware(view)
    assert middleware(RequestFactory().get("/"))[HEADER] == "sandbox; default-src 'none'"


def test_charts_get_the_nonce_and_lose_their_style_attributes():
    """pygal's inline SVG brings a <style> and a style attribute: on a page with a nonce,
    {% csp_markup %} gives the <style> the nonce and drops the attribute; in a PDF (no nonce)
    the chart is as pygal drew it."""
    chart = bar_chart(["Ja", "Nej"], [3, 2])
    assert "<style" in chart and 'style="' in chart
    template = Template("{% csp_markup chart %}")
    page = template.render(Context({"chart": chart, "csp_nonce": "abc123"}))
    checker = InlineCode("abc123")
    checker.feed(page)
    assert checker.found == []
    assert '<style nonce="abc123"' in page and "Ja" in page
    assert template.render(Context({"chart": chart})) == chart
    unsafe = template.render(Context({"chart": "<b>x</b>", "csp_nonce": "n"}))
    assert unsafe == "&lt;b&gt;x&lt;/b&gt;"


def _templates() -> list[tuple[str, str]]:
    found = []
    for path in sorted(TEMPLATE_ROOT.glob("**/templates/**/*.html")):
        name = str(path).split("/templates/", 1)[1]
        if name not in PDF_TEMPLATES:
            found.append((name, path.read_text()))
    return found


TAG = r"<[A-Za-z][^<>]*?"
TEMPLATE_RULES = {
    "inline <script>": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*\bnonce)(?![^>]*type=\"application/(?:ld\+)?json\")"
    ),
    "<style> without the nonce": re.compile(r"<style\b(?![^>]*(?:csp_nonce|nonce=))"),
    "a style attribute": re.compile(TAG + r"\sstyle\s*=(?!=)"),
    "an inline event handler": re.compile(TAG + r"\s(?:data-)?(?:on[a-z]+|hx-on[:\w-]*)\s*=(?!=)"),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}
# Template tags and comments ({% if only == "x" %}) are not markup; {{ values }} may stand
# in an attribute's place and are kept.
TEMPLATE_CODE = re.compile(r"{%.*?%}|{#.*?#}", re.S)


def template_problems(name: str, text: str) -> list[str]:
    markup = TEMPLATE_CODE.sub(" ", text)
    return [
        f"{name}: {what}"
        for what, rule in TEMPLATE_RULES.items()
        # the nonce is written {% csp_nonce_attr %}, so <style> is read with the tags in
        if rule.search(text if what.startswith("<style>") else markup)
    ]


def test_no_template_holds_inline_script_style_or_handlers():
    """Every template of Samverkan (its overrides of allauth's included): no <script> with
    code and without the nonce (JSON data blocks are data), no <style> without it, no style
    attribute, no on…= handler or hx-on, no javascript: URL."""
    templates = _templates()
    assert len(templates) > 50
    problems = [problem for name, text in templates for problem in template_problems(name, text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("markup", "what"),
    [
        ("<script>go()</script>", "inline <script>"),
        ('<script type="module">go()</script>', "inline <script>"),
        ("<style>p { color: red }</style>", "<style> without the nonce"),
        ('<p class="x" style="color: red">', "a style attribute"),
        ('<a href="#" onclick="go()">', "an inline event handler"),
        ('<div hx-on:click="go()">', "an inline event handler"),
        ('<a href="javascript:go()">', "a javascript: URL"),
    ],
)
def test_the_checks_see_what_they_forbid(markup, what):
    """Both checks, the templates' and the rendered pages', find each thing they forbid, and
    let pass what is allowed."""
    assert template_problems("t", markup) == [f"t: {what}"]
    checker = InlineCode(None)
    checker.feed(markup)
    assert len(checker.found) == 1, checker.found


def test_the_checks_let_the_allowed_pass():
    allowed = (
        '<script src="/static/x.js" defer></script>'
        '<script type="application/json" id="d">{"a": 1}</script>'
        '<style {% csp_nonce_attr %}>p {}</style><p class="style">onclick=</p>'
    )
    assert template_problems("t", allowed) == []
    checker = InlineCode("n1")
    checker.feed(allowed.replace("{% csp_nonce_attr %}", 'nonce="n1"'))
    assert checker.found == []


def test_a_results_page_with_charts_keeps_to_the_policy(cast, client_for):
    """The survey results page inlines pygal's SVG charts: their <style> carries the nonce and
    no style attribute is left."""
    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast)
    answer_all(survey, cast.other_network, people, value=4)
    survey_services.close_round(cast.user("secretariat"), survey)
    response = client_for("secretariat").get(reverse("surveys:results", args=[survey.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    (nonce,) = re.findall(r"'nonce-([^']+)'", response[HEADER])
    assert f'<style nonce="{nonce}" type="text/css">#chart-' in page
    assert problems_of("results", response) == []
