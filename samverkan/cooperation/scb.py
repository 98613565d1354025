"""SCB's own files for table BE0101N1 (folkmängd per kommun), as Statistikdatabasen gives
them: the CSV its PxWeb exports, JSON-stat, and the older PxWeb API's JSON.

Each reader returns a PopulationFile (population.py) with a row per municipality and period,
and a LineError for everything it cannot take as it is. SCB counts the population on
31 December of each year: the period "2024" is the figure on 2024-12-31. Regions that are not
municipalities (00 Riket, 12 Skåne län) are left aside and said so. A file that divides the
population (by sex, age or marital status) rather than giving the total is refused: adding up
its parts is the secretariat's choice to make in SCB's interface, not ours to guess."""

import calendar
import csv
import datetime
import io
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from samverkan.cooperation.population import (
    SCB_SOURCE,
    SCB_TABLE,
    LineError,
    PopulationFile,
    PopulationRow,
    file_error,
    parse_count,
)

PERIOD_RE = re.compile(r"(?P<year>\d{4})(?:M(?P<month>\d{2})|K(?P<quarter>[1-4]))?")
# A column heading that is a period, alone or after the contents: "2024", "Folkmängd 2024".
PERIOD_HEADING_RE = re.compile(r"(?:(?P<prefix>.*\S)\s+)?(?P<period>\d{4}(?:M\d{2}|K[1-4])?)")
# A region as PxWeb shows it with "code and text": "1283 Helsingborg", "00 Riket".
REGION_RE = re.compile(r"(?P<code>\d{1,4})(?:\s+(?P<name>.*))?")
REGION_HEADINGS = {"region", "kommun", "municipality", "område"}
PERIOD_HEADINGS = {"år", "tid", "period", "year", "månad", "kvartal"}
CONTENTS_HEADINGS = {"tabellinnehåll", "contents", "innehåll"}
POPULATION_WORDS = ("folkmängd", "population")
# SCB answers at most 150,000 cells per question; 290 municipalities since 1968 is ~17,000.
MAX_CELLS = 1_000_000


def period_date(period: str) -> datetime.date | None:
    """SCB's period as a reference date: "2024" → 2024-12-31 (folkmängden 31 december),
    "2024M06" → 2024-06-30, "2024K2" → 2024-06-30."""
    m = PERIOD_RE.fullmatch(period.strip())
    if m is None:
        return None
    year = int(m["year"])
    if not 1749 <= year <= 2200:  # SCB's population series start in 1749
        return None
    month = 12
    if m["month"]:
        month = int(m["month"])
        if not 1 <= month <= 12:
            return None
    elif m["quarter"]:
        month = 3 * int(m["quarter"])
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def is_population(text: str) -> bool:
    return any(word in text.casefold() for word in POPULATION_WORDS)


def scb_source(label: str = "", updated: str = "", table: str = SCB_TABLE) -> str:
    """ "SCB, Statistikdatabasen, BE0101N1 (Folkmängd efter region och år, uppdaterad …)"."""
    details = [d for d in (label.strip(), updated and _("uppdaterad %(d)s") % {"d": updated}) if d]
    text = f"{SCB_SOURCE}, {table}"
    if details:
        text += f" ({', '.join(details)})"
    return text[:300]


def split_region(text: str) -> tuple[str, str]:
    """("1283", "Helsingborg") from "1283 Helsingborg"; ("", "Helsingborg") from a name alone;
    a code Excel stripped of its leading zero ("180 Stockholm") gets it back."""
    text = " ".join(str(text).split())
    m = REGION_RE.fullmatch(text)
    if m is None:
        return "", text
    code = m["code"]
    if len(code) == 3:
        code = "0" + code
    return code, (m["name"] or "").strip()


