"""The package's documents for people to read: every part's data as PDF, and for each meeting
its agenda and its approved minutes, in the cooperation's graphic profile (N5). All as PDF/A-3u
(WeasyPrint's pdf_variant): a PDF for archiving, its fonts embedded, its text in Unicode. Where
WeasyPrint cannot make PDF/A, the document is an ordinary PDF and the package says why."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.cooperation.models import Cooperation
from samverkan.files.pdf import data_uri, render_pdf
from samverkan.meetings.models import Meeting
from samverkan.meetings.selectors import meeting_detail
from samverkan.networks.models import Network

PDF_A = "pdf/a-3u"
# Items per PDF of a part: a longer part (a large network's history) is split into several
# documents, so that no document is rendered with more than this in memory.
PDF_ROWS = 400

# How the data's keys read in the documents (the JSON keeps the keys).
LABELS: dict[str, Any] = {
    "name": gettext_lazy("Namn"),
    "title": gettext_lazy("Rubrik"),
    "slug": gettext_lazy("Kortnamn"),
    "area": gettext_lazy("Område"),
    "status": gettext_lazy("Status"),
    "state": gettext_lazy("Status"),
    "description": gettext_lazy("Beskrivning"),
    "proposal_reason": gettext_lazy("Varför nätverket behövdes"),
    "proposed_on": gettext_lazy("Föreslaget"),
    "started_on": gettext_lazy("Startat"),
    "closed_on": gettext_lazy("Avslutat"),
    "close_reason": gettext_lazy("Anledning till avslut"),
    "year": gettext_lazy("År"),
    "adopted_on": gettext_lazy("Antagen"),
    "purpose": gettext_lazy("Syfte"),
    "goals": gettext_lazy("Målsättning"),
    "meeting_organisation": gettext_lazy("Mötesorganisation"),
    "contribution": gettext_lazy("Bidrag till samverkans syfte och vision"),
    "development_areas": gettext_lazy("Utvecklingsområden"),
    "person": gettext_lazy("Person"),
    "email": gettext_lazy("E-post"),
    "municipality": gettext_lazy("Kommun"),
    "municipality_code": gettext_lazy("Kommunkod"),
    "role": gettext_lazy("Roll"),
    "start_on": gettext_lazy("Från"),
    "end_on": gettext_lazy("Till"),
    "invited_on": gettext_lazy("Inbjuden"),
    "answer": gettext_lazy("Svar"),
    "answered_on": gettext_lazy("Svarade"),
    "consulted_on": gettext_lazy("Förvaltningsledning tillfrågad"),
    "joined_on": gettext_lazy("Gick med"),
    "left_on": gettext_lazy("Lämnade"),
    "leave_reason": gettext_lazy("Anledning"),
    "kind": gettext_lazy("Slag"),
    "reason": gettext_lazy("Anledning"),
    "requested_on": gettext_lazy("Begärd"),
    "requested_by": gettext_lazy("Begärd av"),
    "decided_on": gettext_lazy("Beslutad"),
    "decided_by": gettext_lazy("Beslutad av"),
    "number": gettext_lazy("Version"),
    "adopted_at_meeting": gettext_lazy("Antagen vid mötet"),
    "note": gettext_lazy("Anteckning"),
    "text": gettext_lazy("Text"),
    "parameters": gettext_lazy("Parametrar"),
    "outcome": gettext_lazy("Utfall"),
    "held_on": gettext_lazy("Datum"),
    "meeting": gettext_lazy("Möte"),
    "new_version": gettext_lazy("Ny version"),
    "term_years": gettext_lazy("Antal år"),
    "appointed_on": gettext_lazy("Utsedda"),
    "chairs": gettext_lazy("Ordförandekommuner"),
    "summary": gettext_lazy("Sammanfattning"),
    "focus_areas": gettext_lazy("Frågeområden"),
    "municipalities": gettext_lazy("Kommuner"),
    "raised_on": gettext_lazy("Väckt"),
    "raised_by": gettext_lazy("Väckt av kommun"),
    "status_changed_on": gettext_lazy("Status ändrad"),
    "with_region": gettext_lazy("Fråga med regionen"),
    "concerned": gettext_lazy("Berörda kommuner"),
    "organisations": gettext_lazy("Externa organisationer"),
    "focus_area": gettext_lazy("Frågeområde"),
    "working_group": gettext_lazy("Arbetsgrupp"),
    "arena": gettext_lazy("Arena"),
    "matter": gettext_lazy("Fråga"),
    "organisation": gettext_lazy("Organisation"),
    "people": gettext_lazy("Företrädare"),
    "represents": gettext_lazy("Företräder"),
    "contact": gettext_lazy("Kontaktperson"),
    "members": gettext_lazy("Deltagare"),
    "date": gettext_lazy("Datum"),
    "amount_ore": gettext_lazy("Belopp (kr)"),
    "phase": gettext_lazy("Fas"),
    "method": gettext_lazy("Fördelning"),
    "problem": gettext_lazy("Problem"),
    "invoiced_on": gettext_lazy("Fakturerad"),
    "credit_of": gettext_lazy("Kreditering av kostnad nr"),
    "replaces": gettext_lazy("Ersätter kostnad nr"),
    "created_by": gettext_lazy("Registrerad av"),
    "allocations": gettext_lazy("Fördelning på kommunerna"),
    "population": gettext_lazy("Folkmängd"),
    "population_date": gettext_lazy("Folkmängd per"),
    "population_table": gettext_lazy("Folkmängd från tabell"),
    "population_source": gettext_lazy("Folkmängd enligt"),
    "uploaded_at": gettext_lazy("Uppladdad"),
    "uploaded_by": gettext_lazy("Uppladdad av"),
    "reviewed_on": gettext_lazy("Granskad mot grafiska manualen"),
    "reviewed_by": gettext_lazy("Granskad av"),
    "opens_on": gettext_lazy("Öppnade"),
    "closes_on": gettext_lazy("Stängde"),
    "threshold": gettext_lazy("Minsta antal svar för att visas"),
    "invited": gettext_lazy("Inbjudna"),
    "answered": gettext_lazy("Svarade"),
    "shown_separately": gettext_lazy("Nätverket redovisat för sig"),
    "groups": gettext_lazy("Grupper"),
    "group": gettext_lazy("Grupp"),
    "questions": gettext_lazy("Frågor"),
    "key": gettext_lazy("Nyckel"),
    "answers": gettext_lazy("Antal svar"),
    "distribution": gettext_lazy("Fördelning"),
    "mean": gettext_lazy("Medelvärde"),
    "previous_mean": gettext_lazy("Medelvärde förra omgången"),
    "at": gettext_lazy("Tidpunkt"),
    "actor": gettext_lazy("Utförd av"),
    "via_link_for": gettext_lazy("Via e-postlänk för"),
    "verb": gettext_lazy("Åtgärd"),
    "action": gettext_lazy("Ändring"),
    "object": gettext_lazy("Objekt"),
    "object_repr": gettext_lazy("Beskrivning"),
    "changes": gettext_lazy("Ändringar"),
}
# Kept in the data, left out of the documents: internal ids and stored file names.
HIDDEN = frozenset({"id", "file"})
HEADINGS = ("title", "name", "person", "municipality", "arena", "group", "year", "at", "date")


@dataclass
class Field:
    label: str
    text: str = ""
    rows: list[list["Field"]] = field(default_factory=list)


def kronor(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    whole, part = divmod(abs(ore), 100)
    return f"{sign}{whole:,}".replace(",", " ") + f",{part:02d}"


def _text(key: str, value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if key == "amount_ore" and isinstance(value, int):
        return kronor(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def fields(item: dict[str, Any]) -> list[Field]:
    """An item's data as labelled fields; nested records as rows of their own fields."""
    out = []
    for key, value in item.items():
        if key in HIDDEN:
            continue
        label = str(LABELS.get(key, key))
        if isinstance(value, dict) and key not in ("changes", "distribution", "parameters"):
            out.append(Field(label, rows=[fields(value)]))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out.append(Field(label, rows=[fields(v) for v in value]))
        elif isinstance(value, dict):
            text = "; ".join(f"{LABELS.get(k, k)}: {_text(k, v)}" for k, v in value.items())
            out.append(Field(label, text or "–"))
        else:
            out.append(Field(label, _text(key, value)))
    return out


