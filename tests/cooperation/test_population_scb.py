"""import_population with SCB's own files for table BE0101N1 (issue 14, part 2): the CSV its
PxWeb exports, JSON-stat and the older API's PxWeb JSON; the table, reference date and source
kept with each figure; names and codes checked against the register; and a cost's allocation
(PR2) saying which figures it used.

The sample files under data/ are shaped as SCB gives them; their 2023 and 2024 figures are
illustrative, not SCB's."""

import copy
import datetime
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from samverkan.agreements.models import Agreement, AgreementVersion
from samverkan.cooperation.models import Municipality, PopulationFigure
from samverkan.cooperation.population import MAX_BYTES, SHIPPED_CSV, PopulationFileError
from samverkan.cooperation.scb import period_date
from samverkan.cooperation.services import import_population
from samverkan.costs import services as costs
from samverkan.costs.selectors import plan_allocation
from samverkan.history.models import HistoryEntry

DATA = Path(__file__).resolve().parent / "data"
COMMA_CSV = DATA / "scb_be0101n1_komma.csv"  # Windows-1252, title and footnotes
SEMICOLON_CSV = DATA / "scb_be0101n1_semikolon.csv"  # UTF-8 with BOM, Skåne län first
JSON_STAT = DATA / "scb_be0101n1.json-stat2.json"
PXWEB_JSON = DATA / "scb_be0101n1.pxweb.json"
SCB_FILES = [COMMA_CSV, SEMICOLON_CSV, JSON_STAT, PXWEB_JSON]
FORMS = {
    COMMA_CSV: "SCB:s CSV, komma (Windows-1252)",
    SEMICOLON_CSV: "SCB:s CSV, semikolon (UTF-8 med BOM)",
    JSON_STAT: "JSON-stat 2.0 (UTF-8)",
    PXWEB_JSON: "PxWeb-JSON (UTF-8 med BOM)",
}
DEC_31_2024 = datetime.date(2024, 12, 31)


@pytest.fixture
def register(db):
    """The eleven, as an instance is set up (2022 figures from the shipped file)."""
    import_population(None, SHIPPED_CSV)


def figures() -> list[tuple[str, datetime.date, int]]:
    return sorted(PopulationFigure.objects.values_list("municipality__code", "date", "population"))


def state() -> tuple[object, ...]:
    """Everything an import could write, to compare before and after."""
    return (
        list(Municipality.objects.order_by("pk").values_list("pk", "code", "name", "slug")),
        list(PopulationFigure.objects.order_by("pk").values()),
        HistoryEntry.objects.count(),
    )


def text_file(text: str, encoding: str = "utf-8", name: str = "scb.csv") -> io.BytesIO:
    data = io.BytesIO(text.encode(encoding))
    data.name = name
    return data


def json_stat() -> dict:
    return json.loads(JSON_STAT.read_text(encoding="utf-8"))


def as_file(doc: object, name: str = "scb.json") -> io.BytesIO:
    return text_file(json.dumps(doc, ensure_ascii=False), name=name)


def refused(source, **options) -> list[str]:
    before = state()
    with pytest.raises(PopulationFileError) as info:
        import_population(None, source, **options)
    assert state() == before, "a refused file wrote something"
    return [str(e) for e in info.value.errors]


# ---- each form ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", SCB_FILES, ids=lambda p: p.name)
def test_each_scb_form_stores_table_reference_date_and_source(register, path):
    result = import_population(None, path)

    assert (result.created, result.updated, result.unchanged) == (22, 0, 0)
    assert result.municipalities_created == []
    assert result.form == FORMS[path]
    figure = PopulationFigure.objects.get(municipality__code="1283", date=DEC_31_2024)
    assert figure.population == 152680
    assert (figure.table, figure.period) == ("BE0101N1", "2024")
    assert figure.source.startswith("SCB, Statistikdatabasen, BE0101N1")
    assert figure.source_file == path.name
    assert figure.imported_at is not None
    # The 2022 figures of the shipped file stay beside the new ones.
    assert PopulationFigure.objects.filter(municipality__code="1283").count() == 3
    summary = result.summary()
    assert f"Läst som: {FORMS[path]}." in summary
    assert (
        "Folkmängd per 2024-12-31: 11 kommuner, tabell BE0101N1, källa: SCB, Statistikdata"
        in summary
    )