class Reader:
    """Collects rows, errors and notices for one SCB file."""

    def __init__(self, form: str) -> None:
        self.parsed = PopulationFile(form=form, from_scb=True)
        self.not_municipalities: dict[str, str] = {}

    def error(self, line: int, message: str, where: str = "") -> None:
        self.parsed.errors.append(LineError(line, message, where))

    def add(
        self,
        *,
        line: int,
        region: str,
        code: str = "",
        name: str = "",
        period: str,
        raw: Any,
        source: str,
        table: str,
        where: str = "",
    ) -> None:
        """One figure: the region ("1283 Helsingborg", or code and name apart) in a period."""
        if not code:
            code, name = split_region(region)
        elif len(code) == 3 and code.isdigit():
            code = "0" + code
        label = where or f"{code} {name}".strip()
        if code and not re.fullmatch(r"\d{1,4}", code):
            self.error(
                line, _("regionkoden ”%(code)s” är inte en kommunkod.") % {"code": code}, where
            )
            return
        if code and len(code) < 4:
            # 00 Riket, 12 Skåne län: not a municipality.
            self.not_municipalities.setdefault(code, f"{code} {name}".strip())
            return
        if not code and not name:
            self.error(line, _("regionen saknas."), where)
            return
        date = period_date(period)
        count, problem = parse_count(raw)
        problems = []
        if date is None:
            problems.append(
                _("perioden ”%(p)s” känns inte igen (väntade ett år, t.ex. 2024).") % {"p": period}
            )
        if count is None:
            problems.append(problem)
        for p in problems:
            if not where:
                p = _("%(region)s, %(period)s: %(problem)s") % {
                    "region": label,
                    "period": period,
                    "problem": p,
                }
            self.error(line, p, where)
        if problems:
            return
        assert count is not None and date is not None
        self.parsed.rows.append(
            PopulationRow(
                line=line,
                code=code,
                name=name,
                population=count,
                date=date,
                source=source,
                table=table,
                period=period.strip(),
                where=where,
            )
        )

    def done(self) -> PopulationFile:
        if self.not_municipalities:
            self.parsed.notices.append(
                _("Regioner som inte är kommuner lästes inte: %(regions)s.")
                % {"regions": ", ".join(self.not_municipalities.values())}
            )
        return self.parsed


# ---- CSV ----------------------------------------------------------------------------------


def csv_records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    start = 1
    for cells in reader:
        out.append((start, [c.strip() for c in cells]))
        start = reader.line_num + 1
    return out


