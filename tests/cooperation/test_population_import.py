"""import_population: SCB figures in the CSV form of cooperation/data/municipalities.csv
(issue 7 items 3 and 10: a malformed file is rejected whole, naming the bad lines)."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from samverkan.cooperation.models import Municipality, PopulationFigure
from samverkan.cooperation.population import SHIPPED_CSV, PopulationFileError
from samverkan.cooperation.services import import_population
from samverkan.history.models import HistoryEntry

HEADER = "code,name,population,population_date,population_source\n"
SOURCE = '"SCB, Folkmängd 31 december 2023"'


def csv_file(*lines: str, header: str = HEADER) -> io.StringIO:
    return io.StringIO(header + "".join(f"{line}\n" for line in lines))


def rejected(*lines: str, header: str = HEADER) -> list[tuple[int, str]]:
    with pytest.raises(PopulationFileError) as info:
        import_population(None, csv_file(*lines, header=header))
    return [(e.line, e.message) for e in info.value.errors]


@pytest.mark.django_db
def test_shipped_file_creates_the_eleven_with_their_figures():
    result = import_population(None, SHIPPED_CSV)

    assert (len(result.municipalities_created), result.created) == (11, 11)
    assert (result.updated, result.unchanged) == (0, 0)
    helsingborg = Municipality.objects.get(code="1283")
    assert (helsingborg.name, helsingborg.slug, helsingborg.member_from) == (
        "Helsingborg",
        "helsingborg",
        None,
    )
    figure = helsingborg.population_figures.get()
    assert (figure.population, figure.date.isoformat()) == (150975, "2022-12-31")
    assert figure.source.startswith("SCB")
    assert Municipality.objects.get(code="1292").slug == "angelholm"
    verbs = set(HistoryEntry.objects.values_list("verb", flat=True))
    assert verbs == {"import_population"}


@pytest.mark.django_db
def test_reimport_is_idempotent_and_writes_no_history():
    import_population(None, SHIPPED_CSV)
    entries = HistoryEntry.objects.count()

    result = import_population(None, SHIPPED_CSV)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 11)
    assert result.municipalities_created == []
    assert "0 nya, 0 ändrade, 11 oförändrade" in result.summary()
    assert HistoryEntry.objects.count() == entries
    assert PopulationFigure.objects.count() == 11


@pytest.mark.django_db
def test_newer_figures_are_added_beside_the_older():
    import_population(None, SHIPPED_CSV)

    result = import_population(
        None,
        csv_file(
            f"1283,Helsingborg,151975,2023-12-31,{SOURCE}",
            f'1282,Landskrona,"47 210",2023-12-31,{SOURCE}',
            f"1280,Malmö,362133,2023-12-31,{SOURCE}",
        ),
    )

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert result.municipalities_created == ["Malmö"]
    helsingborg = Municipality.objects.get(code="1283")
    assert [(f.date.year, f.population) for f in helsingborg.population_figures.all()] == [
        (2023, 151975),
        (2022, 150975),
    ]
    assert Municipality.objects.get(code="1282").population_figures.all()[0].population == 47210
    assert Municipality.objects.count() == 12
    assert Municipality.objects.get(code="1280").member_from is None


@pytest.mark.django_db
def test_a_corrected_figure_for_the_same_date_is_updated():
    import_population(None, SHIPPED_CSV)

    result = import_population(None, csv_file('1283,Helsingborg,150976,2022-12-31,"SCB, rättad"'))

    assert (result.created, result.updated) == (0, 1)
    figure = PopulationFigure.objects.get(municipality__code="1283")
    assert (figure.population, figure.source) == (150976, "SCB, rättad")


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing():
    result = import_population(None, SHIPPED_CSV, dry_run=True)

    assert (len(result.municipalities_created), result.created) == (11, 11)
    assert "Provkörning" in result.summary()
    assert Municipality.objects.count() == 0
    assert PopulationFigure.objects.count() == 0
    assert HistoryEntry.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "message"),
    [
        (f"12a4,Svalöv,14466,2023-12-31,{SOURCE}", "kommunkoden ”12a4” är inte fyra siffror"),
        (f"121,Svalöv,14466,2023-12-31,{SOURCE}", "kommunkoden ”121” är inte fyra siffror"),
        (f"1214,Svalöv,många,2023-12-31,{SOURCE}", "folkmängden ”många” är inte ett heltal"),
        (f"1214,Svalöv,14466.5,2023-12-31,{SOURCE}", "är inte ett heltal"),
        (f"1214,Svalöv,-14466,2023-12-31,{SOURCE}", "folkmängden -14466 är negativ"),
        (f"1214,Svalöv,14466,2023-02-30,{SOURCE}", "datumet ”2023-02-30” är inte ett datum"),
        (f"1214,Svalöv,14466,31/12/2023,{SOURCE}", "datumet ”31/12/2023” är inte ett datum"),
        (f"1214,Svalöv,14466,,{SOURCE}", "datumet ”” är inte ett datum"),
        (f"1214,,14466,2023-12-31,{SOURCE}", "kommunens namn saknas"),
        ("1214,Svalöv,14466,2023-12-31", "raden har 4 fält, rubrikraden 5"),
    ],
)
def test_a_bad_line_rejects_the_whole_file(line, message):
    good = f"1283,Helsingborg,151975,2023-12-31,{SOURCE}"

    errors = rejected(good, line, good.replace("1283,Helsingborg", "1282,Landskrona"))

    assert len(errors) == 1
    assert errors[0][0] == 3
    assert message in errors[0][1]
    assert Municipality.objects.count() == 0
    assert PopulationFigure.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_code_and_date_names_both_lines():
    errors = rejected(
        f"1283,Helsingborg,151975,2023-12-31,{SOURCE}",
        f"1282,Landskrona,47210,2023-12-31,{SOURCE}",
        f"1283,Helsingborg,151976,2023-12-31,{SOURCE}",
    )

    assert errors == [(4, "kommunkod 1283 med datum 2023-12-31 finns redan på rad 2.")]


@pytest.mark.django_db
def test_every_bad_line_is_named_and_nothing_is_written():
    import_population(None, SHIPPED_CSV)
    before = list(PopulationFigure.objects.values_list("pk", "population"))

    with pytest.raises(PopulationFileError) as info:
        import_population(
            None,
            csv_file(
                f"1280,Malmö,362133,2023-12-31,{SOURCE}",
                f"12830,Helsingborg,151975,2023-12-31,{SOURCE}",
                f"1283,Helsingborg,151975,2023-12-31,{SOURCE}",
                f"1282,Landskrona,x,2023-13-01,{SOURCE}",
                f"1284,Höganäs,-1,2023-12-31,{SOURCE}",
            ),
        )

    error = info.value
    assert [e.line for e in error.errors] == [3, 5, 5, 6]
    assert error.message.splitlines()[0] == (
        "Filen med folkmängder avvisades med 4 fel; ingenting har sparats."
    )
    assert "Rad 5: datumet ”2023-13-01” är inte ett datum på formen ÅÅÅÅ-MM-DD." in error.message
    assert list(PopulationFigure.objects.values_list("pk", "population")) == before
    assert not Municipality.objects.filter(code="1280").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "filen är tom"),
        ("\n\n", "filen är tom"),
        (HEADER, "filen innehåller inga rader med folkmängd"),
        ("code,name,population\n1214,Svalöv,14466\n", "population_date, population_source"),
        ("kod;namn\n1214;Svalöv\n", "code, name, population, population_date"),
    ],
)
def test_empty_file_or_missing_columns_is_rejected(text, message):
    with pytest.raises(PopulationFileError) as info:
        import_population(None, io.StringIO(text))

    assert [e.line for e in info.value.errors] == [1]
    assert message in info.value.errors[0].message
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_semicolons_bom_and_bytes_are_read():
    data = (
        "\ufeffcode;name;population;population_date;population_source\n"
        "1214;Svalöv;14 466;2022-12-31;SCB\n"
    ).encode()

    result = import_population(None, io.BytesIO(data))

    assert result.created == 1
    assert PopulationFigure.objects.get().population == 14466


@pytest.mark.django_db
def test_a_file_saved_by_excel_in_windows_1252_is_read():
    # Issue 14: what Excel saves in Sweden is read as it is (it was refused before).
    data = (HEADER + "1257,Örkelljunga,10455,2022-12-31,SCB\n").encode("cp1252")

    result = import_population(None, io.BytesIO(data))

    assert result.municipalities_created == ["Örkelljunga"]
    assert "Windows-1252" in result.form


@pytest.mark.django_db
def test_a_file_in_no_known_encoding_is_rejected():
    data = (HEADER + "1257,Örkelljunga,10455,2022-12-31,SCB\n").encode("utf-8") + b"\x81\xff"

    with pytest.raises(PopulationFileError) as info:
        import_population(None, io.BytesIO(data))

    assert "UTF-8" in info.value.message
    assert Municipality.objects.count() == 0


def test_only_the_secretariat_may_import(cast):
    with pytest.raises(PermissionDenied):
        import_population(cast.user("coordinator"), SHIPPED_CSV)

    assert not HistoryEntry.objects.filter(verb="import_population").exists()

    # The cast's figures name their source "SCB"; the shipped file names the table.
    result = import_population(cast.user("secretariat"), SHIPPED_CSV)

    assert (result.created, result.updated, result.unchanged) == (0, 11, 0)
    entries = HistoryEntry.objects.filter(verb="import_population")
    assert entries.count() == 11
    assert {e.actor_id for e in entries} == {cast.user("secretariat").pk}


@pytest.mark.django_db
def test_command_prints_summary_and_dry_run(tmp_path):
    out = io.StringIO()
    call_command("import_population", str(SHIPPED_CSV), "--dry-run", stdout=out)
    assert "Provkörning" in out.getvalue()
    assert Municipality.objects.count() == 0

    out = io.StringIO()
    call_command("import_population", str(SHIPPED_CSV), stdout=out)

    assert "Kommuner: 11 nya. Folkmängder: 11 nya, 0 ändrade, 0 oförändrade." in out.getvalue()
    assert Municipality.objects.count() == 11


@pytest.mark.django_db
def test_command_names_bad_lines_and_fails(tmp_path):
    path = tmp_path / "scb.csv"
    path.write_text(HEADER + "1214,Svalöv,abc,2023-12-31,SCB\n1257,Örkelljunga,1,2023,SCB\n")
    err = io.StringIO()

    with pytest.raises(CommandError, match="avvisades med 2 fel"):
        call_command("import_population", str(path), stderr=err)

    assert err.getvalue().splitlines() == [
        "Rad 2: folkmängden ”abc” är inte ett heltal.",
        "Rad 3: datumet ”2023” är inte ett datum på formen ÅÅÅÅ-MM-DD.",
    ]
    assert Municipality.objects.count() == 0
