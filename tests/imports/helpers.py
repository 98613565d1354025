"""Files for the register import's tests: workbooks and CSV files made here, and a count of
every table an import writes to, to show that nothing was written."""

import csv
import datetime
import io
import re
import zipfile
from typing import Any

from django.db.models import Model
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from samverkan.agreements.models import OnboardingTask
from samverkan.cooperation.models import ManagementContact
from samverkan.history.models import HistoryEntry
from samverkan.imports.reading import Source
from samverkan.imports.services import import_register
from samverkan.imports.sheets import BY_KEY
from samverkan.networks.models import Membership, Network, Participation
from samverkan.notifications.models import Notification
from samverkan.people.models import Person, User

NETWORKS: list[Any] = [
    "Namn",
    "Kortnamn",
    "Verksamhetsområde",
    "Status",
    "Startdatum",
    "Beskrivning",
    "Kommuner",
]
PEOPLE: list[Any] = ["E-post", "Namn", "Titel", "Kommun", "Förvaltning/enhet", "Telefon"]
MEMBERSHIPS: list[Any] = ["Nätverk", "E-post", "Roll", "Kommun", "Från", "Till"]
CONTACTS: list[Any] = ["Kommun", "Verksamhetsområde", "E-post"]
BO: list[Any] = ["bo.bok@bjuv.example.se", "Bo Bok", "Bibliotekschef", "Bjuv", "Kultur", "042-1"]
LENA: list[Any] = ["Lena.Las@Klippan.example.se", "Lena Läs", "Bibliotekarie", "1276", "", ""]


def sheets(**overrides: list[list[Any]] | None) -> dict[str, list[list[Any]]]:
    """A small register: one new network with a coordinator and a member, two new people, a
    management contact. Each sheet is a list of rows, the headings first."""
    base: dict[str, list[list[Any]] | None] = {
        "Nätverk": [
            NETWORKS,
            [
                "Biblioteksnätverket",
                "",
                "Socialtjänst",
                "Aktivt",
                datetime.date(2023, 3, 1),
                "Bibliotekscheferna",
                "Bjuv, 1276",
            ],
        ],
        "Personer": [PEOPLE, BO, LENA],
        "Medlemskap": [
            MEMBERSHIPS,
            ["Biblioteksnätverket", "bo.bok@bjuv.example.se", "Samordnare", "", "2023-03-01", ""],
            ["Biblioteksnätverket", "bo.bok@bjuv.example.se", "Medlem", "", "2023-03-01", ""],
            ["biblioteksnätverket", "lena.las@klippan.example.se", "Medlem", "Klippan", "", ""],
        ],
        "Förvaltningsledning": [
            CONTACTS,
            ["Bjuv", "Socialtjänst", "bo.bok@bjuv.example.se"],
        ],
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def xlsx(book_sheets: dict[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in book_sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_cached_formula(data: bytes, sheet_index: int, cell: str, cached: str) -> bytes:
    """The workbook with the formula in `cell` given a saved value, as Excel saves one
    (openpyxl writes formulas without)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{sheet_index}.xml":
                text = body.decode("utf-8")
                text, n = re.subn(
                    rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                    rf'<c r="{cell}"\1 t="str"><f>\2</f><v>{cached}</v>',
                    text,
                )
                assert n == 1, text
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(encoding)


def book(**overrides: list[list[Any]] | None) -> Source:
    return Source("register.xlsx", xlsx(sheets(**overrides)))


def run(cast, *sources: Source, **kwargs: Any):
    kwargs.setdefault("dry_run", False)
    return import_register(cast.user("secretariat"), list(sources), **kwargs)


def counts() -> dict[str, int]:
    """Rows of every table an import writes to."""
    models: list[type[Model]] = [
        Network,
        Participation,
        Person,
        User,
        Membership,
        ManagementContact,
        OnboardingTask,
        Notification,
        HistoryEntry,
        DBTaskResult,
    ]
    return {m.__name__: m._default_manager.count() for m in models}


def reasons(report) -> list[str]:
    return [p.reason for p in report.problems]


def headings(key: str) -> list[str]:
    return [c.heading for c in BY_KEY[key].columns]


# ---- a large register (tests/imports/test_large_file.py, bench/import_register.py) ----------

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson"]
TOPICS = ["Chefsnätverket", "Handläggarnätverket", "Utvecklarnätverket", "Strateggruppen"]


def large_register(
    *,
    networks: int = 40,
    people: int = 1000,
    memberships: int = 2000,
    areas: list[str],
    municipalities: list[str],
    seed: int = 14,
) -> dict[str, list[list[Any]]]:
    """A register of `networks` new networks, `people` new people and `memberships`
    memberships (a coordinator and a secretary in each network, the rest members, some
    ended), and a management contact per municipality for each area."""
    import random

    rng = random.Random(seed)
    net_rows: list[list[Any]] = [NETWORKS]
    names = []
    for i in range(networks):
        name = f"{TOPICS[i % len(TOPICS)]} {i + 1:02d}"
        names.append(name)
        started = datetime.date(2015 + i % 9, 1 + i % 12, 1)
        joined = ", ".join(rng.sample(municipalities, min(len(municipalities), 3 + i % 6)))
        net_rows.append(
            [name, "", areas[i % len(areas)], "Aktivt", started, f"Beskrivning {i}", joined]
        )
    person_rows: list[list[Any]] = [PEOPLE]
    emails = []
    for i in range(people):
        email = f"person{i:05d}@kommun{i % 11}.example.se"
        emails.append(email)
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // 7) % len(LAST)]} {i}"
        muni = municipalities[i % len(municipalities)]
        person_rows.append([email, name, "Handläggare", muni, "Förvaltningen", f"042-{i:05d}"])
    member_rows: list[list[Any]] = [MEMBERSHIPS]
    for i in range(memberships):
        network = names[i % networks]
        email = emails[(i * 7 + i // people) % people]
        slot = i // networks
        role = "Samordnare" if slot == 0 else "Sekreterare" if slot == 1 else "Medlem"
        start = datetime.date(2024, 1 + i % 12, 1 + i % 28)
        end = datetime.date(2025, 6, 30) if i % 20 == 19 else ""
        member_rows.append([network, email, role, "", start, end])
    contact_rows: list[list[Any]] = [CONTACTS]
    for j, muni in enumerate(municipalities):
        for k, area in enumerate(areas):
            contact_rows.append([muni, area, emails[(j * 31 + k * 3) % people]])
    return {
        "Nätverk": net_rows,
        "Personer": person_rows,
        "Medlemskap": member_rows,
        "Förvaltningsledning": contact_rows,
    }
