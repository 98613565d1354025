"""The archive package of a closed network (issue 15 §4; SPEC §4 C1, §5 "Files"), in the
structure of FGS Paketstruktur 2.0, which is E-ARK CSIP 2.1 with E-ARK SIP 2.1:

    <package id>/
      METS.xml                          every file with MIME type, size, time and SHA-256
      metadata/descriptive/network.json the network and the package (METS dmdSec)
      representations/rep1/data/        each export part as JSON and as PDF/A; a folder per
                                        meeting (meeting.json, agenda.pdf, minutes.pdf,
                                        attachments/); the material files
      schemas/                          the METS, XLink and CSIP schemas METS.xml names

Everything comes from the export parts the rooms register (networks/lifecycle/export.py), so
the package holds what the JSON export holds, and like it no question to the secretariat (ST1).
Files are written one at a time to a folder or a zip file (sinks.py): memory stays bounded
however many meetings the network has."""

import datetime
import gc
import json
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Cooperation
from samverkan.core.errors import ServiceError
from samverkan.files.uploads import TYPES, extension_of
from samverkan.networks.lifecycle.export import CHUNK, ExportPart, export_parts, network_part
from samverkan.networks.models import Network
from samverkan.people.access import viewer_for
from samverkan.records.archive import documents
from samverkan.records.archive.mets import SCHEMA_FILES, SCHEMAS, Agent, mets_document
from samverkan.records.archive.sinks import Sink, chunks_of, now_iso

FORMAT = "samverkan.archive/1"
DATA = "representations/rep1/data"
DESCRIPTIVE = "metadata/descriptive/network.json"
JSON = "application/json"
PDF = "application/pdf"
# A part's JSON is kept in memory up to this size, then in a temporary file.
SPOOL = 4 * 1024 * 1024
SPECIFICATION = "FGS Paketstruktur 2.0 (E-ARK CSIP 2.1.0, E-ARK SIP 2.1.0)"


@dataclass
class PackageResult:
    package_id: str
    files: int
    size: int
    seconds: float
    not_pdf_a: list[dict[str, str]] = field(default_factory=list)


def package_id_for(network: Network, today: datetime.date) -> str:
    """The package's ID, also its root folder's name: readable, and unique by a UUID."""
    return f"samverkan-{network.slug}-{today:%Y%m%d}-{uuid.uuid4()}"


def require_can_archive(actor: Any, network: Network) -> None:
    """The secretariat makes the package (issue 15 §4), of a closed network only: a network
    that goes on has no final record yet (its JSON export is there for it)."""
    if actor is not None and not viewer_for(actor).is_secretariat:
        raise ServiceError(_("Arkivpaketet görs av sekretariatet."))
    if network.status != Network.Status.CLOSED:
        raise ServiceError(
            _(
                "%(name)s är inte avslutat. Arkivpaketet görs när nätverket är avslutat; "
                "till dess finns exporten som JSON."
            )
            % {"name": network.name}
        )


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode()


def _collect(count: int) -> None:
    """Every chunk of items, the rows of the last one are let go: Django's instances with their
    prefetched rows form reference cycles, which only the cyclic collector frees, and it would
    otherwise run too seldom for memory to stay bounded."""
    if count % CHUNK == 0:
        gc.collect()


def _mime(name: str) -> str:
    kind = TYPES.get(extension_of(name))
    return kind.mime if kind else "application/octet-stream"


