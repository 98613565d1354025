"""Bad input is refused whole, with the report, and nothing is written (issue 14, part 1).

Each file below is the good register of helpers.sheets() with one thing wrong, so that a
half-written import would show in the counts."""

import datetime

import pytest

from samverkan.imports.reading import Source
from tests.imports.helpers import (
    BO,
    CONTACTS,
    LENA,
    MEMBERSHIPS,
    NETWORKS,
    PEOPLE,
    book,
    counts,
    csv_bytes,
    run,
    sheets,
    with_cached_formula,
    xlsx,
)

GOOD_PERSON = BO
GOOD_NETWORK = ["Biblioteksnätverket", "", "Socialtjänst", "Aktivt", "2023-03-01", "", "Bjuv"]


def membership(role="Medlem", start="2023-03-01", end="", email="bo.bok@bjuv.example.se"):
    return ["Biblioteksnätverket", email, role, "", start, end]


def refused(cast, *sources, **kwargs):
    """The report of an import that must be refused, having checked that nothing changed."""
    before = counts()
    report = run(cast, *sources, **kwargs)
    assert not report.ok, report.lines()
    assert not report.applied
    assert "Ingenting har sparats" in report.verdict()
    assert counts() == before
    return report


def only(report):
    assert len(report.problems) == 1, report.lines()
    return report.problems[0]


def test_a_missing_column_is_refused(cast):
    rows = [PEOPLE[1:], GOOD_PERSON[1:], LENA[1:]]  # no E-post
    problem = only(refused(cast, book(Personer=rows)))
    assert (problem.sheet, problem.row, problem.column) == ("Personer", 1, "E-post")
    assert "Kolumnen ”E-post” saknas" in problem.reason


def test_a_renamed_column_is_refused(cast):
    rows = [["Epost", *PEOPLE[1:]], GOOD_PERSON, LENA]
    report = refused(cast, book(Personer=rows))
    reasons = [p.reason for p in report.problems]
    assert any("Kolumnen ”Epost” finns inte på bladet Personer" in r for r in reasons)
    assert any("Kolumnen ”E-post” saknas" in r for r in reasons)
    assert all(p.row == 1 for p in report.problems)


def test_a_column_given_twice_is_refused(cast):
    rows = [[*PEOPLE, "Namn"], [*GOOD_PERSON, "Bo"], [*LENA, "Lena"]]
    problem = only(refused(cast, book(Personer=rows)))
    assert "finns två gånger" in problem.reason


def test_duplicate_emails_within_the_file_are_refused(cast):
    rows = [PEOPLE, GOOD_PERSON, ["Bo.Bok@Bjuv.example.se", "Bo Bokström", "", "", "", ""], LENA]
    problem = only(refused(cast, book(Personer=rows)))
    assert (problem.sheet, problem.row, problem.column) == ("Personer", 3, "E-post (A)")
    assert "finns redan på rad 2" in problem.reason


def test_an_unknown_municipality_is_refused(cast):
    rows = [PEOPLE, ["bo.bok@bjuv.example.se", "Bo Bok", "", "Malmö", "", ""], LENA]
    problem = only(refused(cast, book(Personer=rows)))
    assert (problem.row, problem.column) == (2, "Kommun (D)")
    assert "Kommunen Malmö finns inte i registret" in problem.reason


def test_an_unknown_municipality_code_in_a_network_is_refused(cast):
    rows = [NETWORKS, [*GOOD_NETWORK[:-1], "Bjuv, 9999"]]
    problem = only(refused(cast, book(Nätverk=rows)))
    assert (problem.sheet, problem.column) == ("Nätverk", "Kommuner (G)")
    assert "Kommunen 9999 finns inte" in problem.reason


def test_an_unknown_area_is_refused(cast):
    rows = [NETWORKS, ["Biblioteksnätverket", "", "Bibliotek", "", "", "", ""]]
    problem = only(refused(cast, book(Nätverk=rows)))
    assert problem.column == "Verksamhetsområde (C)"
    assert "Verksamhetsområdet Bibliotek finns inte. Välj ett av: Socialtjänst." in problem.reason


