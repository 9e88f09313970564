"""Raw records and the resolution of a user's source (path, URL, text, bytes) into them.

A reader yields :class:`RawRecord` objects: bytes plus where they came from. Turning them
into text and a Document is the job of the decode and extract steps.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.document import Document, Metadata, Rejection
from khabar.errors import KhabarError, UnsupportedSource

if TYPE_CHECKING:
    from khabar.pipeline import Options

Source = str | bytes | os.PathLike[str]
SOURCE_KINDS = ("path", "url", "text", "bytes", "stdin")


@dataclass(slots=True)
class RawRecord:
    """One input document as read: bytes, origin, fetch time, headers, source kind."""

    data: bytes
    kind: str
    url: str | None = None
    path: str | None = None
    fetched_at: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    error: Rejection | None = None

    @classmethod
    def failed(cls, source: Any, exc: KhabarError) -> RawRecord:
        where = str(source) if isinstance(source, str | os.PathLike) else None
        return cls(b"", "error", path=where, error=Rejection(exc.code, exc.message, "read"))


def looks_like_url(text: str) -> bool:
    head = text[:8].lower()
    return head.startswith(("http://", "https://")) and "\n" not in text and " " not in text


def classify(source: Source, kind: str | None = None) -> str:
    """Which kind of source this is: path, url, text, bytes or stdin."""
    if kind is not None:
        if kind not in SOURCE_KINDS:
            raise UnsupportedSource(f"unknown source kind {kind!r}")
        return kind
    if isinstance(source, bytes):
        return "bytes"
    if isinstance(source, os.PathLike):
        return "path"
    if source == "-":
        return "stdin"
    if looks_like_url(source):
        return "url"
    if "\n" not in source and len(source) < 4096 and _is_path(source):
        return "path"
    return "text"


def _is_path(text: str) -> bool:
    try:
        return Path(text).exists()
    except (OSError, ValueError):
        return False


def iter_records(
    source: Source | RawRecord, *, kind: str | None = None, options: Options | None = None
) -> Iterator[RawRecord]:
    """Raw records for one source. Raises an InputError subclass when it cannot be read."""
    if isinstance(source, RawRecord):
        yield source
        return
    resolved = classify(source, kind)
    max_bytes = _max_bytes(options)
    if resolved == "bytes":
        assert isinstance(source, bytes)
        yield RawRecord(source, "bytes")
    elif resolved == "text":
        yield RawRecord(str(source).encode("utf-8"), "text")
    elif resolved == "stdin":
        yield RawRecord(sys.stdin.buffer.read(max_bytes + 1), "stdin", path="-")
    elif resolved == "url":
        from khabar.sources.http import fetch

        yield fetch(str(source), options=options)
    else:
        from khabar.sources.files import read_path

        yield from read_path(Path(os.fsdecode(source)), max_bytes=max_bytes)


def _max_bytes(options: Options | None) -> int:
    default = 64 * 1024 * 1024
    if options is None:
        return default
    return int(options.get("read", "max_bytes", default))


def document_from_record(record: RawRecord) -> Document:
    """A fresh Document carrying the record's bytes (transient) and origin metadata."""
    digest = hashlib.sha256(record.data).hexdigest()
    meta = Metadata(
        url=record.url,
        path=record.path,
        source_kind=record.kind,
        fetched_at=record.fetched_at,
        content_type=_header(record.headers, "content-type"),
        content_hash=digest,
    )
    doc = Document(id=digest[:16], meta=meta, raw=record.data)
    if record.error is not None:
        doc.rejected = record.error
    return doc


def _header(headers: dict[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None
