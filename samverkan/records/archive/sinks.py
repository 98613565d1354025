"""Where a package's files go: a folder or a zip file, written one file at a time, each file's
SHA-256 and size counted as it streams through, so that a package of any size is built in
bounded memory (issue 15 §4: a network with 500 meetings)."""

import hashlib
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.utils import timezone

from samverkan.records.archive.mets import PackageFile

BLOCK = 1024 * 1024


def now_iso() -> str:
    return timezone.now().replace(microsecond=0).isoformat()


class Sink:
    """Writes files under the package's root folder and remembers what it wrote."""

    def __init__(self, package_id: str) -> None:
        self.package_id = package_id
        self.files: list[PackageFile] = []

    def _open(self, path: str) -> IO[bytes]:
        raise NotImplementedError

    def write(self, path: str, chunks: Iterable[bytes], mime: str) -> PackageFile:
        digest = hashlib.sha256()
        size = 0
        with self._open(path) as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        entry = PackageFile(path, mime, size, now_iso(), digest.hexdigest())
        self.files.append(entry)
        return entry

    def write_bytes(self, path: str, data: bytes, mime: str) -> PackageFile:
        return self.write(path, [data], mime)

    def close(self) -> None:
        """Everything is written."""

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


class FolderSink(Sink):
    """The package as a folder named by its ID inside `parent`."""

    def __init__(self, package_id: str, parent: Path) -> None:
        super().__init__(package_id)
        self.root = parent / package_id

    def _open(self, path: str) -> IO[bytes]:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("wb")


class ZipSink(Sink):
    """The package as a zip file whose one top folder is named by the package's ID."""

    def __init__(self, package_id: str, target: Any) -> None:
        super().__init__(package_id)
        self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)

    def _open(self, path: str) -> IO[bytes]:
        return self.zip.open(f"{self.package_id}/{path}", "w", force_zip64=True)

    def close(self) -> None:
        self.zip.close()


def chunks_of(handle: IO[bytes]) -> Iterable[bytes]:
    while block := handle.read(BLOCK):
        yield block
