"""The archive package of a closed network (issue 15 §4, C1): FGS Paketstruktur 2.0 / E-ARK SIP.
Unpacked, every file's checksum and size agree with METS.xml, METS.xml is valid by the METS
schema (with the CSIP extension), and the meetings, minutes and attendance are the database's.
No question to the secretariat is in it (ST1)."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pypdf
import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from samverkan.meetings.models import Attendance, Meeting
from samverkan.records.archive.mets import METS, XLINK, validation_errors
from samverkan.records.archive.services import archive_to_path
from tests.records.archive.conftest import SECRET, Story

NS = {"mets": METS, "xlink": XLINK}
DATA = "representations/rep1/data"


def unpack(path: Path, into: Path) -> Path:
    with zipfile.ZipFile(path) as z:
        tops = {name.split("/")[0] for name in z.namelist()}
        assert len(tops) == 1, tops  # one root folder, named by the package ID
        z.extractall(into)
    return into / tops.pop()


def listed(root: Path) -> dict[str, dict[str, str]]:
    """Every file METS.xml lists, with its attributes, by path."""
    mets = etree.parse(str(root / "METS.xml"))
    out = {}
    for f in mets.iterfind(".//mets:file", NS):
        href = f.find("mets:FLocat", NS).get(f"{{{XLINK}}}href")
        out[href] = dict(f.attrib)
    ref = mets.find(".//mets:dmdSec/mets:mdRef", NS)
    out[ref.get(f"{{{XLINK}}}href")] = dict(ref.attrib)
    return out


def test_package_checksums_schema_and_meetings_agree_with_the_database_C1(
    story: Story, tmp_path: Path
):
    path, result = archive_to_path(None, story.network.slug, tmp_path / "paket.zip")
    root = unpack(path, tmp_path / "out")
    assert root.name == result.package_id

    mets = (root / "METS.xml").read_bytes()
    assert validation_errors(mets) == []
    document = etree.fromstring(mets)
    assert document.get("OBJID") == result.package_id
    header = document.find("mets:metsHdr", NS)
    assert header.get("{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}OAISPACKAGETYPE") == "SIP"
    agents = {
        (a.get("ROLE"), a.get("OTHERROLE")): a.findtext("mets:name", namespaces=NS) for a in header
    }
    assert agents[("ARCHIVIST", None)] == story.cast.cooperation.name
    assert agents[("OTHER", "SUBMITTER")] == story.cast.cooperation.name

    # Every file but METS.xml itself is listed, with the right size and SHA-256.
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    entries = listed(root)
    assert set(entries) == files - {"METS.xml"}
    for name, attributes in entries.items():
        data = (root / name).read_bytes()
        assert attributes["SIZE"] == str(len(data)), name
        assert attributes["CHECKSUMTYPE"] == "SHA-256"
        assert attributes["CHECKSUM"] == hashlib.sha256(data).hexdigest(), name
        assert attributes["MIMETYPE"] and attributes["CREATED"], name
    assert {"schemas/mets.xsd", "schemas/xlink.xsd", "schemas/DILCISExtensionMETS.xsd"} <= files
    assert result.files == len(files)

    # The meetings, their minutes and attendance, as in the database.
    for meeting in Meeting.objects.filter(network=story.network):
        folder = root / DATA / "meetings" / f"{meeting.starts_at.isoformat()[:10]}-{meeting.pk}"
        data = json.loads((folder / "meeting.json").read_text())
        assert [a["title"] for a in data["agenda"]] == list(
            meeting.agenda_items.values_list("title", flat=True)
        )
        assert data["minutes"]["text"] == meeting.minutes.text
        assert data["minutes"]["state"] == meeting.minutes.state
        rows = Attendance.objects.filter(meeting=meeting).order_by("person__name")
        assert [(a["person"], a["status"]) for a in data["attendance"]] == [
            (r.person.name, r.status) for r in rows
        ]
        assert (folder / "agenda.pdf").exists()
        # Approved minutes only, as PDF/A-3u; a draft is in the data alone.
        assert (folder / "minutes.pdf").exists() == meeting.minutes.is_approved
    approved = root / DATA / "meetings"
    minutes = next(approved.glob(f"*-{story.approved.pk}/minutes.pdf"))
    xmp = pypdf.PdfReader(minutes).xmp_metadata
    assert xmp is not None and xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(minutes).pages)
    assert "Maja Medlem" in text and "Justerat av" in text
    assert result.not_pdf_a == []
    assert next(approved.glob(f"*-{story.approved.pk}/attachments/*-bilaga.pdf")).exists()

    # The rest of the network's life, each as JSON and PDF.
    for part in (
        "network",
        "plans",
        "members",
        "participations",
        "agreement",
        "chairs",
        "business_plans",
        "matters",
        "mandates",
        "working_groups",
        "costs",
        "surveys",
        "material",
        "history",
    ):
        assert (root / DATA / f"{part}.json").exists(), part
        assert (root / DATA / f"{part}.pdf").exists(), part
    costs = json.loads((root / DATA / "costs.json").read_text())
    assert sum(a["amount_ore"] for a in costs[0]["allocations"]) == 1_000_000
    version = json.loads((root / DATA / "agreement.json").read_text())[0]
    assert version["parameters"]["meetings_per_year"] == 10
    assert next((root / DATA / "material").glob("*-affisch.pdf")).exists()
    meta = json.loads((root / "metadata/descriptive/network.json").read_text())
    assert meta["final"] is True and meta["network"]["status"] == "closed"
    assert {p["key"]: p["items"] for p in meta["parts"]}["meetings"] == 2

    # ST1: the question to the secretariat is nowhere in the package.
    for p in root.rglob("*.json"):
        assert SECRET not in p.read_text(), p


def test_package_of_a_network_that_is_not_closed_is_refused(cast, tmp_path):
    with pytest.raises(CommandError, match="är inte avslutat"):
        call_command("archive_network", cast.network.slug, "--out", str(tmp_path / "p.zip"))
    assert not (tmp_path / "p.zip").exists()
    with pytest.raises(CommandError, match="inget nätverk"):
        call_command("archive_network", "finns-inte", "--out", str(tmp_path))


def test_command_writes_the_package_folder_named_by_its_id(story: Story, tmp_path):
    out = io.StringIO()
    call_command(
        "archive_network", story.network.slug, "--out", str(tmp_path), "--without-pdf", stdout=out
    )
    [root] = list(tmp_path.iterdir())
    assert root.name.startswith(f"samverkan-{story.network.slug}-")
    assert (root / "METS.xml").exists() and (root / "schemas" / "mets.xsd").exists()
    assert validation_errors((root / "METS.xml").read_bytes()) == []
    assert f"Arkivpaketet {root.name} är skrivet" in out.getvalue()


def test_only_the_secretariat_makes_the_package(story: Story, tmp_path):
    from samverkan.core.errors import ServiceError

    with pytest.raises(ServiceError, match="sekretariatet"):
        archive_to_path(story.cast.user("coordinator"), story.network.slug, tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()


def test_json_export_of_an_active_network_holds_every_part_C1(cast):
    """The JSON export of an active network (today's button) stays, now with every part."""
    from samverkan.networks.lifecycle.export import export_network

    document = export_network(cast.network)
    for key in (
        "network",
        "meetings",
        "agreement",
        "matters",
        "mandates",
        "working_groups",
        "costs",
        "surveys",
        "material",
        "history",
    ):
        assert key in document, key
    assert document["network"]["status"] == "active"
