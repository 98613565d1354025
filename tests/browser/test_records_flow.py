"""Issue 15 in a browser, the register extract step (§1): the secretariat finds a demo person
in the people register, opens the person's page and downloads the register extract as JSON
and as PDF; axe-core clean on every page visited. The ending (§2) and the archive package
(§4) have their own files: test_records_ending_flow.py, test_records_archive_flow.py."""

import io
import json
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from samverkan.demo import data
from samverkan.demo.build import load_demo
from tests.accounts.totp import totp_code
from tests.browser.conftest import axe_check, follow


def sign_in_as_demo_secretariat(page: Page) -> None:
    """The demo's secretariat is staff, so it sets up its second factor first (issue 12)."""
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill(data.LOGINS[0][0])
    page.get_by_label("Lösenord").fill(data.PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    if "/konto/2fa/totp/activate/" in page.url:
        secret = page.get_by_label("Autentiseringshemlighet").input_value()
        page.get_by_label("Autentiseringskod").fill(totp_code(secret))
        page.get_by_role("button", name="Aktivera").click()
        page.wait_for_url(re.compile(r"/konto/2fa/recovery-codes/"))


def test_secretariat_downloads_a_demo_persons_register_extract(page: Page, live_server):
    load_demo(invite=False)
    sign_in_as_demo_secretariat(page)

    page.goto("/kommuner/personer/?q=Jonas+Bergstr%C3%B6m")
    axe_check(page, context="(people register)")
    follow(page, page.get_by_role("link", name="Jonas Bergström"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jonas Bergström")
    expect(page.get_by_role("cell", name="Medlem")).to_be_visible()
    axe_check(page, context="(person)")

    with page.expect_download() as got:
        page.get_by_role("link", name="Registerutdrag (JSON)").click()
    download = got.value
    assert re.fullmatch(r"registerutdrag-\d+-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as handle:
        parts = json.load(handle)["parts"]
    assert parts["person"]["data"]["email"] == data.LOGINS[2][0]
    assert [(m["network"], m["role"]) for m in parts["memberships"]["data"]] == [
        ("Socialchefsnätverket", "Medlem")
    ]

    with page.expect_download() as got:
        page.get_by_role("link", name="Registerutdrag (PDF)").click()
    with open(got.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert reader.metadata is not None
    assert (reader.metadata.title or "").startswith("Registerutdrag för Jonas Bergström")
    assert reader.root_object["/Lang"] == "sv"