class _Builder:
    def __init__(self, network: Network, sink: Sink, *, pdfs: bool) -> None:
        self.network = network
        self.sink = sink
        self.pdfs = pdfs
        self.parts: list[dict[str, Any]] = []
        self.not_pdf_a: list[dict[str, str]] = []

    def pdf(self, path: str, rendered: documents.Rendered) -> None:
        self.sink.write_bytes(path, rendered.data, PDF)
        if not rendered.pdf_a:
            self.not_pdf_a.append({"path": path, "reason": rendered.reason})

    def stored(self, folder: str, part: ExportPart, item: dict[str, Any]) -> None:
        for stored in part.files(item) if part.files else []:
            if not default_storage.exists(stored.storage_name):
                continue  # a file lost from the storage: the item's data still names it
            with default_storage.open(stored.storage_name, "rb") as handle:
                path = f"{folder}/{stored.name}"
                self.sink.write(path, chunks_of(handle), _mime(stored.name))

    def whole(self, part: ExportPart) -> int:
        """A part as one JSON file and its PDF, or PDFs of PDF_ROWS items each when longer.

        The JSON goes to a temporary file first (kept in memory while small): a zip takes one
        file at a time, and the part's stored files and PDFs are written as its items come."""
        base = f"{DATA}/{part.key}"
        if part.single:
            item = part.items(self.network)
            self.sink.write_bytes(f"{base}.json", _json(item), JSON)
            if self.pdfs:
                self.pdf(
                    f"{base}.pdf", documents.part_pdf(self.network, str(part.title), [item], "")
                )
            return 1
        count, pages = 0, 0
        buffer: list[dict[str, Any]] = []
        with tempfile.SpooledTemporaryFile(max_size=SPOOL) as spool:
            spool.write(b"[")
            for item in part.items(self.network):
                spool.write((b",\n" if count else b"\n") + _json(item))
                count += 1
                _collect(count)
                self.stored(base, part, item)
                if self.pdfs:
                    buffer.append(item)
                    if len(buffer) >= documents.PDF_ROWS:
                        pages += 1
                        self.part_page(part, buffer, pages)
                        buffer.clear()
            spool.write(b"\n]\n")
            spool.seek(0)
            self.sink.write(f"{base}.json", chunks_of(spool), JSON)
        if self.pdfs and (buffer or not pages):
            self.part_page(part, buffer, pages + 1 if pages else 0)
        return count

    def part_page(self, part: ExportPart, items: list[dict[str, Any]], page: int) -> None:
        """The PDF of a part, or of its page-th chunk (0: the part has only the one)."""
        name = f"{part.key}-{page}.pdf" if page else f"{part.key}.pdf"
        label = _("Del %(n)s") % {"n": page} if page else ""
        self.pdf(f"{DATA}/{name}", documents.part_pdf(self.network, str(part.title), items, label))

    def each(self, part: ExportPart) -> int:
        """A part as a folder per item: its JSON and its documents."""
        count = 0
        own = documents.ITEM_DOCUMENTS.get(part.key)
        for n, item in enumerate(part.items(self.network), start=1):
            count += 1
            _collect(count)
            name = part.item_name(item) if part.item_name else f"{n:05d}"
            folder = f"{DATA}/{part.key}/{name}"
            self.sink.write_bytes(f"{folder}/{part.key.rstrip('s')}.json", _json(item), JSON)
            if self.pdfs:
                rendered = (
                    own(self.network, item)
                    if own
                    else [
                        ("data.pdf", documents.part_pdf(self.network, str(part.title), [item], ""))
                    ]
                )
                for filename, doc in rendered:
                    self.pdf(f"{folder}/{filename}", doc)
            self.stored(folder, part, item)
        return count

    def data(self) -> None:
        for part in export_parts():
            count = self.each(part) if part.each else self.whole(part)
            self.parts.append(
                {
                    "key": part.key,
                    "title": str(part.title),
                    "items": count,
                    "path": f"{DATA}/{part.key}" + ("/" if part.each else ".json"),
                }
            )

    def descriptive(self, package_id: str, created: str) -> Any:
        coop = Cooperation.current()
        return self.sink.write_bytes(
            DESCRIPTIVE,
            _json(
                {
                    "format": FORMAT,
                    "package_id": package_id,
                    "created": created,
                    "specification": SPECIFICATION,
                    "final": True,
                    "archival_creator": coop.name,
                    "submitted_by": coop.name,
                    "network": network_part(self.network),
                    "parts": self.parts,
                    "documents": _(
                        "Varje del finns som JSON och, för att läsas, som PDF/A-3u. Justerade "
                        "protokoll finns som PDF/A i mötets mapp."
                    ),
                    "not_pdf_a": self.not_pdf_a,
                    "left_out": [
                        _(
                            "Frågor till sekretariatet: de är mellan den som frågar och "
                            "sekretariatet och hör inte till nätverkets handlingar."
                        ),
                        _(
                            "Enkätsvarens fritexter och vem som svarade: bara de sammanställda "
                            "resultaten, så som de publicerades, finns med."
                        ),
                    ],
                }
            ),
            JSON,
        )


def write_package(actor: Any, network: Network, sink: Sink, *, pdfs: bool = True) -> PackageResult:
    """Write the whole package into `sink` (which the caller closes). `pdfs=False` leaves out
    the documents to read (a quicker package, for tests of its structure)."""
    require_can_archive(actor, network)
    started = time.perf_counter()
    created = now_iso()
    builder = _Builder(network, sink, pdfs=pdfs)
    builder.data()
    descriptive = builder.descriptive(sink.package_id, created)
    for name in SCHEMA_FILES:
        with (SCHEMAS / name).open("rb") as handle:
            sink.write(f"schemas/{name}", chunks_of(handle), "application/xml")
    coop = Cooperation.current()
    listed = [f for f in sink.files if f.path != DESCRIPTIVE]
    sink.write_bytes(
        "METS.xml",
        mets_document(
            package_id=sink.package_id,
            label=_("Arkivpaket för %(name)s") % {"name": network.name},
            created=created,
            agents=_agents(coop),
            descriptive=descriptive,
            files=listed,
        ),
        "application/xml",
    )
    return PackageResult(
        package_id=sink.package_id,
        files=len(sink.files),
        size=sink.size,
        seconds=time.perf_counter() - started,
        not_pdf_a=builder.not_pdf_a,
    )


def _agents(coop: Cooperation) -> list[Agent]:
    from django.conf import settings

    version = getattr(settings, "SAMVERKAN_VERSION", "") or "1"
    return [
        # CSIP10-16: the software that made the package.
        Agent(
            "CREATOR",
            "OTHER",
            "Samverkan",
            other_type="SOFTWARE",
            note=version,
            note_type="SOFTWARE VERSION",
        ),
        # SIP: the archival creator and the submitting agent, the cooperation itself.
        Agent("ARCHIVIST", "ORGANIZATION", coop.name),
        Agent("OTHER", "ORGANIZATION", coop.name, other_role="SUBMITTER"),
    ]