def test_an_unknown_area_of_a_management_contact_is_refused(cast):
    rows = [CONTACTS, ["Bjuv", "Kultur", "bo.bok@bjuv.example.se"]]
    problem = only(refused(cast, book(Förvaltningsledning=rows)))
    assert (problem.sheet, problem.row) == ("Förvaltningsledning", 2)


@pytest.mark.parametrize(
    "value, reason",
    [
        ("2023-02-30", "Datumet 2023-02-30 finns inte."),
        ("2023-13-01", "Datumet 2023-13-01 finns inte."),
        ("1/3/2023", "1/3/2023 är inget datum. Skriv datum som ÅÅÅÅ-MM-DD."),
        ("i mars", "i mars är inget datum."),
    ],
)
def test_a_date_that_does_not_exist_is_refused(cast, value, reason):
    rows = [MEMBERSHIPS, membership(start=value)]
    problem = only(refused(cast, book(Medlemskap=rows)))
    assert (problem.sheet, problem.row, problem.column) == ("Medlemskap", 2, "Från (E)")
    assert reason in problem.reason


def test_an_end_before_the_start_is_refused(cast):
    rows = [MEMBERSHIPS, membership(start="2023-03-01", end=datetime.date(2023, 2, 1))]
    problem = only(refused(cast, book(Medlemskap=rows)))
    assert problem.column == "Till (F)"
    assert problem.reason == "Till (2023-02-01) är före Från (2023-03-01)."


def test_an_end_before_a_stored_start_is_refused(cast):
    rows = [
        MEMBERSHIPS,
        ["socialchefsnatverket", cast.people["member"].email, "Medlem", "", "", "2019-01-01"],
    ]
    problem = only(refused(cast, book(Medlemskap=rows)))
    assert "före medlemskapets start (2020-01-01)" in problem.reason


def test_a_role_that_does_not_exist_is_refused(cast):
    rows = [MEMBERSHIPS, membership(role="Ordförande")]
    problem = only(refused(cast, book(Medlemskap=rows)))
    assert problem.column == "Roll (C)"
    assert "Rollen Ordförande finns inte. Välj en av: Medlem, Samordnare" in problem.reason


def test_a_membership_of_an_unknown_person_or_network_is_refused(cast):
    rows = [
        MEMBERSHIPS,
        membership(email="okand@example.se"),
        ["Okänt nätverk", "bo.bok@bjuv.example.se", "Medlem", "", "", ""],
    ]
    report = refused(cast, book(Medlemskap=rows))
    assert [(p.row, p.column) for p in report.problems] == [(2, "E-post (B)"), (3, "Nätverk (A)")]


def test_a_new_person_without_a_name_is_refused(cast):
    rows = [PEOPLE, BO, LENA, ["ny@bjuv.example.se", "", "", "", "", ""]]
    problem = only(refused(cast, book(Personer=rows)))
    assert problem.reason == "Namn måste fyllas i för en ny person."


def test_a_status_change_of_a_stored_network_is_refused(cast):
    rows = [
        ["Namn", "Verksamhetsområde", "Status"],
        ["Socialchefsnätverket", "Socialtjänst", "Under uppstart"],
    ]
    problem = only(refused(cast, book(Nätverk=rows, Medlemskap=None)))
    assert "Status ändras inte genom en import" in problem.reason


def test_the_same_membership_twice_is_refused(cast):
    rows = [MEMBERSHIPS, membership(), membership(start="2023-06-01")]
    problem = only(refused(cast, book(Medlemskap=rows)))
    assert problem.row == 3 and "finns redan på rad 2" in problem.reason


def test_an_empty_file_is_refused(cast):
    problem = only(refused(cast, Source("tom.csv", b"")))
    assert (problem.sheet, problem.reason) == ("tom.csv", "Filen är tom.")
    problem = only(refused(cast, Source("tom.xlsx", b"\xef\xbb\xbf\r\n")))
    assert problem.reason == "Filen är tom."


def test_a_workbook_with_headings_only_is_refused(cast):
    data = xlsx({"Personer": [PEOPLE], "Nätverk": [NETWORKS]})
    problem = only(refused(cast, Source("mall.xlsx", data)))
    assert "inga rader att importera" in problem.reason


