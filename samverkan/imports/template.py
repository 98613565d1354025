"""The template workbook the secretariat downloads, fills in and imports.

A sheet "Läs mig" says how; one sheet each for networks, people, memberships and management
contacts, with the headings in bold, frozen, an example row (which the import skips) and
drop-down lists (data validation) for area, role, status and municipality, read from the
register when the template is made. The lists are on a hidden sheet "Listor": a list written
into the validation itself may be at most 255 characters, fewer than the names of the
municipalities of a large cooperation."""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from samverkan.cooperation.models import Area, Municipality
from samverkan.imports.plan import IMPORT_STATUSES
from samverkan.imports.sheets import (
    CONTACTS,
    EXAMPLE_EMAIL,
    EXAMPLE_NETWORK,
    EXAMPLE_START,
    LISTS_TITLE,
    MEMBERSHIPS,
    NETWORKS,
    PEOPLE,
    README_TITLE,
    SHEETS,
    Sheet,
)
from samverkan.networks.models import Membership

FILENAME = "samverkan-register-mall.xlsx"
ROWS_WITH_LISTS = 5000  # the drop-down lists reach this row
EXAMPLE_FONT = Font(italic=True, color="666666")


def choices() -> dict[str, list[str]]:
    return {
        "area": list(Area.objects.order_by("name").values_list("name", flat=True)),
        "municipality": list(Municipality.objects.order_by("name").values_list("name", flat=True)),
        "role": [str(r.label) for r in Membership.Role],
        "status": [str(s.label) for s in IMPORT_STATUSES],
    }


def examples(lists: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    area = (lists["area"] or ["Socialtjänst"])[0]
    munis = lists["municipality"] or ["Helsingborg", "Bjuv"]
    muni = munis[0]
    return {
        NETWORKS.key: {
            "name": EXAMPLE_NETWORK,
            "slug": "exempelnatverket",
            "area": area,
            "status": lists["status"][0],
            "started_on": EXAMPLE_START,
            "description": "Exempelrad: den läses aldrig in. Skriv över den eller ta bort den.",
            "municipalities": ", ".join(munis[:2]),
        },
        PEOPLE.key: {
            "email": EXAMPLE_EMAIL,
            "name": "Anna Exempel",
            "title": "Socialchef",
            "municipality": muni,
            "unit": "Socialförvaltningen",
            "phone": "042-10 00 00",
        },
        MEMBERSHIPS.key: {
            "network": EXAMPLE_NETWORK,
            "email": EXAMPLE_EMAIL,
            "role": str(Membership.Role.COORDINATOR.label),
            "municipality": muni,
            "start_on": EXAMPLE_START,
            "end_on": None,
        },
        CONTACTS.key: {"municipality": muni, "area": area, "email": EXAMPLE_EMAIL},
    }


def readme_lines() -> list[str]:
    return [
        _("Mall för import av registret till Samverkan"),
        "",
        _(
            "Fyll i bladen Nätverk, Personer, Medlemskap och Förvaltningsledning. Rubrikerna på "
            "rad 1 ska stå kvar som de är; kolumner i fetstil med * måste fyllas i."
        ),
        _(
            "Rad 2 på varje blad är ett exempel (Exempelnätverket, %(email)s) och läses aldrig "
            "in. Skriv över den eller ta bort den."
        )
        % {"email": EXAMPLE_EMAIL},
        _(
            "Personer känns igen på e-postadressen, nätverk på namn eller kortnamn, kommuner på "
            "namn eller kommunkod (SCB). En tom cell ändrar ingenting som redan finns."
        ),
        _("Datum skrivs ÅÅÅÅ-MM-DD. Formler räknas inte ut: det sparade värdet läses in."),
        _(
            "Ladda upp filen på importsidan. Först kommer en provkörning med en rapport över "
            "varje fel och varje ändring; ingenting sparas förrän du bekräftar, och då sparas "
            "allt eller ingenting."
        ),
        _(
            "Ett blad kan också laddas upp som CSV (semikolon eller komma, UTF-8 eller "
            "Windows-1252): bladet känns igen på rubrikraden."
        ),
    ]


def template_bytes() -> bytes:
    lists = choices()
    book = Workbook()
    readme = book.active
    readme.title = README_TITLE
    for line in readme_lines():
        readme.append([line])
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 110
    for row in readme.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    list_sheet = book.create_sheet(LISTS_TITLE)
    ranges = _write_lists(list_sheet, lists)
    list_sheet.sheet_state = "hidden"
    sample = examples(lists)
    for sheet in SHEETS:
        _data_sheet(book, sheet, sample[sheet.key], ranges)
    book.move_sheet(LISTS_TITLE, offset=len(SHEETS))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_lists(sheet: Any, lists: dict[str, list[str]]) -> dict[str, str]:
    """Each list in a column of the hidden sheet; returns the range of each."""
    ranges = {}
    for j, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(j)
        sheet.cell(row=1, column=j, value=key)
        for i, value in enumerate(values, start=2):
            cell = sheet.cell(row=i, column=j, value=value)
            cell.data_type = "s"
        last = max(len(values) + 1, 2)
        ranges[key] = f"'{LISTS_TITLE}'!${letter}$2:${letter}${last}"
    return ranges


def _data_sheet(
    book: Workbook, sheet: Sheet, example: dict[str, Any], ranges: dict[str, str]
) -> None:
    ws = book.create_sheet(sheet.title)
    ws.append([c.heading + (" *" if c.required else "") for c in sheet.columns])
    cells = []
    for column in sheet.columns:
        value = example.get(column.key)
        cell = Cell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula
        else:
            cell.number_format = "yyyy-mm-dd"
        cell.font = EXAMPLE_FONT
        cells.append(cell)
    ws.append(cells)
    for j, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(j)
        head = ws.cell(row=1, column=j)
        head.font = Font(bold=column.required)
        ws.column_dimensions[letter].width = column.width
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1=f"={ranges[column.choices]}",
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=_("Välj ur listan"),
                error=_("Välj ett värde ur listan (%(heading)s).") % {"heading": column.heading},
            )
            validation.add(f"{letter}2:{letter}{ROWS_WITH_LISTS}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
