"""The template workbook: a sheet per part with Swedish headings, an example row that is never
imported, and drop-down lists of the register's areas, roles and municipalities."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from samverkan.cooperation.models import Area
from samverkan.imports.reading import Source
from samverkan.imports.template import template_bytes
from tests.imports.helpers import counts, headings, run


def test_the_secretariat_downloads_the_template(cast, client_for):
    response = client_for("secretariat").get(reverse("imports:template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="samverkan-register-mall.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Läs mig",
        "Nätverk",
        "Personer",
        "Medlemskap",
        "Förvaltningsledning",
        "Listor",
    ]
    assert book["Listor"].sheet_state == "hidden"


def test_only_the_secretariat_gets_the_template(cast, client_for):
    assert client_for("coordinator").get(reverse("imports:template")).status_code == 403
    assert client_for("anonymous").get(reverse("imports:template")).status_code == 302


def test_each_sheet_has_swedish_headings_and_an_example_row(cast):
    book = load_workbook(io.BytesIO(template_bytes()))
    for key, title in (
        ("networks", "Nätverk"),
        ("people", "Personer"),
        ("memberships", "Medlemskap"),
        ("contacts", "Förvaltningsledning"),
    ):
        ws = book[title]
        shown = [c.value.removesuffix(" *") for c in ws[1]]
        assert shown == headings(key)
        assert any(c.value for c in ws[2]), f"{title} has no example row"
        assert ws.freeze_panes == "A2"
    assert [c.value for c in book["Personer"][1]][:2] == ["E-post *", "Namn *"]
    assert book["Medlemskap"]["C2"].value == "Samordnare"


def test_the_lists_come_from_the_register(cast):
    Area.objects.create(name="Bibliotek", slug="bibliotek")
    book = load_workbook(io.BytesIO(template_bytes()))
    lists = book["Listor"]
    columns = {col[0].value: [c.value for c in col[1:] if c.value] for col in lists.iter_cols()}
    assert columns["area"] == ["Bibliotek", "Socialtjänst"]
    assert columns["role"] == ["Medlem", "Samordnare", "Sekreterare", "Introduktionsansvarig"]
    assert columns["status"] == ["Aktivt", "Under uppstart"]
    assert columns["municipality"][:3] == ["Bjuv", "Båstad", "Helsingborg"]
    assert len(columns["municipality"]) == 11
    validations = {
        (title, str(dv.sqref)[0]): dv.formula1
        for title in ("Nätverk", "Personer", "Medlemskap", "Förvaltningsledning")
        for dv in book[title].data_validations.dataValidation
    }
    assert validations[("Nätverk", "C")] == "='Listor'!$A$2:$A$3"  # area
    assert validations[("Nätverk", "D")] == "='Listor'!$D$2:$D$3"  # status
    assert validations[("Personer", "D")] == "='Listor'!$B$2:$B$12"  # municipality
    assert validations[("Medlemskap", "C")] == "='Listor'!$C$2:$C$5"  # role
    assert validations[("Förvaltningsledning", "A")] == "='Listor'!$B$2:$B$12"
    assert validations[("Förvaltningsledning", "B")] == "='Listor'!$A$2:$A$3"


def test_the_template_as_downloaded_imports_nothing(cast):
    before = counts()
    report = run(cast, Source("samverkan-register-mall.xlsx", template_bytes()))
    assert not report.ok
    assert "inga rader att importera" in report.problems[0].reason
    assert len(report.notes) == 4  # each sheet's example row was skipped, and said so
    assert counts() == before


def test_a_filled_in_template_imports(cast):
    book = load_workbook(io.BytesIO(template_bytes()))
    book["Personer"].append(["ny.person@bjuv.example.se", "Ny Person", "", "Bjuv", "", ""])
    book["Medlemskap"].append(
        ["Socialchefsnätverket", "ny.person@bjuv.example.se", "Medlem", "", "", ""]
    )
    out = io.BytesIO()
    book.save(out)
    report = run(cast, Source("ifylld.xlsx", out.getvalue()))
    assert report.applied, report.lines()
    assert [(s.title, s.new) for s in report.sheets] == [("Personer", 1), ("Medlemskap", 1)]
