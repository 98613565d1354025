"""The register's file format: four sheets, their columns and the template's example rows.

The headings are part of the file format and stay Swedish whatever the reader's language: a
file saved from the template is read with the same headings in every instance. A column is
found by its heading, compared without case, spaces at the ends or a trailing "*"."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    required: bool = False
    # The data-validation list of the template: "area", "municipality", "role" or "status".
    choices: str = ""
    width: int = 18
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    columns: tuple[Column, ...]
    # The column that names a row in the report (a network's name, a person's address).
    key_column: str

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def headings(self) -> dict[str, Column]:
        return {normalise_heading(c.heading): c for c in self.columns}

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]


def normalise_heading(text: object) -> str:
    return " ".join(str(text or "").replace("*", " ").split()).casefold()


PEOPLE = Sheet(
    "people",
    "Personer",
    (
        Column("email", "E-post", True, width=32, help="Personen känns igen på adressen."),
        Column("name", "Namn", True, width=26),
        Column("title", "Titel", width=24),
        Column("municipality", "Kommun", choices="municipality", width=18),
        Column("unit", "Förvaltning/enhet", width=26),
        Column("phone", "Telefon", width=16),
    ),
    key_column="email",
)

NETWORKS = Sheet(
    "networks",
    "Nätverk",
    (
        Column("name", "Namn", True, width=32, help="Nätverket känns igen på namn eller kortnamn."),
        Column("slug", "Kortnamn", width=24, help="Adressen i katalogen, t.ex. it-chefer."),
        Column("area", "Verksamhetsområde", True, choices="area", width=24),
        Column("status", "Status", choices="status", width=16),
        Column("started_on", "Startdatum", width=14),
        Column("description", "Beskrivning", width=40),
        Column(
            "municipalities",
            "Kommuner",
            width=40,
            help="Deltagande kommuner, åtskilda med kommatecken.",
        ),
    ),
    key_column="name",
)

MEMBERSHIPS = Sheet(
    "memberships",
    "Medlemskap",
    (
        Column("network", "Nätverk", True, width=32),
        Column("email", "E-post", True, width=32),
        Column("role", "Roll", True, choices="role", width=22),
        Column("municipality", "Kommun", choices="municipality", width=18),
        Column("start_on", "Från", width=14),
        Column("end_on", "Till", width=14),
    ),
    key_column="email",
)

CONTACTS = Sheet(
    "contacts",
    "Förvaltningsledning",
    (
        Column("municipality", "Kommun", True, choices="municipality", width=18),
        Column("area", "Verksamhetsområde", True, choices="area", width=24),
        Column("email", "E-post", True, width=32),
    ),
    key_column="email",
)

# In the order they are applied: people before the memberships and contacts that name them,
# networks before their memberships.
SHEETS: tuple[Sheet, ...] = (NETWORKS, PEOPLE, MEMBERSHIPS, CONTACTS)
BY_KEY = {s.key: s for s in SHEETS}
BY_TITLE = {normalise_heading(s.title): s for s in SHEETS}
# Sheets of the template that are not data.
README_TITLE = "Läs mig"
LISTS_TITLE = "Listor"
IGNORED_TITLES = frozenset({normalise_heading(README_TITLE), normalise_heading(LISTS_TITLE)})

# The example rows of the template are never imported: a row whose network is the example
# network, or whose address is the example address, is skipped and the report says so.
EXAMPLE_NETWORK = "Exempelnätverket"
EXAMPLE_EMAIL = "anna.exempel@exempel.invalid"
EXAMPLE_START = datetime.date(2024, 1, 1)


def is_example(sheet: Sheet, values: dict[str, object]) -> bool:
    if sheet is NETWORKS:
        return str(values.get("name") or "").strip() == EXAMPLE_NETWORK
    return str(values.get("email") or "").strip().lower() == EXAMPLE_EMAIL


def best_sheet(headings: list[str]) -> tuple[Sheet, bool]:
    """The sheet a heading row belongs to (a CSV file, or a sheet of another name), and
    whether it matches exactly: every required column there and no unknown one."""
    found = {normalise_heading(h) for h in headings if normalise_heading(h)}

    def score(sheet: Sheet) -> tuple[int, int]:
        known = set(sheet.headings)
        exact = not (found - known) and all(
            normalise_heading(c.heading) in found for c in sheet.required
        )
        return (1 if exact else 0, len(found & known) - len(found - known))

    best = max(SHEETS, key=score)
    return best, score(best)[0] == 1
