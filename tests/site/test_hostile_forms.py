"""Every HTML form the secretariat can reach, posted with hostile values, answers without a 500
(issue 18, item 4): empty, 100,000 characters, a NUL byte, emoji and right-to-left text, an
impossible date and numbers past the 64-bit range, in every field of the form at once.

The forms are found the way a person finds them: the test walks the pages from the start
pages, following the site's own links (bounded: MAX_PAGES), and collects each distinct form
(its address with the ids taken out, and its field names). The admin's add forms are posted
the same way as a superuser, which covers its autocomplete widgets."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

HOSTILE = {
    "empty": "",
    "long": "x" * 100_000,
    "nul": "a\x00b",
    "emoji_rtl": "😀 מרחבא \u202eتجربة\u202c 👩‍👩‍👧",
    "impossible_date": "2023-02-30",
    "huge_number": "1" + "0" * 26,
    "negative_huge": "-9223372036854775809",
}
START = [
    "/",
    "/natverk/",
    "/oversikt/",
    "/kostnader/",
    "/enkater/",
    "/rapporter/",
    "/import/",
    "/handlingar/",
    "/inkorg/",
    "/kommuner/",
    "/kommuner/personer/",
]
MAX_PAGES = 70
# Not pages: downloads and documents (rendering them costs seconds and holds no form), the
# API (fuzzed by tests/api/test_fuzz_schemathesis.py), the admin (below), signing out.
SKIP = re.compile(
    r"^/(api|admin|static|filer)/|\.(pdf|csv|xlsx|ics|json|zip)$|/(pdf|csv|xlsx|json|ics|zip)/?$"
    r"|export|ladda-ner|utdrag|arkiv|logga-ut|logout"
)


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # name → type ("text", "hidden", …)

    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (re.sub(r"\d+", "N", self.action), self.method, tuple(sorted(self.fields)))


class PageReader(HTMLParser):
    """The links and forms of one page."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.url, a["href"]))
        elif tag == "form":
            action = urljoin(self.url, a.get("action") or self.url)
            self.form = Form(action, (a.get("method") or "get").lower())
            self.forms.append(self.form)
        elif tag in ("input", "textarea", "select") and self.form is not None and a.get("name"):
            kind = a.get("type", "text") if tag == "input" else tag
            self.form.fields[a["name"]] = kind.lower()

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None


def local(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client, start: list[str], *, max_pages: int = MAX_PAGES) -> list[Form]:
    seen: set[str] = set()
    queue = list(start)
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    while queue and len(seen) < max_pages:
        path = queue.pop(0)
        if path in seen or SKIP.search(path.split("?")[0]):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        reader = PageReader("http://testserver" + path)
        reader.feed(response.content.decode("utf-8", errors="replace"))
        for form in reader.forms:
            forms.setdefault(form.key(), form)
        queue += [p for p in map(local, reader.links) if p and p not in seen]
    return list(forms.values())


def hostile_data(form: Form, value: str) -> dict[str, str]:
    return {
        name: value
        for name, kind in form.fields.items()
        if name != "csrfmiddlewaretoken" and kind not in ("file", "submit", "button", "image")
    }


def post_everything(
    client: Client, forms: list[Form], *, skip: re.Pattern[str] | None = SKIP
) -> tuple[int, list[str]]:
    posted, failures = 0, []
    for form in forms:
        path = local(form.action)
        if path is None or (skip is not None and skip.search(path.split("?")[0])):
            continue
        for label, value in HOSTILE.items():
            data = hostile_data(form, value)
            if form.method == "post":
                response = client.post(path, data)
            else:
                response = client.get(path.split("?")[0], data)
            posted += 1
            if response.status_code >= 500:
                failures.append(f"{form.method.upper()} {path} {label}: {response.status_code}")
    return posted, failures


@pytest.fixture
def secretariat(client_for) -> Client:
    client = client_for("secretariat")
    client.raise_request_exception = False
    return client


def network_pages(cast) -> list[str]:
    """The pages of one network, with a meeting of its own (agenda, minutes, attendance)."""
    import datetime

    from django.utils import timezone

    from samverkan.meetings.services import schedule_meeting

    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    meeting = schedule_meeting(
        cast.user("secretariat"),
        cast.network,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    base = f"/natverk/{cast.network.slug}/"
    pages = ["", "overenskommelse/ny-version/", "arenden/", "uppdrag/", "arbetsgrupper/"]
    pages += [f"verksamhetsplan/{starts.year}/", "ordforande/", "introduktion/"]
    pages += ["moten/", "moten/nytt/", "moten/planera/", f"moten/{meeting.pk}/"]
    pages += [f"moten/{meeting.pk}/{p}" for p in ("andra/", "protokoll/", "narvaro/")]
    return [base + p for p in pages]


def test_no_form_of_the_secretariat_answers_500_to_hostile_values(cast, secretariat):
    forms = crawl(secretariat, [*network_pages(cast), *START])
    assert len(forms) >= 20, [f.action for f in forms]
    posted, failures = post_everything(secretariat, forms)
    print(f"hostile forms: {len(forms)} forms, {posted} posts")
    assert failures == []


def test_no_admin_add_form_answers_500_to_hostile_values(cast, admin_client) -> None:
    admin_client.raise_request_exception = False
    forms: list[Form] = []
    for model in admin.site._registry:
        path = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        response = admin_client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200:
            continue  # the admin offers no add form for this one
        reader = PageReader("http://testserver" + path)
        reader.feed(response.content.decode("utf-8", errors="replace"))
        forms += [f for f in reader.forms if f.method == "post" and "/admin/" in f.action]
    assert len(forms) >= 10
    posted, failures = post_everything(admin_client, forms, skip=None)
    print(f"hostile admin forms: {len(forms)} forms, {posted} posts")
    assert failures == []