@pytest.mark.parametrize(
    "name, data",
    [
        ("register.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"),
        ("register.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("register.csv", bytes(range(256)) * 4),
        ("register.xlsx", b"PK\x03\x04 not really a zip"),
        ("register.html", b"<!DOCTYPE html><html><body>Hej</body></html>"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(cast, name, data):
    problem = only(refused(cast, Source(name, data)))
    assert problem.reason.startswith("Filen är inte ett kalkylblad.")


def test_a_zip_that_is_not_a_workbook_is_refused(cast):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    problem = only(refused(cast, Source("brev.docx", out.getvalue())))
    assert problem.reason.startswith("Filen är inte ett kalkylblad.")


def test_an_old_excel_file_is_refused_with_what_to_do(cast):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    problem = only(refused(cast, Source("register.xls", data)))
    assert "Spara den som Excel-arbetsbok (.xlsx) eller CSV" in problem.reason


def test_a_20_mb_file_is_refused_with_a_clear_message(cast, settings):
    assert settings.IMPORT_MAX_MB == 10
    data = csv_bytes([PEOPLE, GOOD_PERSON]) + b"x" * (20 * 1024 * 1024)
    problem = only(refused(cast, Source("stor.csv", data)))
    assert problem.reason.startswith("Filen är för stor för en import: den får vara högst 10 MB.")


def test_the_size_limit_is_a_setting(cast, settings):
    settings.IMPORT_MAX_MB = 1
    data = xlsx(sheets()) + b""
    padded = csv_bytes(
        [PEOPLE, GOOD_PERSON, *[[f"p{i}@x.se", "P", "x" * 150] for i in range(9000)]]
    )
    assert len(padded) > 1024 * 1024
    problem = only(refused(cast, Source("personer.csv", padded)))
    assert "högst 1 MB" in problem.reason
    assert run(cast, Source("register.xlsx", data)).applied


def test_a_formula_without_a_saved_value_is_refused_not_evaluated(cast):
    rows = [PEOPLE, ["bo.bok@bjuv.example.se", '=UPPER("bo bok")', "", "", "", ""], LENA]
    problem = only(refused(cast, book(Personer=rows)))
    assert problem.column == "Namn (B)"
    assert "formel utan sparat värde" in problem.reason


def test_a_formula_typed_into_a_csv_file_is_refused(cast):
    data = csv_bytes([PEOPLE, ["bo.bok@bjuv.example.se", "=1+1", "", "", "", ""]])
    problem = only(refused(cast, Source("personer.csv", data)))
    assert "Cellen innehåller en formel (=1+1)" in problem.reason


def test_a_sheet_the_template_does_not_have_is_refused(cast):
    data = xlsx({**sheets(), "Blad1": [["Något"], ["annat"]]})
    problem = only(refused(cast, Source("register.xlsx", data)))
    assert problem.sheet == "Blad1" and "finns inte i mallen" in problem.reason


def test_every_bad_row_is_reported_at_once(cast):
    people = [
        PEOPLE,
        ["inte-en-adress", "X", "", "", "", ""],
        ["ny@bjuv.example.se", "Ny", "", "Lund", "", ""],
        BO,
        LENA,
    ]
    memberships = [MEMBERSHIPS, membership(role="Chef"), membership(start="2023-02-29")]
    report = refused(cast, book(Personer=people, Medlemskap=memberships))
    assert [(p.sheet, p.row) for p in report.problems] == [
        ("Personer", 2),
        ("Personer", 3),
        ("Medlemskap", 2),
        ("Medlemskap", 3),
    ]
    assert report.bad_rows == 4


def test_a_formula_that_failed_in_excel_is_refused(cast):
    book_rows = sheets(Personer=[PEOPLE, [BO[0], "=1/0", *BO[2:]], LENA])
    data = with_cached_formula(xlsx(book_rows), 2, "B2", "#DIV/0!")
    problem = only(refused(cast, Source("register.xlsx", data)))
    assert "felvärdet #DIV/0!" in problem.reason
