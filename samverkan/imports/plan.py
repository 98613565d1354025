"""Checking a register import against the file itself and the database, and planning what it
would change: the dry run. Nothing here writes.

Every cell is checked; every bad row is reported with its sheet, row, column and the reason,
and any one of them refuses the whole file. The database is read with a bounded number of
queries whatever the size of the file (one per kind of object, in chunks for long lists).

Matching: people by e-mail address (without case), networks by short name (slug) or name,
municipalities by SCB code or name, areas by name or short name, roles and statuses by their
Swedish names. An empty cell leaves what is stored as it is."""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Area, ManagementContact, Municipality
from samverkan.imports.reading import Reading, Row
from samverkan.imports.report import Change, FieldChange, Problem, Report, SheetSummary
from samverkan.imports.sheets import CONTACTS, MEMBERSHIPS, NETWORKS, PEOPLE, SHEETS, Sheet
from samverkan.networks.models import Membership, Network, Participation
from samverkan.people.models import Person

CHUNK = 5000  # names per IN (…) list: SQLite takes 32,766 parameters, PostgreSQL 65,535
Role = Membership.Role
Status = Network.Status
# The statuses a network may be imported with: a register lists running networks and those
# starting up. A proposal goes through the lifecycle (S1); closing asks for a reason (C1).
IMPORT_STATUSES = (Status.ACTIVE, Status.STARTING)
# What a spreadsheet program saves for a formula that failed.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
MAX_LENGTHS = {"name": 200, "title": 200, "unit": 200, "phone": 40, "email": 254, "slug": 200}