def test_the_four_forms_give_the_same_figures(register):
    seen = []
    for path in SCB_FILES:
        PopulationFigure.objects.exclude(date=datetime.date(2022, 12, 31)).delete()
        import_population(None, path)
        seen.append(figures())
    assert all(s == seen[0] for s in seen)
    assert len(seen[0]) == 33


def test_source_names_the_title_and_the_update_from_the_file(register):
    import_population(None, JSON_STAT)
    json_figure = PopulationFigure.objects.get(municipality__code="1214", date=DEC_31_2024)
    import_population(None, COMMA_CSV)  # same figures, the CSV's source
    csv_figure = PopulationFigure.objects.get(municipality__code="1214", date=DEC_31_2024)

    assert json_figure.source == (
        "SCB, Statistikdatabasen, BE0101N1 (tabell TAB638, Folkmängd efter region, "
        "tabellinnehåll och år, uppdaterad 2025-02-21)"
    )
    assert csv_figure.source == (
        "SCB, Statistikdatabasen, BE0101N1 (Folkmängd efter region och år)"
    )
    assert csv_figure.source_file == "scb_be0101n1_komma.csv"


def test_reimporting_an_scb_file_changes_nothing(register):
    import_population(None, JSON_STAT)
    before = state()

    result = import_population(None, JSON_STAT)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 22)
    assert state() == before


def test_regions_that_are_not_municipalities_are_left_aside_and_said(register):
    result = import_population(None, SEMICOLON_CSV)

    assert "Regioner som inte är kommuner lästes inte: 12 Skåne län." in result.summary()
    assert result.created == 22
    assert Municipality.objects.count() == 11


def test_a_row_per_year_csv_is_read(register):
    text = '"region","år","Folkmängd"\n"1283 Helsingborg","2024","152 680"\n'

    result = import_population(None, text_file(text))

    assert result.created == 1
    assert PopulationFigure.objects.get(date=DEC_31_2024).population == 152680


def test_json_stat_1_as_the_older_api_gives_it(register):
    ds = json_stat()
    dims = ds.pop("dimension")
    dims["id"], dims["size"], dims["role"] = ds.pop("id"), ds.pop("size"), ds.pop("role")
    del ds["version"]
    del ds["class"]
    bundle = {"dataset": {**ds, "dimension": dims}}

    result = import_population(None, as_file(bundle))

    assert result.created == 22
    assert result.form == "JSON-stat 1.0 (UTF-8)"


def test_json_stat_labels_with_codes_and_a_sparse_value_object(register):
    ds = json_stat()
    labels = ds["dimension"]["Region"]["category"]["label"]
    for code in labels:
        labels[code] = f"{code} {labels[code]}"
    ds["value"] = {str(n): v for n, v in enumerate(ds["value"])}

    result = import_population(None, as_file(ds))

    assert result.created == 22


def test_other_contents_than_population_are_left_aside(register):
    ds = json_stat()
    contents = ds["dimension"]["ContentsCode"]["category"]
    contents["index"] = {"BE0101N1": 0, "BE0101N2": 1}
    contents["label"] = {"BE0101N1": "Folkmängd", "BE0101N2": "Folkökning"}
    ds["size"] = [11, 2, 2]
    values = ds["value"]
    ds["value"] = [v for n in range(11) for v in (*values[2 * n : 2 * n + 2], 120, 130)]

    result = import_population(None, as_file(ds))

    assert result.created == 22
    assert "Annat tabellinnehåll än folkmängd lästes inte: Folkökning." in result.summary()
    assert PopulationFigure.objects.get(municipality__code="1283", date=DEC_31_2024).population == (
        152680
    )


