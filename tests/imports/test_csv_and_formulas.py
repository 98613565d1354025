"""CSV files, one sheet each: `;` or `,`, UTF-8 with or without BOM, or Windows-1252 (what
Excel saves in Sweden), told apart and said in the report; the sheet told by the heading row
or chosen. Formulas in a workbook are read as the values saved with them, never evaluated."""

import pytest

from samverkan.imports.reading import Source
from samverkan.people.models import Person
from tests.imports.helpers import (
    BO,
    LENA,
    MEMBERSHIPS,
    PEOPLE,
    counts,
    csv_bytes,
    run,
    sheets,
    with_cached_formula,
    xlsx,
)

ÅSA = ["asa.ostlund@hoganas.example.se", "Åsa Östlund", "Områdeschef", "Höganäs", "Äldreomsorg", ""]


@pytest.mark.parametrize(
    "delimiter, encoding, bom, said",
    [
        (";", "utf-8", True, ("UTF-8 med BOM", "semikolon")),
        (";", "utf-8", False, ("UTF-8", "semikolon")),
        (",", "utf-8", False, ("UTF-8", "kommatecken")),
        (";", "cp1252", False, ("Windows-1252", "semikolon")),
        (",", "cp1252", False, ("Windows-1252", "kommatecken")),
    ],
)
def test_csv_encodings_and_delimiters_are_detected_and_said(cast, delimiter, encoding, bom, said):
    data = csv_bytes([PEOPLE, ÅSA], delimiter=delimiter, encoding=encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    report = run(cast, Source("personer.csv", data))
    assert report.applied, report.lines()
    (source,) = report.sources
    assert (source.kind, source.encoding, source.delimiter, source.sheets) == (
        "CSV",
        *said,
        ["Personer"],
    )
    assert f"teckenkodning {said[0]}, avgränsat med {said[1]}" in source.line()
    person = Person.objects.get(email="asa.ostlund@hoganas.example.se")
    assert (person.name, person.title, person.unit) == ("Åsa Östlund", "Områdeschef", "Äldreomsorg")
    assert person.municipality == cast.muni("Höganäs")


def test_a_cell_with_the_delimiter_inside_quotes_is_one_cell(cast):
    rows = [
        ["Namn", "Verksamhetsområde", "Kommuner"],
        ["Nytt nätverk", "Socialtjänst", "Bjuv;Åstorp"],
    ]
    report = run(cast, Source("natverk.csv", csv_bytes(rows, delimiter=";")))
    assert report.applied, report.lines()
    assert report.sources[0].sheets == ["Nätverk"]


def test_several_csv_files_import_together_all_or_nothing(cast):
    people = Source("personer.csv", csv_bytes([PEOPLE, BO, LENA]))
    memberships = Source(
        "medlemskap.csv",
        csv_bytes(
            [MEMBERSHIPS, ["socialchefsnatverket", "bo.bok@bjuv.example.se", "Medlem", "", "", ""]],
            delimiter=",",
        ),
    )
    report = run(cast, people, memberships)
    assert report.applied, report.lines()
    assert [s.title for s in report.sheets] == ["Personer", "Medlemskap"]
    assert [s.sheets for s in report.sources] == [["Personer"], ["Medlemskap"]]


def test_two_files_for_the_same_sheet_are_refused(cast):
    before = counts()
    report = run(
        cast,
        Source("a.csv", csv_bytes([PEOPLE, BO])),
        Source("b.csv", csv_bytes([PEOPLE, LENA])),
    )
    assert not report.ok and counts() == before
    assert "finns redan i Personer (a.csv)" in report.problems[0].reason


def test_a_csv_file_whose_headings_fit_no_sheet_says_which_is_nearest(cast):
    before = counts()
    data = csv_bytes([["Epost", "Namn", "Titel"], ["bo.bok@bjuv.example.se", "Bo Bok", ""]])
    report = run(cast, Source("personer.csv", data))
    assert not report.ok and counts() == before
    assert any("närmast är Personer" in p.reason for p in report.problems)


def test_the_sheet_of_a_csv_file_may_be_chosen(cast):
    data = csv_bytes([["E-post", "Namn"], ["bo.bok@bjuv.example.se", "Bo Bok"]])
    report = run(cast, Source("lista.csv", data), csv_sheet="people", dry_run=True)
    assert report.ok and report.sheets[0].title == "Personer"
    wrong = run(cast, Source("lista.csv", data), csv_sheet="memberships", dry_run=True)
    assert not wrong.ok
    assert any(
        "Kolumnen ”Namn” finns inte på bladet Medlemskap" in p.reason for p in wrong.problems
    )


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused(cast):
    data = b"E-post;Namn\n" + b"a@b.se;\x81\x8d\x8f\x90\n"
    report = run(cast, Source("personer.csv", data))
    assert not report.ok
    assert report.problems[0].reason.startswith("Filen är inte ett kalkylblad.")


def test_utf16_is_refused_with_what_to_do(cast):
    data = "E-post;Namn\n".encode("utf-16")
    report = run(cast, Source("personer.csv", data))
    assert "Spara den som CSV UTF-8" in report.problems[0].reason


def test_a_formula_with_a_saved_value_is_read_as_that_value(cast):
    book = sheets(Personer=[PEOPLE, [BO[0], '=PROPER("bo bok")', *BO[2:]], LENA])
    data = xlsx(book)
    # Sheet 2 of the workbook is Personer (Nätverk is first); B2 holds the formula.
    data = with_cached_formula(data, 2, "B2", "Bo Bok")
    report = run(cast, Source("register.xlsx", data))
    assert report.applied, report.lines()
    assert Person.objects.get(email=BO[0]).name == "Bo Bok"
    assert any("1 celler med formler lästes som de värden som sparades" in n for n in report.notes)


def test_a_formula_is_never_evaluated(cast):
    """The saved value is what counts, even where the formula would say something else."""
    book = sheets(Personer=[PEOPLE, [BO[0], '=UPPER("bo bok")', *BO[2:]], LENA])
    data = with_cached_formula(xlsx(book), 2, "B2", "Bo Bok")
    run(cast, Source("register.xlsx", data))
    assert Person.objects.get(email=BO[0]).name == "Bo Bok"  # not "BO BOK"
