"""Issue 14, part 4, in a browser: the secretariat's lists with "Ladda ner: CSV / Excel" beside
them pass axe-core, the links download files by keyboard, and the catalogue's links follow
its filters as htmx swaps the results."""

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_check, sign_in

PAGES = [
    ("/natverk/", "nätverkskatalogen"),
    ("/oversikt/", "checklistan med förklaringar"),
    ("/kommuner/klippan/", "kommunens personer"),
    ("/kommuner/personer/", "personerna"),
    ("/kostnader/", "kostnader per nätverk"),
    ("/rapporter/deltagande/", "deltagandet i nätverken"),
]


def test_the_secretariats_lists_download_by_keyboard_and_pass_axe(page: Page, cast):
    sign_in(page, cast.people["secretariat"].email)
    for path, what in PAGES:
        page.goto(path)
        axe_check(page, context=f"({path})")
        link = page.get_by_role("link", name=re.compile(f"^CSV.*{what}$"))
        expect(link).to_be_visible()
        link.focus()
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        download = info.value
        assert download.suggested_filename.endswith(".csv"), path
        text = Path(download.path()).read_text(encoding="utf-8-sig")
        header = next(csv.reader(io.StringIO(text), delimiter=";"))
        assert header and header[0], path
        excel = page.get_by_role("link", name=re.compile(f"^Excel.*{what}$"))
        with page.expect_download() as info:
            excel.click()
        assert info.value.suggested_filename.endswith(".xlsx"), path


def test_the_catalogue_links_follow_its_filters(page: Page, cast):
    sign_in(page, cast.people["reader"].email)
    page.goto("/natverk/")
    page.get_by_label("Kommun").select_option("bjuv")
    expect(page).to_have_url(re.compile(r"municipality=bjuv"))
    link = page.get_by_role("link", name=re.compile("^CSV"))
    expect(link).to_have_attribute("href", re.compile(r"municipality=bjuv.*format=csv"))
    with page.expect_download() as info:
        link.click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["Socialchefsnätverket"]
    axe_check(page, context="(catalogue, filtered)")