class BadCell(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---- what the import will do -------------------------------------------------------------------


@dataclass
class PersonPlan:
    row: int
    email: str
    name: str
    person: Person | None  # the stored person, or None for a new one
    title: str = ""
    municipality: Municipality | None = None
    unit: str = ""
    phone: str = ""
    updates: dict[str, Any] = field(default_factory=dict)


@dataclass
class NetworkPlan:
    row: int
    name: str
    network: Network | None
    slug: str = ""
    area: Area | None = None
    status: str = Status.ACTIVE
    started_on: datetime.date | None = None
    description: str = ""
    join: list[Municipality] = field(default_factory=list)  # participations to add
    updates: dict[str, Any] = field(default_factory=dict)
    created: Network | None = None  # set when applied


@dataclass
class MembershipPlan:
    row: int
    network: "NetworkPlan | Network"
    email: str
    role: str
    municipality: Municipality | None
    start_on: datetime.date
    end_on: datetime.date | None
    membership: Membership | None
    updates: dict[str, Any] = field(default_factory=dict)


@dataclass
class ContactPlan:
    row: int
    municipality: Municipality
    area: Area
    email: str


@dataclass
class Plan:
    report: Report
    today: datetime.date
    lookups: "Lookups | None" = None
    # Where each sheet was read from, as the report names it ("Personer (personer.csv)").
    where: dict[str, str] = field(default_factory=dict)
    people: list[PersonPlan] = field(default_factory=list)
    networks: list[NetworkPlan] = field(default_factory=list)
    memberships: list[MembershipPlan] = field(default_factory=list)
    contacts: list[ContactPlan] = field(default_factory=list)


# ---- reading one cell --------------------------------------------------------------------------


def _text(value: Any, *, limit: int = 0) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise BadCell(_("Skriv text här, inte sant/falskt."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        value = value.isoformat()
    text = " ".join(str(value).split()) if not isinstance(value, str) else value.strip()
    if text in EXCEL_ERRORS:
        raise BadCell(
            _("Cellen har felvärdet %(error)s (en formel som inte gick att räkna ut).")
            % {"error": text}
        )
    if text.startswith("="):
        raise BadCell(
            _(
                "Cellen innehåller en formel (%(formula)s). Formler räknas aldrig ut vid "
                "importen: skriv in värdet."
            )
            % {"formula": text[:40]}
        )
    if limit and len(text) > limit:
        raise BadCell(
            _("Texten är för lång: högst %(limit)d tecken (här %(length)d).")
            % {"limit": limit, "length": len(text)}
        )
    return text


def _email(value: Any) -> str:
    text = _text(value, limit=MAX_LENGTHS["email"]).lower()
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise BadCell(_("%(value)s är ingen giltig e-postadress.") % {"value": text}) from None
    return text


ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _date(value: Any) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    text = text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00(:00)?$", text) else text
    match = ISO_DATE.match(text)
    if not match:
        raise BadCell(_("%(value)s är inget datum. Skriv datum som ÅÅÅÅ-MM-DD.") % {"value": text})
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise BadCell(_("Datumet %(value)s finns inte.") % {"value": text}) from None


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# ---- the lookups -------------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Lookups:
    """The database's side, read once: areas, municipalities, the networks, people,
    memberships and management contacts the file names."""

    def __init__(self) -> None:
        self.areas: dict[str, Area] = {}
        for area in Area.objects.all():
            self.areas[area.name.casefold()] = area
            self.areas[area.slug.casefold()] = area
        self.municipalities: dict[str, Municipality] = {}
        self.by_pk: dict[int, Municipality] = {}
        for muni in Municipality.objects.order_by("name"):
            self.by_pk[muni.pk] = muni
            self.municipalities[muni.code] = muni
            self.municipalities[muni.name.casefold()] = muni
            self.municipalities.setdefault(muni.slug.casefold(), muni)

    def area(self, value: Any) -> Area | None:
        text = _text(value)
        if not text:
            return None
        area = self.areas.get(text.casefold())
        if area is None:
            names = sorted({a.name for a in self.areas.values()})
            raise BadCell(
                _("Verksamhetsområdet %(value)s finns inte. Välj ett av: %(names)s.")
                % {"value": text, "names": ", ".join(names) or "–"}
            )
        return area

    def municipality(self, value: Any) -> Municipality | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = f"{int(value):04d}"
        text = _text(value)
        if not text:
            return None
        muni = self.municipalities.get(text.casefold())
        if muni is None and text.isdigit() and len(text) < 4:
            muni = self.municipalities.get(text.zfill(4))
        if muni is None:
            raise BadCell(
                _(
                    "Kommunen %(value)s finns inte i registret. Ange kommunens namn eller "
                    "kommunkod (SCB), t.ex. %(example)s."
                )
                % {"value": text, "example": self._example_municipality()}
            )
        return muni

    def _example_municipality(self) -> str:
        muni = next(iter(self.municipalities.values()), None)
        return f"{muni.name} {_('eller')} {muni.code}" if muni else "Helsingborg eller 1283"

    def load_networks(self, names: set[str], slugs: set[str]) -> None:
        self.networks_by_slug: dict[str, Network] = {}
        self.networks_by_name: dict[str, list[Network]] = defaultdict(list)
        if not names and not slugs:
            return
        query = Q(slug__in=list(slugs)) | Q(name_lower__in=list(names))
        for network in (
            Network.objects.annotate(name_lower=Lower("name")).filter(query).select_related("area")
        ):
            self.networks_by_slug[network.slug] = network
            self.networks_by_name[network.name.casefold()].append(network)
        ids = [n.pk for n in self.networks_by_slug.values()]
        self.participations: dict[int, dict[int, Participation]] = defaultdict(dict)
        for chunk in _chunks(ids):
            for p in Participation.objects.filter(network_id__in=chunk).order_by():
                self.participations[p.network_id][p.municipality_id] = p

    def load_people(self, emails: set[str]) -> None:
        self.people: dict[str, Person] = {}
        for chunk in _chunks(sorted(emails)):
            for person in (
                Person.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=chunk)
                .select_related("municipality")
                .order_by()
            ):
                self.people[person.email.lower()] = person

    def load_memberships(self) -> None:
        """The memberships and management roles of the people the file names."""
        self.memberships: dict[tuple[int, int, str], list[Membership]] = defaultdict(list)
        self.contacts: set[tuple[int, int, int]] = set()
        ids = [p.pk for p in self.people.values()]
        for chunk in _chunks(ids):
            for m in Membership.objects.filter(person_id__in=chunk).order_by("start_on", "pk"):
                self.memberships[(m.network_id, m.person_id, m.role)].append(m)
            for c in ManagementContact.objects.filter(person_id__in=chunk).values_list(
                "municipality_id", "area_id", "person_id"
            ):
                self.contacts.add(c)


def role_of(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    for role in Role:
        if text.casefold() in (str(role.label).casefold(), role.value):
            return role.value
    raise BadCell(
        _("Rollen %(value)s finns inte. Välj en av: %(roles)s.")
        % {"value": text, "roles": ", ".join(str(r.label) for r in Role)}
    )


def status_of(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    for status in Status:
        if text.casefold() in (str(status.label).casefold(), status.value):
            if status in IMPORT_STATUSES:
                return status.value
            break
    raise BadCell(
        _(
            "Status %(value)s kan inte importeras. Välj %(statuses)s; förslag och avslut görs på "
            "nätverkets sida."
        )
        % {"value": text, "statuses": _(" eller ").join(str(s.label) for s in IMPORT_STATUSES)}
    )


# ---- the check --------------------------------------------------------------------------------


class Checker:
    def __init__(self, reading: Reading, today: datetime.date) -> None:
        self.reading = reading
        self.today = today
        self.report = Report(sources=reading.sources, problems=list(reading.problems))
        self.report.notes = list(reading.notes)
        self.plan = Plan(report=self.report, today=today)
        self.bad: set[tuple[str, int]] = set()
        self.formula_values = 0

    # -- helpers --

    def problem(self, sheet: Sheet, row: Row, key: str, reason: str) -> None:
        table = self.reading.tables[sheet.key]
        column = sheet.column(key).heading if key else ""
        letter = row.letters.get(key, "")
        shown = f"{column} ({letter})" if column and letter else column
        self.report.problems.append(Problem(table.where, row.number, shown, reason))
        self.bad.add((sheet.key, row.number))

    def cell(self, sheet: Sheet, row: Row, key: str, parse: Any, *, required: bool = False) -> Any:
        """The parsed value of a cell, or None after reporting why it is bad."""
        value = row.values.get(key)
        if key in row.formulas:
            if value is None or (isinstance(value, str) and not value.strip()):
                self.problem(
                    sheet,
                    row,
                    key,
                    _(
                        "Cellen har en formel utan sparat värde. Formler räknas aldrig ut vid "
                        "importen: skriv in värdet, eller öppna och spara filen i Excel först."
                    ),
                )
                return None
            self.formula_values += 1
        try:
            parsed = parse(value)
        except BadCell as bad:
            self.problem(sheet, row, key, bad.reason)
            return None
        if required and parsed in (None, ""):
            self.problem(
                sheet,
                row,
                key,
                _("%(heading)s måste fyllas i.") % {"heading": sheet.column(key).heading},
            )
            return None
        return parsed

    def rows(self, sheet: Sheet) -> list[Row]:
        table = self.reading.tables.get(sheet.key)
        return table.rows if table else []

    # -- the whole file --

    def run(self) -> Plan:
        if not self.reading.problems and not any(self.rows(s) for s in SHEETS):
            self.report.problems.append(
                Problem(
                    self.reading.sources[0].name if self.reading.sources else _("Filen"),
                    None,
                    "",
                    _(
                        "Filen innehåller inga rader att importera (bara rubriker, eller bara "
                        "mallens exempel)."
                    ),
                )
            )
        if self.reading.problems or self.report.problems:
            return self.plan
        self.lookups = self.plan.lookups = Lookups()
        self.plan.where = {k: t.where for k, t in self.reading.tables.items()}
        self.summaries: dict[str, SheetSummary] = {}
        for sheet in SHEETS:
            if self.rows(sheet):  # a sheet of only headings, or the example, is not listed
                self.summaries[sheet.key] = SheetSummary(sheet.key, sheet.title)
        self._load()
        self.check_people()
        self.check_networks()
        self.check_memberships()
        self.check_contacts()
        self.report.sheets = list(self.summaries.values())
        if self.formula_values:
            self.report.notes.append(
                _(
                    "%(count)d celler med formler lästes som de värden som sparades med filen; "
                    "formlerna räknades inte ut."
                )
                % {"count": self.formula_values}
            )
        return self.plan

    def _load(self) -> None:
        names, slugs, emails = set(), set(), set()
        for row in self.rows(NETWORKS):
            names.add(_loose(row.values.get("name")).casefold())
            slugs.add(_loose(row.values.get("slug")).lower())
        for row in self.rows(MEMBERSHIPS):
            ref = _loose(row.values.get("network"))
            names.add(ref.casefold())
            slugs.add(ref.lower())
        for sheet in (PEOPLE, MEMBERSHIPS, CONTACTS):
            for row in self.rows(sheet):
                emails.add(_loose(row.values.get("email")).lower())
        self.lookups.load_networks(names - {""}, slugs - {""})
        self.lookups.load_people(emails - {""})
        self.lookups.load_memberships()

    # -- people --

    def check_people(self) -> None:
        seen: dict[str, int] = {}
        self.file_people: dict[str, PersonPlan | None] = {}
        for row in self.rows(PEOPLE):
            email = self.cell(PEOPLE, row, "email", _email, required=True)
            name = self.cell(PEOPLE, row, "name", lambda v: _text(v, limit=200))
            title = self.cell(PEOPLE, row, "title", lambda v: _text(v, limit=200))
            muni = self.cell(PEOPLE, row, "municipality", self.lookups.municipality)
            unit = self.cell(PEOPLE, row, "unit", lambda v: _text(v, limit=200))
            phone = self.cell(PEOPLE, row, "phone", lambda v: _text(v, limit=40))
            if email:
                if email in seen:
                    self.problem(
                        PEOPLE,
                        row,
                        "email",
                        _("%(email)s finns redan på rad %(row)d; varje person får finnas en gång.")
                        % {"email": email, "row": seen[email]},
                    )
                    continue
                seen[email] = row.number
                self.file_people[email] = None
            person = self.lookups.people.get(email) if email else None
            if email and person is None and name == "":
                self.problem(PEOPLE, row, "name", _("Namn måste fyllas i för en ny person."))
            if (PEOPLE.key, row.number) in self.bad:
                continue
            plan = PersonPlan(
                row.number,
                email,
                name or "",
                person,
                title=title or "",
                municipality=muni,
                unit=unit or "",
                phone=phone or "",
            )
            self.file_people[email] = plan
            summary = self.summaries[PEOPLE.key]
            if person is None:
                summary.new += 1
                self.plan.people.append(plan)
                continue
            fields = []
            for key, value, shown_before, shown_after in (
                ("name", name, person.name, name),
                ("title", title, person.title, title),
                ("municipality", muni, person.municipality, muni),
                ("unit", unit, person.unit, unit),
                ("phone", phone, person.phone, phone),
            ):
                current = getattr(person, key)
                if value and value != current:
                    plan.updates[key] = value
                    heading = PEOPLE.column(key).heading
                    fields.append(FieldChange(heading, _fmt(shown_before), _fmt(shown_after)))
            if fields:
                summary.changed += 1
                summary.changes.append(Change(row.number, email, fields))
                self.plan.people.append(plan)
            else:
                summary.unchanged += 1

    def person_known(self, email: str) -> bool:
        return email in getattr(self, "file_people", {}) or email in self.lookups.people

    # -- networks --

    def check_networks(self) -> None:
        self.file_networks: dict[str, NetworkPlan | None] = {}  # casefolded name or slug → plan
        seen: dict[str, int] = {}
        for row in self.rows(NETWORKS):
            name = self.cell(NETWORKS, row, "name", lambda v: _text(v, limit=200), required=True)
            slug = self.cell(NETWORKS, row, "slug", _slug)
            area = self.cell(NETWORKS, row, "area", self.lookups.area, required=True)
            status = self.cell(NETWORKS, row, "status", status_of)
            started_on = self.cell(NETWORKS, row, "started_on", _date)
            description = self.cell(NETWORKS, row, "description", _text)
            munis = self.cell(NETWORKS, row, "municipalities", self._municipality_list)
            if not name:
                continue
            keys = [name.casefold()] + ([slug] if slug else [])
            repeated = next((k for k in keys if k in seen), None)
            if repeated is not None:
                self.problem(
                    NETWORKS,
                    row,
                    "name" if repeated == keys[0] else "slug",
                    _("Nätverket finns redan på rad %(row)d.") % {"row": seen[repeated]},
                )
                continue
            for k in keys:
                seen[k] = row.number
                self.file_networks[k] = None
            matched, network = self._match_network(row, name, slug)
            if not matched or (NETWORKS.key, row.number) in self.bad:
                continue
            plan = NetworkPlan(row.number, name, network, slug=slug or "", area=area)
            self._plan_network(row, plan, status, started_on, description or "", munis or [])
            if (NETWORKS.key, row.number) in self.bad:
                continue
            for k in keys:
                self.file_networks[k] = plan
            if network is not None:
                self.file_networks[network.slug] = plan

    def _match_network(self, row: Row, name: str, slug: str | None) -> tuple[bool, Network | None]:
        """(whether the row names one network or a new one, that network or None)."""
        by_slug = self.lookups.networks_by_slug.get(slug) if slug else None
        by_name = self.lookups.networks_by_name.get(name.casefold(), [])
        if by_slug is not None:
            others = [n for n in by_name if n.pk != by_slug.pk]
            if others:
                self.problem(
                    NETWORKS,
                    row,
                    "name",
                    _("Namnet %(name)s används redan av nätverket med kortnamnet %(slug)s.")
                    % {"name": name, "slug": others[0].slug},
                )
                return False, None
            return True, by_slug
        if len(by_name) > 1:
            self.problem(
                NETWORKS,
                row,
                "name",
                _("Flera nätverk heter %(name)s; ange kortnamnet (%(slugs)s).")
                % {"name": name, "slugs": ", ".join(n.slug for n in by_name)},
            )
            return False, None
        if by_name and slug:
            self.problem(
                NETWORKS,
                row,
                "slug",
                _(
                    "%(name)s har kortnamnet %(current)s; ett kortnamn ändras inte genom en "
                    "import (adressen i katalogen skulle ändras)."
                )
                % {"name": name, "current": by_name[0].slug},
            )
            return False, None
        return True, (by_name[0] if by_name else None)

    def _plan_network(
        self,
        row: Row,
        plan: NetworkPlan,
        status: str | None,
        started_on: datetime.date | None,
        description: str,
        munis: list[Municipality],
    ) -> None:
        summary = self.summaries[NETWORKS.key]
        network = plan.network
        if network is None:
            plan.status = status or Status.ACTIVE
            if plan.status == Status.STARTING and munis:
                self.problem(
                    NETWORKS,
                    row,
                    "municipalities",
                    _(
                        "Ett nätverk under uppstart bjuder in kommunerna självt (S1): lämna "
                        "Kommuner tom och bjud in från nätverkets sida."
                    ),
                )
                return
            plan.started_on = started_on or (self.today if plan.status == Status.ACTIVE else None)
            if plan.started_on and plan.started_on > self.today and plan.status == Status.ACTIVE:
                self.problem(
                    NETWORKS,
                    row,
                    "started_on",
                    _("Ett aktivt nätverk kan inte starta i framtiden (%(day)s).")
                    % {"day": plan.started_on.isoformat()},
                )
                return
            plan.description = description
            plan.join = munis
            summary.new += 1
            summary.new_items.append(plan.name)
            self.plan.networks.append(plan)
            return
        if network.status == Status.CLOSED:
            self.problem(
                NETWORKS,
                row,
                "name",
                _("%(name)s är avslutat och kan inte ändras.") % {"name": network.name},
            )
            return
        if status and status != network.status:
            self.problem(
                NETWORKS,
                row,
                "status",
                _(
                    "%(name)s är %(current)s. Status ändras inte genom en import: aktivera eller "
                    "avsluta nätverket på dess sida."
                )
                % {"name": network.name, "current": network.get_status_display().lower()},
            )
            return
        fields = []
        for key, value, current in (
            ("name", plan.name, network.name),
            ("area", plan.area, network.area),
            ("started_on", started_on, network.started_on),
            ("description", description, network.description),
        ):
            if value and value != current:
                plan.updates[key] = value
                fields.append(FieldChange(NETWORKS.column(key).heading, _fmt(current), _fmt(value)))
        current_parts = self.lookups.participations.get(network.pk, {})
        for muni in munis:
            part = current_parts.get(muni.pk)
            if part is None:
                plan.join.append(muni)
            elif part.joined_on is None or part.left_on is not None:
                self.problem(
                    NETWORKS,
                    row,
                    "municipalities",
                    _(
                        "%(muni)s deltar inte i %(name)s nu (inbjuden, eller har lämnat). Ändra "
                        "deltagandet på nätverkets sida (P1, P2)."
                    )
                    % {"muni": muni.name, "name": network.name},
                )
                return
        if plan.join:
            if network.status != Status.ACTIVE:
                self.problem(
                    NETWORKS,
                    row,
                    "municipalities",
                    _("Kommuner läggs bara till i aktiva nätverk; %(name)s är under uppstart.")
                    % {"name": network.name},
                )
                return
            fields.append(
                FieldChange(
                    NETWORKS.column("municipalities").heading,
                    "",
                    _("+ %(names)s") % {"names": ", ".join(m.name for m in plan.join)},
                )
            )
        if fields:
            summary.changed += 1
            summary.changes.append(Change(row.number, network.name, fields))
            self.plan.networks.append(plan)
        else:
            summary.unchanged += 1

    def _municipality_list(self, value: Any) -> list[Municipality]:
        text = _text(value)
        out: list[Municipality] = []
        for part in re.split(r"[,;\n]", text):
            if part.strip():
                muni = self.lookups.municipality(part.strip())
                if muni is not None and muni not in out:
                    out.append(muni)
        return out

    def network_ref(self, value: Any) -> "NetworkPlan | Network | None":
        text = _text(value)
        if not text:
            return None
        for key in (text.casefold(), text.lower()):
            if key in self.file_networks:
                found = self.file_networks[key]
                if found is None:  # a bad row of the networks sheet: reported there
                    raise _Skip
                return found if found.network is None else found.network
        network = self.lookups.networks_by_slug.get(text.lower())
        if network is None:
            matches = self.lookups.networks_by_name.get(text.casefold(), [])
            if len(matches) > 1:
                raise BadCell(
                    _("Flera nätverk heter %(name)s; ange kortnamnet (%(slugs)s).")
                    % {"name": text, "slugs": ", ".join(n.slug for n in matches)}
                )
            network = matches[0] if matches else None
        if network is None:
            raise BadCell(
                _(
                    "Nätverket %(name)s finns inte, varken i registret eller på bladet Nätverk. "
                    "Ange nätverkets namn eller kortnamn."
                )
                % {"name": text}
            )
        return network

    # -- memberships --

    def check_memberships(self) -> None:
        if not self.rows(MEMBERSHIPS):
            return
        summary = self.summaries[MEMBERSHIPS.key]
        in_file: dict[tuple[Any, str, str], list[tuple[int, datetime.date, Any]]] = defaultdict(
            list
        )
        for row in self.rows(MEMBERSHIPS):
            try:
                network = self.cell(MEMBERSHIPS, row, "network", self.network_ref, required=True)
            except _Skip:
                continue
            email = self.cell(MEMBERSHIPS, row, "email", _email, required=True)
            role = self.cell(MEMBERSHIPS, row, "role", role_of, required=True)
            muni = self.cell(MEMBERSHIPS, row, "municipality", self.lookups.municipality)
            start_on = self.cell(MEMBERSHIPS, row, "start_on", _date)
            end_on = self.cell(MEMBERSHIPS, row, "end_on", _date)
            if email and not self.person_known(email):
                self.problem(
                    MEMBERSHIPS,
                    row,
                    "email",
                    _(
                        "Det finns ingen person med adressen %(email)s, varken i registret eller "
                        "på bladet Personer."
                    )
                    % {"email": email},
                )
            if isinstance(network, Network) and network.status == Status.CLOSED:
                self.problem(
                    MEMBERSHIPS,
                    row,
                    "network",
                    _("%(name)s är avslutat och kan inte ändras.") % {"name": network.name},
                )
            if start_on and end_on and end_on < start_on:
                self.problem(
                    MEMBERSHIPS,
                    row,
                    "end_on",
                    _("Till (%(end)s) är före Från (%(start)s).")
                    % {"end": end_on.isoformat(), "start": start_on.isoformat()},
                )
            if (MEMBERSHIPS.key, row.number) in self.bad or not (network and email and role):
                continue
            person = self.lookups.people.get(email)
            existing: list[Membership] = []
            if isinstance(network, Network) and person is not None:
                existing = self.lookups.memberships.get((network.pk, person.pk, role), [])
            plan = self._plan_membership(
                row, network, email, role, muni, start_on, end_on, existing
            )
            if plan is None:
                continue
            key = (id(network) if isinstance(network, NetworkPlan) else network.pk, email, role)
            begin = plan.start_on
            finish = plan.end_on
            clash = next(
                (
                    r
                    for r, s, e in in_file[key]
                    if s <= (finish or datetime.date.max) and (e is None or e >= begin)
                ),
                None,
            )
            if clash is not None:
                self.problem(
                    MEMBERSHIPS,
                    row,
                    "role",
                    _("Samma medlemskap (nätverk, person och roll) finns redan på rad %(row)d.")
                    % {"row": clash},
                )
                continue
            in_file[key].append((row.number, begin, finish))
            if plan.membership is None:
                summary.new += 1
                self.plan.memberships.append(plan)
            elif plan.updates:
                summary.changed += 1
                self.plan.memberships.append(plan)
            else:
                summary.unchanged += 1

    def _plan_membership(
        self,
        row: Row,
        network: "NetworkPlan | Network",
        email: str,
        role: str,
        muni: Municipality | None,
        start_on: datetime.date | None,
        end_on: datetime.date | None,
        existing: list[Membership],
    ) -> MembershipPlan | None:
        if start_on is None:
            matches = [m for m in existing if m.is_active_on(self.today)]
        else:
            last = end_on or datetime.date.max
            matches = [
                m
                for m in existing
                if m.start_on <= last and (m.end_on is None or m.end_on >= start_on)
            ]
        if len(matches) > 1:
            self.problem(
                MEMBERSHIPS,
                row,
                "start_on",
                _(
                    "Personen har flera medlemskap i den rollen under perioden; ändra dem i "
                    "nätverkets medlemslista."
                ),
            )
            return None
        if not matches:
            begin = start_on or self.today
            if end_on and end_on < begin:
                self.problem(
                    MEMBERSHIPS,
                    row,
                    "end_on",
                    _("Till (%(end)s) är före Från (%(start)s, i dag när Från är tom).")
                    % {"end": end_on.isoformat(), "start": begin.isoformat()},
                )
                return None
            return MembershipPlan(row.number, network, email, role, muni, begin, end_on, None)
        membership = matches[0]
        plan = MembershipPlan(
            row.number,
            network,
            email,
            role,
            muni,
            start_on or membership.start_on,
            end_on or membership.end_on,
            membership,
        )
        if plan.end_on and plan.end_on < plan.start_on:
            self.problem(
                MEMBERSHIPS,
                row,
                "end_on",
                _("Till (%(end)s) är före medlemskapets start (%(start)s).")
                % {"end": plan.end_on.isoformat(), "start": plan.start_on.isoformat()},
            )
            return None
        fields = []
        for key, value, current in (
            ("start_on", start_on, membership.start_on),
            ("end_on", end_on, membership.end_on),
            ("municipality", muni, self.lookups.by_pk.get(membership.municipality_id or 0)),
        ):
            if value and value != current:
                plan.updates[key] = value
                heading = MEMBERSHIPS.column(key).heading
                fields.append(FieldChange(heading, _fmt(current), _fmt(value)))
        if fields:
            what = f"{email}, {network.name}, {Role(role).label}"
            self.summaries[MEMBERSHIPS.key].changes.append(Change(row.number, what, fields))
        return plan

    # -- management contacts --

    def check_contacts(self) -> None:
        if not self.rows(CONTACTS):
            return
        summary = self.summaries[CONTACTS.key]
        seen: dict[tuple[int, int, str], int] = {}
        for row in self.rows(CONTACTS):
            muni = self.cell(
                CONTACTS, row, "municipality", self.lookups.municipality, required=True
            )
            area = self.cell(CONTACTS, row, "area", self.lookups.area, required=True)
            email = self.cell(CONTACTS, row, "email", _email, required=True)
            if email and not self.person_known(email):
                self.problem(
                    CONTACTS,
                    row,
                    "email",
                    _(
                        "Det finns ingen person med adressen %(email)s, varken i registret eller "
                        "på bladet Personer."
                    )
                    % {"email": email},
                )
            if (CONTACTS.key, row.number) in self.bad or not (muni and area and email):
                continue
            key = (muni.pk, area.pk, email)
            if key in seen:
                self.problem(
                    CONTACTS,
                    row,
                    "email",
                    _("Samma förvaltningsledning finns redan på rad %(row)d.") % {"row": seen[key]},
                )
                continue
            seen[key] = row.number
            person = self.lookups.people.get(email)
            if person is not None and (muni.pk, area.pk, person.pk) in self.lookups.contacts:
                summary.unchanged += 1
                continue
            summary.new += 1
            self.plan.contacts.append(ContactPlan(row.number, muni, area, email))


class _Skip(Exception):
    """A row that names a bad row of another sheet: that row is reported, this one left."""


def _loose(value: Any) -> str:
    try:
        return _text(value)
    except BadCell:
        return ""


def _slug(value: Any) -> str:
    text = _text(value, limit=MAX_LENGTHS["slug"]).lower()
    if not text:
        return ""
    try:
        validate_slug(text)
    except ValidationError:
        raise BadCell(
            _("Kortnamnet %(value)s får bara innehålla a–z, 0–9, bindestreck och understreck.")
            % {"value": text}
        ) from None
    return text


def check(reading: Reading, *, today: datetime.date | None = None) -> Plan:
    """The dry run: the plan of what the import would do, and its report."""
    return Checker(reading, today or timezone.localdate()).run()