def test_a_region_given_by_name_only_gets_the_registers_code(register):
    text = '"region","2024"\n"Helsingborg",152680\n'

    import_population(None, text_file(text))

    assert PopulationFigure.objects.get(date=DEC_31_2024).municipality.code == "1283"


# ---- dry run, names and codes ------------------------------------------------------------


@pytest.mark.parametrize("path", SCB_FILES, ids=lambda p: p.name)
def test_dry_run_reports_and_writes_nothing(register, path):
    before = state()

    result = import_population(None, path, dry_run=True)

    assert result.created == 22
    assert "Provkörning: ingenting har sparats." in result.summary()
    assert state() == before


def test_an_unknown_code_is_reported_in_the_dry_run_and_refused(register):
    text = (
        COMMA_CSV.read_bytes()
        .decode("cp1252")
        .replace('"1214 Svalöv"', '"1280 Malmö",362133,365000\r\n"1214 Svalöv"')
    )

    errors = refused(text_file(text, "cp1252"), dry_run=True)

    assert errors == ["Rad 4: kommunkoden 1280 finns inte i registret (1280 Malmö)."]
    assert not Municipality.objects.filter(code="1280").exists()


def test_unknown_codes_may_be_skipped_and_are_listed(register):
    ds = json_stat()
    region = ds["dimension"]["Region"]["category"]
    region["index"]["1280"] = 11
    region["label"]["1280"] = "Malmö"
    ds["size"][0] = 12
    ds["value"] += [362133, 365000]

    with pytest.raises(PopulationFileError) as info:
        import_population(None, as_file(ds))
    assert "1280 Malmö: kommunkoden 1280 finns inte i registret (1280 Malmö)." in [
        str(e) for e in info.value.errors
    ]
    assert any("--skip-unknown" in h for h in info.value.hints)

    result = import_population(None, as_file(ds), skip_unknown=True)

    assert result.created == 22
    assert "Okända kommunkoder som hoppades över: 1280 Malmö." in result.summary()
    assert not Municipality.objects.filter(code="1280").exists()


def test_an_scb_file_adds_no_municipality_to_an_empty_register(db):
    errors = refused(PXWEB_JSON)

    assert len(errors) == 11  # once per code, not per year
    assert errors[0] == "1214: kommunkoden 1214 finns inte i registret (1214)."
    assert Municipality.objects.count() == 0


def test_a_name_that_is_not_the_registers_is_reported_in_the_dry_run(register):
    text = SEMICOLON_CSV.read_text(encoding="utf-8-sig").replace(
        "1283 Helsingborg", "1283 Helsingborgs stad"
    )

    errors = refused(text_file(text), dry_run=True)

    assert errors == [
        "Rad 11: 1283 heter ”Helsingborg” i registret men ”Helsingborgs stad” i filen."
    ]


def test_accept_names_imports_and_keeps_the_registers_name(register):
    ds = json_stat()
    ds["dimension"]["Region"]["category"]["label"]["1283"] = "Helsingborgs stad"

    result = import_population(None, as_file(ds), accept_names=True)

    assert result.created == 22
    assert Municipality.objects.get(code="1283").name == "Helsingborg"
    assert (
        "Namn som skiljer sig från registrets (registrets namn behålls): 1283 heter "
        "”Helsingborg” i registret men ”Helsingborgs stad” i filen."
    ) in result.summary()


def test_names_differing_only_in_case_or_spacing_are_the_same(register):
    text = '"region","2024"\n"1283  HELSINGBORG",152680\n'

    assert import_population(None, text_file(text)).created == 1


def test_the_registers_own_csv_is_also_checked_against_known_names(register):
    header = "code,name,population,population_date,population_source\n"
    text = header + "1283,Hälsingborg,151975,2023-12-31,SCB\n"

    errors = refused(text_file(text))

    assert errors == ["Rad 2: 1283 heter ”Helsingborg” i registret men ”Hälsingborg” i filen."]
    assert import_population(None, text_file(text), accept_names=True).created == 1


# ---- bad input: refused whole, in Swedish, nothing written --------------------------------


