"""Issue 14, part 1, in a browser: the secretariat downloads the template, uploads it filled in
with two bad rows, sees both reported, fixes the file, imports it, and finds the new network
in the catalogue with its coordinator; axe-core clean on every page visited."""

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_check, follow, sign_in

NETWORK = "Läsfrämjandenätverket"
COORDINATOR = ["ebba.ek@hoganas.example.se", "Ebba Ek", "Bibliotekschef", "Höganäs", "", ""]
MEMBER = ["olle.al@astorp.example.se", "Olle Al", "Bibliotekarie", "Åstorp", "", ""]


def filled(template: bytes, *, bad: bool) -> bytes:
    book = load_workbook(io.BytesIO(template))
    book["Nätverk"].append(
        [NETWORK, "", "Socialtjänst", "Aktivt", "2024-09-01", "Läsfrämjande", "Höganäs, Åstorp"]
    )
    book["Personer"].append(COORDINATOR)
    # The two bad rows: a municipality that is not in the register and a role that does not
    # exist.
    book["Personer"].append([*MEMBER[:3], "Malmö" if bad else "Åstorp", "", ""])
    book["Medlemskap"].append([NETWORK, COORDINATOR[0], "Samordnare", "", "2024-09-01", ""])
    book["Medlemskap"].append([NETWORK, MEMBER[0], "Ordförande" if bad else "Medlem", "", "", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(page: Page, tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_label(re.compile(r"^Fil\b")).set_input_files(str(path))
    page.get_by_role("button", name="Provkör").click()
    expect(page.get_by_role("heading", name="Provkörningens rapport")).to_be_visible()


def test_the_secretariat_imports_the_register_from_the_template(page: Page, cast, tmp_path):
    sign_in(page, cast.people["secretariat"].email)
    page.goto("/oversikt/")
    axe_check(page, context="(dashboard)")
    follow(page, page.get_by_role("link", name="Till importen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera registret")
    axe_check(page, context="(import page)")

    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner mallen (Excel, .xlsx)").click()
    assert info.value.suggested_filename == "samverkan-register-mall.xlsx"
    template = Path(info.value.path()).read_bytes()

    upload(page, tmp_path, filled(template, bad=True), "register.xlsx")
    problems = page.locator("table.problems tbody tr")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("Kommunen Malmö finns inte i registret")
    expect(problems.nth(0)).to_contain_text("Personer")
    expect(problems.nth(1)).to_contain_text("Rollen Ordförande finns inte")
    expect(problems.nth(1)).to_contain_text("Medlemskap")
    expect(page.get_by_text("Filen avvisades: 2 problem. Ingenting har sparats.")).to_be_visible()
    expect(page.get_by_role("button", name="Importera")).to_have_count(0)
    axe_check(page, context="(report with two bad rows)")

    upload(page, tmp_path, filled(template, bad=False), "register-rattad.xlsx")
    expect(page.get_by_text("Provkörning: filen kan importeras.")).to_be_visible()
    expect(page.locator("table.summary")).to_contain_text("Nätverk")
    axe_check(page, context="(report, ready to import)")
    page.get_by_label("Skicka inte", exact=False).check()
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("status")).to_contain_text("Importen är klar")
    expect(page.get_by_role("status")).to_contain_text("Nätverk: 1 nya, 0 ändrade, 0 oförändrade")
    axe_check(page, context="(after the import)")

    follow(page, page.get_by_role("link", name="Nätverk", exact=True))
    results = page.locator("#results")
    entry = results.locator("li", has=page.get_by_role("link", name=NETWORK))
    expect(entry).to_contain_text("Samordnare: Ebba Ek (Höganäs)")
    axe_check(page, context="(catalogue)")
    entry.get_by_role("link", name=NETWORK).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(NETWORK)
    axe_check(page, context="(the new network)")
