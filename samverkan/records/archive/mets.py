"""METS.xml of an archive package by E-ARK CSIP 2.1 and E-ARK SIP 2.1, which together are FGS
Paketstruktur 2.0 (Riksarkivet, 2023), and its validation against the METS schema.

Built with lxml rather than metsrw: CSIP asks for attributes in its own namespace (csip:
OAISPACKAGETYPE, csip:NOTETYPE), a structMap whose divisions point at file groups, and SHA-256
checksums, which metsrw (made for Archivematica's METS) does not model; lxml writes exactly the
elements the profile names and validates them with the same schemas the package ships.

One METS file describes the whole package, every file in `fileSec` with its MIME type, size,
creation time and SHA-256: CSIP lets a representation have a METS file of its own, but with one
representation the root file alone says everything and an archive checks one list."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"mets": METS, "xlink": XLINK, "csip": CSIP, "xsi": XSI}
PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"

SCHEMAS = Path(__file__).resolve().parent / "schemas"
# The schema files the package ships in schemas/, by namespace: METS 1.12 (as CSIP 2.1 ships
# it), the Library of Congress's XLink schema that METS imports by its official address, and
# the CSIP extension (DILCIS Board, CSIP 2.1.0).
SCHEMA_FILES = {"mets.xsd": METS, "xlink.xsd": XLINK, "DILCISExtensionMETS.xsd": CSIP}
KNOWN_ADDRESSES = {"http://www.loc.gov/standards/xlink/xlink.xsd": "xlink.xsd"}


@dataclass(frozen=True)
class PackageFile:
    """A file written into the package, as METS lists it."""

    path: str  # relative to the package's root folder, with "/"
    mime: str
    size: int
    created: str  # ISO 8601 date and time
    sha256: str


@dataclass(frozen=True)
class Agent:
    role: str
    type: str
    name: str
    other_role: str = ""
    other_type: str = ""
    note: str = ""
    note_type: str = ""


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _m(name: str) -> str:
    return _q(METS, name)


def _file(group: Any, entry: PackageFile, number: int) -> None:
    element = etree.SubElement(
        group,
        _m("file"),
        # By number: a path may hold what an XML ID may not.
        ID=f"ID-file-{number}",
        MIMETYPE=entry.mime,
        SIZE=str(entry.size),
        CREATED=entry.created,
        CHECKSUM=entry.sha256,
        CHECKSUMTYPE="SHA-256",
    )
    etree.SubElement(
        element,
        _m("FLocat"),
        {_q(XLINK, "type"): "simple", _q(XLINK, "href"): entry.path, "LOCTYPE": "URL"},
    )


def _agent(header: Any, agent: Agent) -> None:
    attributes = {"ROLE": agent.role, "TYPE": agent.type}
    if agent.other_role:
        attributes["OTHERROLE"] = agent.other_role
    if agent.other_type:
        attributes["OTHERTYPE"] = agent.other_type
    element = etree.SubElement(header, _m("agent"), attributes)
    etree.SubElement(element, _m("name")).text = agent.name
    if agent.note:
        note = etree.SubElement(element, _m("note"))
        note.text = agent.note
        if agent.note_type:
            note.set(_q(CSIP, "NOTETYPE"), agent.note_type)


def mets_document(
    *,
    package_id: str,
    label: str,
    created: str,
    agents: Iterable[Agent],
    descriptive: PackageFile,
    files: Iterable[PackageFile],
) -> bytes:
    """METS.xml for the package: `descriptive` is the metadata file (dmdSec), `files` every
    other file, in schemas/ and representations/rep1/."""
    schema_location = " ".join(
        f"{ns} schemas/{name}" for name, ns in SCHEMA_FILES.items() if ns in (METS, XLINK, CSIP)
    )
    root = etree.Element(
        _m("mets"),
        nsmap=NSMAP,
        OBJID=package_id,
        LABEL=label,
        TYPE="Mixed",
        PROFILE=PROFILE,
    )
    root.set(_q(XSI, "schemaLocation"), schema_location)
    header = etree.SubElement(root, _m("metsHdr"), CREATEDATE=created, RECORDSTATUS="NEW")
    header.set(_q(CSIP, "OAISPACKAGETYPE"), "SIP")
    for agent in agents:
        _agent(header, agent)
    dmd = etree.SubElement(
        root, _m("dmdSec"), ID="ID-dmd-network", CREATED=descriptive.created, STATUS="CURRENT"
    )
    etree.SubElement(
        dmd,
        _m("mdRef"),
        {
            "LOCTYPE": "URL",
            _q(XLINK, "type"): "simple",
            _q(XLINK, "href"): descriptive.path,
            "MDTYPE": "OTHER",
            "OTHERMDTYPE": "JSON",
            "MIMETYPE": descriptive.mime,
            "SIZE": str(descriptive.size),
            "CREATED": descriptive.created,
            "CHECKSUM": descriptive.sha256,
            "CHECKSUMTYPE": "SHA-256",
        },
    )
    section = etree.SubElement(root, _m("fileSec"), ID="ID-filesec")
    schemas = etree.SubElement(section, _m("fileGrp"), ID="ID-grp-schemas", USE="Schemas")
    data = etree.SubElement(section, _m("fileGrp"), ID="ID-grp-rep1", USE="Representations/rep1")
    for number, entry in enumerate(files, start=1):
        _file(schemas if entry.path.startswith("schemas/") else data, entry, number)
    struct = etree.SubElement(
        root, _m("structMap"), ID="ID-structmap", TYPE="PHYSICAL", LABEL="CSIP"
    )
    top = etree.SubElement(struct, _m("div"), ID="ID-div-package", LABEL=package_id)
    etree.SubElement(top, _m("div"), ID="ID-div-metadata", LABEL="Metadata", DMDID="ID-dmd-network")
    div = etree.SubElement(top, _m("div"), ID="ID-div-schemas", LABEL="Schemas")
    etree.SubElement(div, _m("fptr"), FILEID="ID-grp-schemas")
    div = etree.SubElement(top, _m("div"), ID="ID-div-rep1", LABEL="Representations/rep1")
    etree.SubElement(div, _m("fptr"), FILEID="ID-grp-rep1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _LocalSchemas(etree.Resolver):
    """Schemas by their official addresses, read from the copies shipped here: validating
    fetches nothing from the network."""

    def resolve(self, url: str, pubid: Any, context: Any) -> Any:
        name = KNOWN_ADDRESSES.get(url) or (
            Path(url).name if Path(url).name in SCHEMA_FILES else None
        )
        if name is None:
            return None
        return self.resolve_filename(str(SCHEMAS / name), context)


def mets_schema() -> Any:
    """The METS schema with the CSIP extension, so that csip: attributes are checked too."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{name}"/>'
        for name, ns in SCHEMA_FILES.items()
        if ns in (METS, CSIP)
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    document = etree.fromstring(wrapper.encode(), parser, base_url=str(SCHEMAS) + "/")
    return etree.XMLSchema(etree.ElementTree(document))


def validation_errors(mets: bytes) -> list[str]:
    """What the METS schema finds wrong with a METS document ([] when it is valid)."""
    schema = mets_schema()
    document = etree.fromstring(mets, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(document):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]
