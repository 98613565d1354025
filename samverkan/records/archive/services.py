"""Making a closed network's archive package: into a folder or a zip file on the disk (the
command), or into a temporary zip file for a download (the page). Reading only: the package
changes nothing, so nothing is written to the history."""

import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.networks.models import Network
from samverkan.records.archive.package import (
    PackageResult,
    package_id_for,
    require_can_archive,
    write_package,
)
from samverkan.records.archive.sinks import FolderSink, Sink, ZipSink


def _written(actor: Any, network: Network, sink: Sink, *, pdfs: bool) -> PackageResult:
    try:
        return write_package(actor, network, sink, pdfs=pdfs)
    finally:
        sink.close()


def archive_to_path(
    actor: Any, slug: str, out: Path, *, pdfs: bool = True
) -> tuple[Path, PackageResult]:
    """The package of the network `slug` as a folder inside `out`, or as the zip file `out`
    when it ends in .zip. Nothing is left behind when it fails."""
    network = Network.objects.select_related("area").filter(slug=slug).first()
    if network is None:
        raise ServiceError(_("Det finns inget nätverk med kortnamnet %(slug)s.") % {"slug": slug})
    require_can_archive(actor, network)
    package_id = package_id_for(network, timezone.localdate())
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            with out.open("wb") as target:
                result = _written(actor, network, ZipSink(package_id, target), pdfs=pdfs)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        return out, result
    if out.exists() and not out.is_dir():
        raise ServiceError(_("%(path)s finns redan och är ingen mapp.") % {"path": out})
    sink = FolderSink(package_id, out)
    try:
        result = _written(actor, network, sink, pdfs=pdfs)
    except BaseException:
        shutil.rmtree(sink.root, ignore_errors=True)
        raise
    return sink.root, result


def archive_to_download(actor: Any, network: Network) -> tuple[IO[bytes], PackageResult]:
    """The package as a zip in a temporary file, rewound, for the response to stream."""
    require_can_archive(actor, network)
    # Handed to the response, which closes it when sent.
    target = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        package_id = package_id_for(network, timezone.localdate())
        result = _written(actor, network, ZipSink(package_id, target), pdfs=True)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target, result