def heading(item: dict[str, Any]) -> str:
    for key in HEADINGS:
        if item.get(key) not in (None, ""):
            return str(item[key])
    return ""


def _branding() -> dict[str, Any]:
    coop = Cooperation.current()
    return {"cooperation": coop, "logo": data_uri(coop.logo), "generated": timezone.localtime()}


@dataclass
class Rendered:
    data: bytes
    pdf_a: bool
    reason: str = ""


def as_pdf_a(template: str, context: dict[str, Any]) -> Rendered:
    """The document as PDF/A-3u; as an ordinary PDF, with the reason, when that fails."""
    try:
        return Rendered(render_pdf(template, context, variant=PDF_A), pdf_a=True)
    except Exception as error:  # WeasyPrint raises what it likes; the package must go on
        reason = f"{type(error).__name__}: {error}"
        return Rendered(render_pdf(template, context), pdf_a=False, reason=reason)


def part_pdf(network: Network, title: str, items: list[dict[str, Any]], page: str) -> Rendered:
    """A part's items (or a chunk of them) as a document to read."""
    context = {
        **_branding(),
        "network": network,
        "title": title,
        "page": page,
        "items": [{"heading": heading(i), "fields": fields(i)} for i in items],
    }
    return as_pdf_a("records/archive/part_pdf.html", context)


MeetingDocuments = Callable[[Network, dict[str, Any]], Iterable[tuple[str, Rendered]]]


def meeting_documents(network: Network, item: dict[str, Any]) -> Iterable[tuple[str, Rendered]]:
    """A meeting's agenda and, once approved, its minutes, as the meeting's pages print them
    (meetings/pdf/), with the attendance list in the minutes."""
    meeting: Meeting = meeting_detail(item["id"], network)
    minutes = getattr(meeting, "minutes", None)
    context = {**_branding(), "meeting": meeting, "minutes": minutes}
    yield "agenda.pdf", as_pdf_a("meetings/pdf/agenda.html", context)
    if minutes is not None and minutes.is_approved:
        yield "minutes.pdf", as_pdf_a("meetings/pdf/minutes.html", context)


# The parts whose items have documents of their own instead of the generic one.
ITEM_DOCUMENTS: dict[str, MeetingDocuments] = {"meetings": meeting_documents}
