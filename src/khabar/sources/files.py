"""Files and folders. What a file holds is judged by its content, not its name.

A plain document (HTML, text, anything else) is one record; a container (WARC, JSONL, CSV,
feed, sitemap) yields one record per document. Gzip is undone transparently. A folder
yields its files in sorted order, hidden files skipped; a file that cannot be read becomes a
failed record and the folder goes on.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from khabar.errors import InputError, InputNotFound, InputTooLarge
from khabar.sources.base import RawRecord, ReadStats, max_document_bytes
from khabar.sources.containers import read_container, table_fields
from khabar.sources.sniff import sniff

if TYPE_CHECKING:
    from khabar.pipeline import Options

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 65536
GZIP_ERRORS = (OSError, EOFError, zlib.error)


def read_path(
    path: Path, *, options: Options | None = None, stats: ReadStats | None = None,
    max_bytes: int | None = None,
) -> Iterator[RawRecord]:
    """Records of a file or a folder. A missing path or an unreadable lone file raises."""
    if not path.exists():
        raise InputNotFound(f"no such file or folder: {path}")
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            try:
                yield from read_one(child, options=options, stats=stats, max_bytes=max_bytes)
            except InputError as exc:
                yield RawRecord.failed(child, exc, kind="file")
        return
    yield from read_one(path, options=options, stats=stats, max_bytes=max_bytes)


def read_one(
    path: Path, *, options: Options | None = None, stats: ReadStats | None = None,
    max_bytes: int | None = None,
) -> Iterator[RawRecord]:
    """The records of one file: itself, or the documents of the container it is."""
    limit = max_bytes if max_bytes is not None else max_document_bytes(options)
    zipped, head = _peek(path)
    kind = sniff(head, path.name, table_fields(options))
    if kind == "document":
        yield read_file(path, max_bytes=limit)
        return
    with _open(path) as raw:
        stream: IO[bytes] = raw
        if zipped and kind != "warc":  # warcio undoes gzip members itself
            stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw))
        yield from read_container(kind, stream, str(path), options, stats, path=str(path))


def read_file(path: Path, *, max_bytes: int) -> RawRecord:
    """One file as one record (gunzipped), at most ``max_bytes`` long."""
    with _open(path) as fh:
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if data[:2] == GZIP_MAGIC:
            fh.seek(0)
            data = _gunzip(path, fh, max_bytes)
    if len(data) > max_bytes:
        raise InputTooLarge(f"{path} is larger than the limit of {max_bytes:,} bytes")
    return RawRecord(data, "file", path=str(path))


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except PermissionError as exc:
        raise InputError(f"cannot read {path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"cannot read {path}: it is a folder") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _peek(path: Path) -> tuple[bool, bytes]:
    """(gzipped?, the first bytes of the content, unpacked)."""
    with _open(path) as fh:
        try:
            head = fh.read(HEAD_BYTES)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if head[:2] != GZIP_MAGIC:
            return False, head
        fh.seek(0)
        try:
            with gzip.GzipFile(fileobj=fh) as unpacked:
                return True, unpacked.read(HEAD_BYTES)
        except GZIP_ERRORS as exc:
            raise InputError(f"{path} is a damaged gzip file: {exc}") from exc


def _gunzip(path: Path, fh: IO[bytes], max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=fh) as unpacked:
            out = unpacked.read(max_bytes + 1)
    except GZIP_ERRORS as exc:
        raise InputError(f"{path} is a damaged gzip file: {exc}") from exc
    if len(out) > max_bytes:
        raise InputTooLarge(f"{path} unpacks to more than {max_bytes:,} bytes")
    return out