def is_heading_row(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    if len(filled) < 2 or REGION_RE.fullmatch(filled[0]):
        return False  # a title, or a region with its figures
    lowered = [c.casefold() for c in cells]
    return any(
        c in PERIOD_HEADINGS or PERIOD_HEADING_RE.fullmatch(c) or c in REGION_HEADINGS
        for c in lowered
    )


def find_heading(text: str) -> tuple[str, list[tuple[int, list[str]]], int] | None:
    """The delimiter, the records and the index of the heading row: the delimiter that gives
    the widest heading row wins (a title row is one cell whatever the delimiter)."""
    best: tuple[int, str, list[tuple[int, list[str]]], int] | None = None
    for delimiter in (";", ",", "\t"):
        try:
            records = csv_records(text, delimiter)
        except csv.Error:
            continue
        for i, (_line, cells) in enumerate(records[:30]):
            if is_heading_row(cells):
                if best is None or len(cells) > best[0]:
                    best = (len(cells), delimiter, records, i)
                break
    if best is None:
        return None
    return best[1], best[2], best[3]


def read_scb_csv(text: str) -> PopulationFile:
    found = find_heading(text)
    if found is None:
        raise file_error(
            _(
                "rubrikraden känns inte igen. Väntade antingen kolumnerna code, name, "
                "population, population_date, population_source (som data/municipalities.csv) "
                "eller SCB:s CSV för tabell BE0101N1: en kolumn region och en kolumn per år "
                "(”region”,”2024”) eller en kolumn år och en med folkmängden."
            )
        )
    delimiter, records, at = found
    names = {";": _("semikolon"), ",": _("komma"), "\t": _("tabb")}
    reader = Reader(_("SCB:s CSV, %(d)s") % {"d": names[delimiter]})
    heading_line, heading = records[at]
    titles = [" ".join(c for c in cells if c) for _line, cells in records[:at]]
    titles = [t for t in titles if t]
    title = titles[0] if titles else ""
    mentions = titles + heading
    if titles and not any(is_population(t) for t in mentions):
        raise file_error(
            _(
                "filen verkar inte gälla folkmängd: rubriken är ”%(title)s”. Ladda ner "
                "tabell BE0101N1 (Folkmängd) från SCB."
            )
            % {"title": title}
        )
    source = scb_source(title)
    periods = [
        (i, m["period"], m["prefix"] or "")
        for i, h in enumerate(heading)
        if (m := PERIOD_HEADING_RE.fullmatch(h))
    ]
    rows = records[at + 1 :]
    if periods:
        wide_csv(reader, heading, periods, rows, source)
    else:
        long_csv(reader, heading, heading_line, rows, source)
    return reader.done()


def region_column(heading: list[str], before: int) -> int:
    for i, h in enumerate(heading[:before]):
        if h.casefold() in REGION_HEADINGS:
            return i
    return 0


def other_columns(
    reader: Reader,
    heading: list[str],
    skip: set[int],
    rows: list[tuple[int, list[str]]],
    stop: int,
) -> list[tuple[int, list[str]]]:
    """Rows whose contents column (if any) is folkmängd; a column that divides the population
    (kön, ålder …) refuses the file, one that says the same on every row is fine."""
    keep = rows
    for i, h in enumerate(heading[:stop]):
        if i in skip:
            continue
        values = {cells[i] for _line, cells in rows if i < len(cells) and cells[i]}
        if h.casefold() in CONTENTS_HEADINGS or (values and all(is_population(v) for v in values)):
            others = sorted(v for v in values if not is_population(v))
            if others:
                reader.parsed.notices.append(
                    _("Annat tabellinnehåll än folkmängd lästes inte: %(v)s.")
                    % {"v": ", ".join(others)}
                )
            keep = [(n, c) for n, c in keep if i >= len(c) or not c[i] or is_population(c[i])]
        elif len(values) > 1:
            raise file_error(
                _(
                    "filen delar upp folkmängden efter ”%(col)s” (%(values)s). Ladda ner "
                    "folkmängden totalt per kommun och år, utan den indelningen."
                )
                % {"col": h or _("en kolumn"), "values": ", ".join(sorted(values)[:4])}
            )
    return keep


MUNICIPALITY_CELL_RE = re.compile(r"\d{3,4}(?:\s+\D.*)?")


def is_text_row(cells: list[str], region: int, values: list[int]) -> bool:
    """A footnote or a title line among the figures: no figures, and no municipality."""
    if any(i < len(cells) and cells[i] for i in values):
        return False
    return not MUNICIPALITY_CELL_RE.fullmatch(cells[region] if region < len(cells) else "")


def wide_csv(
    reader: Reader,
    heading: list[str],
    periods: list[tuple[int, str, str]],
    rows: list[tuple[int, list[str]]],
    source: str,
) -> None:
    prefixes = {prefix for _i, _p, prefix in periods}
    if prefixes - {""}:
        wanted = [p for p in periods if not p[2] or is_population(p[2])]
        if not wanted:
            raise file_error(
                _("kolumnerna gäller ”%(what)s”, inte folkmängd (tabell BE0101N1).")
                % {"what": ", ".join(sorted(prefixes - {""}))}
            )
        if len(wanted) < len(periods):
            reader.parsed.notices.append(
                _("Annat tabellinnehåll än folkmängd lästes inte: %(v)s.")
                % {"v": ", ".join(sorted({p[2] for p in periods if p not in wanted}))}
            )
        periods = wanted
    seen: dict[str, int] = {}
    for i, period, _prefix in periods:
        if period in seen:
            raise file_error(
                _("perioden %(p)s finns i två kolumner (%(a)d och %(b)d).")
                % {"p": period, "a": seen[period] + 1, "b": i + 1}
            )
        seen[period] = i
    first = periods[0][0]
    region = region_column(heading, first)
    value_columns = [i for i, _p, _x in periods]
    data = [
        (n, cells)
        for n, cells in rows
        if any(cells) and not is_text_row(cells, region, value_columns)
    ]
    data = other_columns(reader, heading, {region}, data, first)
    for line, cells in data:
        if len(cells) < len(heading):
            reader.error(
                line,
                _("raden har %(got)d fält, rubrikraden %(want)d.")
                % {"got": len(cells), "want": len(heading)},
            )
            continue
        for i, period, _prefix in periods:
            reader.add(
                line=line,
                region=cells[region],
                period=period,
                raw=cells[i],
                source=source,
                table=SCB_TABLE,
            )


def long_csv(
    reader: Reader,
    heading: list[str],
    heading_line: int,
    rows: list[tuple[int, list[str]]],
    source: str,
) -> None:
    lowered = [h.casefold() for h in heading]
    period = next((i for i, h in enumerate(lowered) if h in PERIOD_HEADINGS), None)
    if period is None:
        raise file_error(
            _("rubrikraden (rad %(line)d) har varken en kolumn per år eller en kolumn ”år”.")
            % {"line": heading_line}
        )
    region = region_column(heading, len(heading))
    value = next((i for i, h in enumerate(lowered) if is_population(h)), len(heading) - 1)
    if value in (region, period):
        raise file_error(_("filen har ingen kolumn med folkmängden."))
    data = [
        (n, cells) for n, cells in rows if any(cells) and not is_text_row(cells, region, [value])
    ]
    data = other_columns(reader, heading, {region, period, value}, data, len(heading))
    for line, cells in data:
        if len(cells) < len(heading):
            reader.error(
                line,
                _("raden har %(got)d fält, rubrikraden %(want)d.")
                % {"got": len(cells), "want": len(heading)},
            )
            continue
        reader.add(
            line=line,
            region=cells[region],
            period=cells[period],
            raw=cells[value],
            source=source,
            table=SCB_TABLE,
        )


# ---- JSON ---------------------------------------------------------------------------------


def not_scb_json() -> Exception:
    return file_error(
        _(
            "JSON-filen är varken JSON-stat eller PxWeb-JSON från SCB:s Statistikdatabasen "
            "(väntade ”dimension” och ”value”, eller ”columns” och ”data”)."
        )
    )


def read_scb_json(text: str) -> PopulationFile:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = ""
        if isinstance(exc, json.JSONDecodeError):
            where = _(" (rad %(line)d, kolumn %(col)d)") % {"line": exc.lineno, "col": exc.colno}
        raise file_error(_("filen är inte giltig JSON%(where)s.") % {"where": where}) from exc
    if not isinstance(doc, dict):
        raise not_scb_json()
    if "columns" in doc and "data" in doc:
        return pxweb_json(doc)
    if "dimension" not in doc:
        # JSON-stat 1.0 as the older API gives it: {"dataset": {...}}.
        bundled = [v for v in doc.values() if isinstance(v, dict) and "dimension" in v]
        if not bundled:
            raise not_scb_json()
        return json_stat(bundled[0], version="1.0")
    return json_stat(doc, version=str(doc.get("version") or "2.0"))


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def dict_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def categories(dim: Mapping[str, Any], size: int) -> list[tuple[str, str]] | None:
    """(code, label) in the dimension's order, or None if the dimension is malformed."""
    category = dim.get("category")
    if not isinstance(category, dict):
        return None
    labels = dict_of(category.get("label"))
    index = category.get("index")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        try:
            codes = [str(c) for c, _pos in sorted(index.items(), key=lambda kv: int(kv[1]))]
        except (TypeError, ValueError):
            return None
    elif labels:
        codes = [str(c) for c in labels]
    else:
        return None
    if len(codes) != size:
        return None
    return [(c, text_of(labels.get(c)) or c) for c in codes]


def json_stat(ds: dict[str, Any], *, version: str) -> PopulationFile:
    reader = Reader(_("JSON-stat %(v)s") % {"v": version})
    dims = ds.get("dimension")
    if not isinstance(dims, dict):
        raise not_scb_json()
    ids = ds.get("id", dims.get("id"))
    sizes = ds.get("size", dims.get("size"))
    role = ds.get("role", dims.get("role"))
    role = role if isinstance(role, dict) else {}
    if (
        not isinstance(ids, list)
        or not isinstance(sizes, list)
        or len(ids) != len(sizes)
        or not all(isinstance(i, str) and isinstance(dims.get(i), dict) for i in ids)
        or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes)
    ):
        raise file_error(_("JSON-stat-filens ”id” och ”size” stämmer inte med dess dimensioner."))
    cats: dict[str, list[tuple[str, str]]] = {}
    for i, size in zip(ids, sizes, strict=True):
        found = categories(dims[i], size)
        if found is None:
            raise file_error(
                _("dimensionen ”%(dim)s” har inte %(n)d kategorier som ”size” säger.")
                % {"dim": i, "n": size}
            )
        cats[i] = found

    def with_role(name: str, fallbacks: set[str]) -> str | None:
        listed = role.get(name)
        for i in listed if isinstance(listed, list) else []:
            if i in cats:
                return str(i)
        return next((i for i in ids if i.casefold() in fallbacks), None)

    region = with_role("geo", {"region", "kommun"})
    time = with_role("time", {"tid", "år", "period"})
    contents = with_role("metric", {"contentscode", "tabellinnehåll"})
    if region is None or time is None or region == time:
        raise file_error(_("JSON-stat-filen saknar dimensionerna region och tid (år)."))
    content_pick = 0
    table = SCB_TABLE
    label = text_of(ds.get("label"))
    if contents is not None:
        choices = cats[contents]
        picks = [n for n, (code, text) in enumerate(choices) if code == SCB_TABLE]
        picks = picks or [n for n, (_code, text) in enumerate(choices) if is_population(text)]
        if not picks:
            raise file_error(
                _("filen innehåller %(what)s, inte folkmängd (tabell BE0101N1).")
                % {"what": ", ".join(text for _c, text in choices) or _("inget tabellinnehåll")}
            )
        content_pick = picks[0]
        table = choices[content_pick][0][:30]
        if len(choices) > 1:
            reader.parsed.notices.append(
                _("Annat tabellinnehåll än folkmängd lästes inte: %(v)s.")
                % {"v": ", ".join(t for n, (_c, t) in enumerate(choices) if n != content_pick)}
            )
    elif label and not is_population(label):
        raise file_error(
            _("filen verkar inte gälla folkmängd: rubriken är ”%(title)s”.") % {"title": label}
        )
    for i in ids:
        if i not in (region, time, contents) and len(cats[i]) > 1:
            dim_label = text_of(dims[i].get("label")) or i
            raise file_error(
                _(
                    "filen delar upp folkmängden efter ”%(col)s” (%(values)s). Ladda ner "
                    "folkmängden totalt per kommun och år, utan den indelningen."
                )
                % {"col": dim_label, "values": ", ".join(t for _c, t in cats[i][:4])}
            )
    total = math.prod(sizes)
    if total > MAX_CELLS:
        raise file_error(
            _("JSON-stat-filen har %(n)d celler; en fil med folkmängder har långt färre.")
            % {"n": total}
        )
    values = ds.get("value")
    if isinstance(values, list):
        if len(values) != total:
            raise file_error(
                _("JSON-stat-filen har %(got)d värden men dimensionerna ger %(want)d.")
                % {"got": len(values), "want": total}
            )
        dense: list[Any] = values
    elif isinstance(values, dict):
        # The sparse form: {"0": 14520, "1": 14547, …}; a missing index is a missing value.
        dense = [values.get(str(n)) for n in range(total)]
    else:
        raise file_error(_("JSON-stat-filen saknar värden (”value”)."))
    px = dict_of(dict_of(ds.get("extension")).get("px"))
    updated = text_of(ds.get("updated"))[:10]
    if contents is None or table != SCB_TABLE:
        # The PX matrix names the table where the contents code does not.
        table = text_of(px.get("matrix"))[:30] or table
    tableid = text_of(px.get("tableid"))
    if tableid and tableid != table:
        label = ", ".join(filter(None, [_("tabell %(id)s") % {"id": tableid}, label]))
    source = scb_source(label, updated, table)
    strides = []
    step = 1
    for size in reversed(sizes):
        strides.append(step)
        step *= size
    strides.reverse()
    position = {i: 0 for i in ids}
    if contents is not None:
        position[contents] = content_pick
    ordinal = 0
    for r, (raw_code, region_label) in enumerate(cats[region]):
        position[region] = r
        code = "0" + raw_code if len(raw_code) == 3 and raw_code.isdigit() else raw_code
        label_code, label_name = split_region(region_label)
        if label_code == code:
            name = label_name  # "1283 Helsingborg"
        elif region_label.strip() == raw_code:
            name = ""
        else:
            name = " ".join(region_label.split())  # "Helsingborg"
        for t, (period, _period_label) in enumerate(cats[time]):
            position[time] = t
            ordinal += 1
            flat = sum(position[i] * s for i, s in zip(ids, strides, strict=True))
            reader.add(
                line=ordinal,
                region="",
                code=code,
                name=name,
                period=period,
                raw=dense[flat],
                source=source,
                table=table,
                where=f"{' '.join(filter(None, [code, name]))}, {period}",
            )
    return reader.done()