def replaced(path: Path, old: str, new: str, encoding: str = "utf-8-sig") -> io.BytesIO:
    text = path.read_bytes().decode(encoding)
    assert old in text
    return text_file(text.replace(old, new), "cp1252" if encoding == "cp1252" else "utf-8")


def with_value(n: int, value: object) -> io.BytesIO:
    ds = json_stat()
    ds["value"][n] = value
    return as_file(ds)


BAD_FILES = {
    "empty": (lambda: text_file(""), "filen är tom"),
    "blank lines": (lambda: text_file("\r\n \r\n"), "filen är tom"),
    "excel": (lambda: io.BytesIO(b"PK\x03\x04rest of a zip"), "filen är en Excel-fil"),
    "pdf": (lambda: io.BytesIO(b"%PDF-1.7\n"), "filen är en PDF"),
    "binary": (lambda: io.BytesIO(b"region\x00\x01\x02"), "inte en textfil"),
    "not json": (lambda: text_file('{"columns": [', name="x.json"), "inte giltig JSON (rad 1"),
    "json list": (lambda: as_file([1, 2, 3]), "varken JSON-stat eller PxWeb-JSON"),
    "other json": (lambda: as_file({"hello": "world"}), "varken JSON-stat eller PxWeb-JSON"),
    "unknown heading": (lambda: text_file("kod;antal\n1283;5\n"), "rubrikraden känns inte"),
    "no year": (lambda: text_file("kommun;antal\n1283;5\n"), "varken en kolumn per år"),
    "csv text figure": (
        lambda: replaced(COMMA_CSV, "151975", "många", "cp1252"),
        "Rad 12: 1283 Helsingborg, 2023: folkmängden ”många” är inte ett heltal.",
    ),
    "csv negative": (
        lambda: replaced(SEMICOLON_CSV, '"7460"', '"-7460"'),
        "Rad 6: 1275 Perstorp, 2023: folkmängden -7460 är negativ.",
    ),
    "csv missing": (
        lambda: replaced(SEMICOLON_CSV, '"7460"', '".."'),
        "Rad 6: 1275 Perstorp, 2023: folkmängden saknas (”..”).",
    ),
    "csv duplicate code": (
        lambda: replaced(COMMA_CSV, '"1257 Örkelljunga"', '"1214 Svalöv"', "cp1252"),
        "Rad 5: kommunkod 1214 med datum 2023-12-31 finns redan på rad 4.",
    ),
    "csv two names for a code": (
        lambda: text_file('"region","2023"\n"1283 Helsingborg",1\n"1283 Höganäs",2\n'),
        "Rad 3: kommunkod 1283 med datum 2023-12-31 finns redan på rad 2.",
    ),
    "csv short row": (
        lambda: text_file('"region","2023","2024"\n"1283 Helsingborg",151975\n'),
        "Rad 2: raden har 2 fält, rubrikraden 3.",
    ),
    "csv same year twice": (
        lambda: text_file('"region","2024","2024"\n"1283 Helsingborg",1,2\n'),
        "perioden 2024 finns i två kolumner",
    ),
    "csv by sex": (
        lambda: text_file(
            '"region","kön","2024"\n"1283 Helsingborg","män",75000\n'
            '"1283 Helsingborg","kvinnor",77680\n'
        ),
        "filen delar upp folkmängden efter ”kön” (kvinnor, män)",
    ),
    "csv another table": (
        lambda: text_file('"Folkökning efter region och år"\n"region","2024"\n"1283 X",5\n'),
        "filen verkar inte gälla folkmängd: rubriken är ”Folkökning efter region och år”",
    ),
    "csv another contents": (
        lambda: text_file('"region","Folkökning 2024"\n"1283 Helsingborg",700\n'),
        "kolumnerna gäller ”Folkökning”, inte folkmängd",
    ),
    "csv unknown name": (
        lambda: text_file('"region","2024"\n"Malmö",362133\n'),
        "regionen ”Malmö” har ingen kommunkod",
    ),
    "json-stat text figure": (
        lambda: with_value(0, "abc"),
        "1214 Svalöv, 2023: folkmängden ”abc” är inte ett heltal.",
    ),
    "json-stat null": (lambda: with_value(1, None), "1214 Svalöv, 2024: folkmängden saknas."),
    "json-stat fraction": (lambda: with_value(2, 10497.5), "”10497.5” är inte ett heltal"),
    "json-stat true": (lambda: with_value(2, True), "”True” är inte ett heltal"),
    "json-stat short values": (
        lambda: as_file({**json_stat(), "value": [1, 2]}),
        "JSON-stat-filen har 2 värden men dimensionerna ger 22",
    ),
    "json-stat bad size": (
        lambda: as_file({**json_stat(), "size": [11, 1]}),
        "”id” och ”size” stämmer inte",
    ),
    "json-stat by sex": (
        lambda: as_file(
            {
                **json_stat(),
                "id": ["Region", "Kon", "ContentsCode", "Tid"],
                "size": [11, 2, 1, 1],
                "dimension": {
                    **json_stat()["dimension"],
                    "Kon": {
                        "label": "kön",
                        "category": {
                            "index": {"1": 0, "2": 1},
                            "label": {"1": "män", "2": "kvinnor"},
                        },
                    },
                    "Tid": {"label": "år", "category": {"index": {"2024": 0}}},
                },
            }
        ),
        "filen delar upp folkmängden efter ”kön” (män, kvinnor)",
    ),
    "json-stat no region": (
        lambda: as_file({**json_stat(), "id": ["Tid"], "size": [2], "value": [1, 2]}),
        "saknar dimensionerna region och tid",
    ),
    "json-stat other contents": (
        lambda: as_file(
            json.loads(
                JSON_STAT.read_text(encoding="utf-8")
                .replace('"BE0101N1"', '"BE0101N2"')
                .replace('"Folkmängd"', '"Folkökning"')
            )
        ),
        "filen innehåller Folkökning, inte folkmängd",
    ),
    "json-stat unknown period": (
        lambda: as_file(
            json.loads(JSON_STAT.read_text(encoding="utf-8").replace('"2024"', '"2024X"'))
        ),
        "perioden ”2024X” känns inte igen",
    ),
    "json-stat region not a code": (
        lambda: as_file(
            json.loads(JSON_STAT.read_text(encoding="utf-8").replace('"1283"', '"HBG"'))
        ),
        "regionkoden ”HBG” är inte en kommunkod",
    ),
    "pxweb missing": (
        lambda: replaced(PXWEB_JSON, '"151975"', '".."'),
        "1283, 2023: folkmängden saknas (”..”).",
    ),
    "pxweb duplicate": (
        lambda: replaced(PXWEB_JSON, '["1257", "2023"]', '["1214", "2023"]'),
        "kommunkod 1214 med datum 2023-12-31 förekommer två gånger i filen.",
    ),
    "pxweb short key": (
        lambda: replaced(PXWEB_JSON, '["1257", "2023"]', '["1257"]'),
        "Post 3: posten har 1 nycklar och 1 värden",
    ),
    "pxweb no data list": (
        lambda: as_file({"columns": [], "data": {}}),
        "varken JSON-stat eller PxWeb-JSON",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=str)
def test_bad_input_is_refused_whole_in_swedish_and_nothing_is_written(register, case):
    make, message = BAD_FILES[case]

    errors = refused(make(), dry_run=False)

    assert any(message in e for e in errors), errors


def test_a_file_over_the_size_limit_is_refused(register, tmp_path):
    path = tmp_path / "stor.csv"
    path.write_bytes(b'"region","2024"\n' + b'"1283 Helsingborg",1\n' * (MAX_BYTES // 20 + 1))

    errors = refused(path)

    assert errors == [
        "Rad 1: filen är större än 10 MB; en fil med folkmängder från SCB är mycket mindre."
    ]


def test_odd_json_shapes_never_crash(register):
    ds = json_stat()
    shapes = [
        {"dimension": "x", "value": []},
        {**ds, "dimension": {**ds["dimension"], "Region": {"category": None}}},
        {**ds, "dimension": {**ds["dimension"], "Tid": {"category": {"index": {"a": "b"}}}}},
        {**ds, "id": [1, 2, 3]},
        {**ds, "size": [True, 1, 2]},
        {**ds, "value": "many"},
        {**ds, "value": {}, "size": [11, 1, 10**7]},
        {"columns": [{"code": "Region", "type": "d"}], "data": [None, 3]},
        {"columns": [1], "data": []},
        {"dataset": {"dimension": {}}},
    ]
    for doc in shapes:
        refused(as_file(copy.deepcopy(doc)))


# ---- the command ------------------------------------------------------------------------


def test_command_dry_run_of_an_scb_file(register):
    out = io.StringIO()

    call_command("import_population", str(JSON_STAT), "--dry-run", stdout=out)

    text = out.getvalue()
    assert "Folkmängder: 22 nya, 0 ändrade, 0 oförändrade." in text
    assert "Läst som: JSON-stat 2.0 (UTF-8)." in text
    assert "Provkörning" in text
    assert not PopulationFigure.objects.filter(date=DEC_31_2024).exists()


def test_command_fails_naming_unknown_codes_and_mismatched_names(register, tmp_path):
    path = tmp_path / "scb.csv"
    path.write_text(
        '"region","2024"\n"1280 Malmö",365000\n"1283 Helsingborgs stad",152680\n',
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="avvisades med 2 fel; ingenting har sparats"):
        call_command("import_population", str(path), "--dry-run", stdout=out, stderr=err)

    lines = err.getvalue().splitlines()
    assert lines[:2] == [
        "Rad 2: kommunkoden 1280 finns inte i registret (1280 Malmö).",
        "Rad 3: 1283 heter ”Helsingborg” i registret men ”Helsingborgs stad” i filen.",
    ]
    assert any("--skip-unknown" in line for line in lines)
    assert any("--accept-names" in line for line in lines)
    assert "Läst som: SCB:s CSV, komma (UTF-8)." in out.getvalue()

    out = io.StringIO()
    call_command("import_population", str(path), "--skip-unknown", "--accept-names", stdout=out)
    assert "Folkmängder: 1 nya" in out.getvalue()
    assert "1280 Malmö" in out.getvalue()


# ---- the register's CSV keeps working -----------------------------------------------------


def test_the_shipped_csv_still_creates_the_eleven(db):
    result = import_population(None, SHIPPED_CSV)

    assert (len(result.municipalities_created), result.created) == (11, 11)
    figure = PopulationFigure.objects.get(municipality__code="1283")
    assert (figure.population, figure.date.isoformat(), figure.table) == (
        150975,
        "2022-12-31",
        "",
    )
    assert figure.source == "SCB, Folkmängd i riket, län och kommuner 31 december 2022"
    assert figure.source_file == "municipalities.csv"
    assert result.form == "registrets CSV (UTF-8)"


# ---- a cost's allocation says which figures it used (PR2) ---------------------------------


def share_by_population(network) -> None:
    agreement, _ = Agreement.objects.get_or_create(network=network)
    AgreementVersion.objects.update_or_create(
        agreement=agreement,
        number=1,
        defaults={
            "text": "Kostnader delas efter folkmängd.",
            "adopted_on": datetime.date(2020, 1, 1),
            "cost_sharing": "population",
        },
    )


def test_a_costs_allocation_records_and_shows_the_figures_it_used_PR2(cast, client_for):
    share_by_population(cast.network)
    import_population(None, JSON_STAT)
    coordinator = cast.user("coordinator")

    cost = costs.record_cost(
        coordinator,
        cast.network,
        date=datetime.date(2025, 3, 15),
        description="Konferens",
        amount_ore=10_000_000,
    )
    older = costs.record_cost(
        coordinator,
        cast.network,
        date=datetime.date(2024, 3, 15),
        description="Utbildning",
        amount_ore=10_000_000,
    )

    hbg = cost.allocations.get(municipality__code="1283")
    assert (hbg.population, hbg.population_date, hbg.population_table) == (
        152680,
        DEC_31_2024,
        "BE0101N1",
    )
    assert hbg.population_source.startswith("SCB, Statistikdatabasen, BE0101N1")
    page = client_for("coordinator").get(f"/kostnader/{cost.pk}/").content.decode()
    assert "Folkmängd som fördelningen bygger på" in page
    assert "Folkmängd 31 december 2024 (år 2024) enligt SCB, Statistikdatabasen, BE0101N1" in page
    assert ": 11 kommuner." in page
    # The cost of 2024 used the figures of 31 December 2023 (the latest on its date).
    old_hbg = older.allocations.get(municipality__code="1283")
    assert (old_hbg.population, old_hbg.population_date) == (151975, datetime.date(2023, 12, 31))
    old_page = client_for("coordinator").get(f"/kostnader/{older.pk}/").content.decode()
    assert "Folkmängd 31 december 2023 (år 2023) enligt SCB, Statistikdatabasen" in old_page


def munis_but(code: str) -> list[Municipality]:
    return list(Municipality.objects.exclude(code=code).order_by("code"))


def test_a_later_correction_of_a_figure_does_not_rewrite_an_allocation_PR2(cast):
    share_by_population(cast.network)
    import_population(None, JSON_STAT)
    cost = costs.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(2025, 3, 15),
        description="Konferens",
        amount_ore=10_000_000,
    )
    text = '"Folkmängd efter region och år"\n"region","2024"\n"1283 Helsingborg",152681\n'

    result = import_population(None, text_file(text, name="rattelse.csv"))

    assert result.updated == 1
    hbg = cost.allocations.get(municipality__code="1283")
    assert hbg.population == 152680
    assert "tabell TAB638" in hbg.population_source
    preview = plan_allocation(cast.network, datetime.date(2025, 3, 15), 10_000_000)
    # A new allocation would use the corrected figure, and say so.
    used = [(u.source[:40], u.municipalities) for u in preview.figures_used]
    assert used == [
        ("SCB, Statistikdatabasen, BE0101N1 (Folkm", ["Helsingborg"]),
        ("SCB, Statistikdatabasen, BE0101N1 (tabel", [m.name for m in munis_but("1283")]),
    ]


def test_the_api_and_command_show_the_figures_too_PR2(cast):
    share_by_population(cast.network)
    import_population(None, PXWEB_JSON)

    plan = plan_allocation(cast.network, datetime.date(2025, 3, 15), 10_000_000).as_dict()

    hbg = next(a for a in plan["allocations"] if a["municipality_code"] == "1283")
    assert hbg["population_date"] == "2024-12-31"
    assert hbg["population_table"] == "BE0101N1"
    assert hbg["population_source"] == (
        "SCB, Statistikdatabasen, BE0101N1 (Folkmängd efter region och år, uppdaterad 2025-02-21)"
    )


def test_the_cost_page_says_it_in_english_too(cast, client_for):
    share_by_population(cast.network)
    import_population(None, JSON_STAT)
    coordinator = cast.user("coordinator")
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    cost = costs.record_cost(
        coordinator,
        cast.network,
        date=datetime.date(2025, 3, 15),
        description="Konferens",
        amount_ore=10_000_000,
    )
    try:
        page = client_for("coordinator").get(f"/kostnader/{cost.pk}/").content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)

    assert "Population figures the allocation is based on" in page
    assert "Population on 31 December 2024 (year 2024) according to SCB" in page
    assert ": 11 municipalities." in page


@pytest.mark.parametrize(
    ("period", "day"),
    [
        ("2024", datetime.date(2024, 12, 31)),  # folkmängden 31 december
        ("2024M06", datetime.date(2024, 6, 30)),
        ("2024M02", datetime.date(2024, 2, 29)),
        ("2024K1", datetime.date(2024, 3, 31)),
        ("2024K4", datetime.date(2024, 12, 31)),
        ("2024M13", None),
        ("2024K5", None),
        ("24", None),
        ("1283", None),
        ("år 2024", None),
    ],
)
def test_scb_periods_become_reference_dates(period, day):
    assert period_date(period) == day
