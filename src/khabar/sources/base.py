"""Raw records and the resolution of a user's source (path, URL, text, bytes) into them.

A reader yields :class:`RawRecord` objects: bytes plus where they came from. Turning them
into text and a Document is the job of the decode and extract steps. A record that could
not be read carries ``error`` and becomes a rejected Document, so a batch always finishes.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.document import Document, Metadata, PublishedTime, Rejection
from khabar.errors import KhabarError, UnsupportedSource

if TYPE_CHECKING:
    from khabar.pipeline import Options

Source = str | bytes | os.PathLike[str]
SOURCE_KINDS = ("path", "url", "text", "bytes", "stdin")

# How much a date found by a reader is trusted, by where it came from.
DATE_CONFIDENCE = {"feed": 0.9, "sitemap": 0.7, "jsonl": 0.8, "csv": 0.8,
                   "http-last-modified": 0.3}


@dataclass(slots=True)
class RawRecord:
    """One input document as read: bytes, origin, fetch time, headers, source kind.

    ``meta`` carries what a container said about the document: ``title``, ``published``
    (ISO date) with ``published_source`` (feed, sitemap, jsonl, csv ...), ``site_name``.
    """

    data: bytes
    kind: str
    url: str | None = None
    path: str | None = None
    fetched_at: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    error: Rejection | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @classmethod
    def failed(cls, source: Any, exc: KhabarError, *, kind: str = "error") -> RawRecord:
        where = str(source) if isinstance(source, str | os.PathLike) else None
        return cls(b"", kind, path=where, error=Rejection(exc.code, exc.message, "read"))


@dataclass(slots=True)
class ReadStats:
    """What readers skipped on purpose (WARC request/metadata records ...), by reason."""

    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n


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
    source: Source | RawRecord,
    *,
    kind: str | None = None,
    options: Options | None = None,
    stats: ReadStats | None = None,
) -> Iterator[RawRecord]:
    """Raw records for one source. Raises an InputError subclass when it cannot be read.

    A container (folder, WARC, JSONL, CSV, feed, sitemap; gzipped or not) yields one record
    per document inside it; a damaged part inside a container becomes a failed record.
    """
    if isinstance(source, RawRecord):
        yield source
        return
    resolved = classify(source, kind)
    max_bytes = max_document_bytes(options)
    if resolved == "bytes":
        assert isinstance(source, bytes)
        yield RawRecord(source, "bytes")
    elif resolved == "text":
        yield RawRecord(str(source).encode("utf-8"), "text")
    elif resolved == "stdin":
        from khabar.sources.containers import expand_record

        record = RawRecord(sys.stdin.buffer.read(max_bytes + 1), "stdin", path="-")
        yield from expand_record(record, options, stats)
    elif resolved == "url":
        from khabar.sources.containers import expand_record
        from khabar.sources.http import fetch

        yield from expand_record(fetch(str(source), options=options), options, stats)
    else:
        from khabar.sources.files import read_path

        yield from read_path(Path(os.fsdecode(source)), options=options, stats=stats)


def max_document_bytes(options: Options | None) -> int:
    """The size limit of one document (a file, a WARC record, a JSONL row, a body)."""
    default = 16 * 1024 * 1024
    if options is None:
        return default
    return int(options.get("read", "max_bytes", default))


def document_from_record(record: RawRecord) -> Document:
    """A fresh Document carrying the record's bytes (transient) and origin metadata.

    ``content_hash`` starts as the hash of the bytes; the ``dedup`` step replaces it with the
    hash of the extracted text, so one article at two URLs is found to be one.
    """
    digest = hashlib.sha256(record.data).hexdigest()
    meta = Metadata(
        url=record.url,
        path=record.path,
        source_kind=record.kind,
        fetched_at=record.fetched_at,
        content_type=header(record.headers, "content-type"),
        content_hash=digest,
    )
    _apply_record_meta(meta, record)
    doc = Document(id=digest[:16], meta=meta, raw=record.data)
    if record.error is not None:
        doc.rejected = record.error
    return doc


def _apply_record_meta(meta: Metadata, record: RawRecord) -> None:
    extra = record.meta
    meta.title = extra.get("title") or None
    meta.site_name = extra.get("site_name") or None
    published = extra.get("published")
    source = extra.get("published_source", "")
    if not published:
        published = http_date(header(record.headers, "last-modified"))
        source = "http-last-modified"
    if published:
        confidence = DATE_CONFIDENCE.get(source, 0.5)
        meta.published = PublishedTime(published, source or "reader", confidence)


def http_date(value: str | None) -> str | None:
    """An HTTP date (RFC 9110) as ISO 8601, or None."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def header(headers: dict[str, str], name: str) -> str | None:
    """A header's value, whatever the case of its name."""
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


# The name the lead's code used; kept for callers.
_header = header