def pxweb_json(doc: dict[str, Any]) -> PopulationFile:
    reader = Reader(_("PxWeb-JSON"))
    reader.parsed.names_given = False
    columns = doc.get("columns")
    data = doc.get("data")
    if not isinstance(columns, list) or not isinstance(data, list):
        raise not_scb_json()
    if not all(isinstance(c, dict) and isinstance(c.get("code"), str) for c in columns):
        raise file_error(_("PxWeb-filens ”columns” saknar kolumnernas koder."))
    keys = [c for c in columns if c.get("type") in ("d", "t")]
    contents = [c for c in columns if c.get("type") == "c"]
    region = next((n for n, c in enumerate(keys) if c["code"].casefold() == "region"), None)
    time = next((n for n, c in enumerate(keys) if c.get("type") == "t"), None)
    if region is None or time is None:
        raise file_error(_("PxWeb-filen saknar kolumnerna Region och Tid."))
    picks = [n for n, c in enumerate(contents) if c["code"] == SCB_TABLE]
    picks = picks or [n for n, c in enumerate(contents) if is_population(text_of(c.get("text")))]
    if not picks:
        raise file_error(
            _("filen innehåller %(what)s, inte folkmängd (tabell BE0101N1).")
            % {"what": ", ".join(text_of(c.get("text")) or c["code"] for c in contents) or "–"}
        )
    pick = picks[0]
    table = contents[pick]["code"][:30]
    if len(contents) > 1:
        reader.parsed.notices.append(
            _("Annat tabellinnehåll än folkmängd lästes inte: %(v)s.")
            % {
                "v": ", ".join(
                    text_of(c.get("text")) or c["code"] for n, c in enumerate(contents) if n != pick
                )
            }
        )
    meta = doc.get("metadata")
    meta = meta[0] if isinstance(meta, list) and meta and isinstance(meta[0], dict) else {}
    source = scb_source(text_of(meta.get("label")), text_of(meta.get("updated"))[:10], table)
    others: dict[int, set[str]] = {n: set() for n in range(len(keys)) if n not in (region, time)}
    good = []
    for n, item in enumerate(data, start=1):
        key = item.get("key") if isinstance(item, dict) else None
        values = item.get("values") if isinstance(item, dict) else None
        if not isinstance(key, list) or not isinstance(values, list):
            reader.error(n, _("posten saknar ”key” eller ”values”."), _("Post %(n)d") % {"n": n})
            continue
        if len(key) != len(keys) or len(values) != len(contents):
            reader.error(
                n,
                _("posten har %(k)d nycklar och %(v)d värden; kolumnerna säger %(kk)d och %(vv)d.")
                % {"k": len(key), "v": len(values), "kk": len(keys), "vv": len(contents)},
                _("Post %(n)d") % {"n": n},
            )
            continue
        for o in others:
            others[o].add(str(key[o]))
        good.append((n, key, values))
    for o, seen in others.items():
        if len(seen) > 1:
            raise file_error(
                _(
                    "filen delar upp folkmängden efter ”%(col)s” (%(values)s). Ladda ner "
                    "folkmängden totalt per kommun och år, utan den indelningen."
                )
                % {
                    "col": text_of(keys[o].get("text")) or keys[o]["code"],
                    "values": ", ".join(sorted(seen)[:4]),
                }
            )
    for n, key, values in good:
        code, name = split_region(str(key[region]))
        period = str(key[time])
        reader.add(
            line=n,
            region="",
            code=code,
            name=name,
            period=period,
            raw=values[pick],
            source=source,
            table=table,
            where=f"{code}, {period}",
        )
    return reader.done()
