"""The network's material (N5) in its export and archive package: each file's data, and the
file itself beside it in the package."""

import posixpath
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.networks.lifecycle.export import CHUNK, StoredFile, d, export_part, name_of
from samverkan.networks.models import Network


def package_name(pk: int, storage_name: str) -> str:
    """The file's name in the package: its own, after its id, so two uploads never clash."""
    return f"{pk}-{posixpath.basename(storage_name)}"


def material_files(item: dict[str, Any]) -> list[StoredFile]:
    if not item["file"]:
        return []
    return [StoredFile(package_name(item["id"], item["file"]), item["file"])]


@export_part("material", _("Material"), order=80, files=material_files)
def material_part(network: Network) -> Iterator[dict[str, Any]]:
    material = network.material.select_related("uploaded_by", "reviewed_by").order_by(
        "uploaded_at", "pk"
    )
    for m in material.iterator(chunk_size=CHUNK):
        yield {
            "id": m.pk,
            "title": m.title,
            "file": m.file.name,
            "uploaded_at": d(m.uploaded_at),
            "uploaded_by": name_of(m.uploaded_by),
            "reviewed_on": d(m.reviewed_on),
            "reviewed_by": name_of(m.reviewed_by),
        }
