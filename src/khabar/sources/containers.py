"""Containers: one stream holding many documents (WARC, JSONL, CSV, feed, sitemap)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from khabar.errors import InputError, InputTooLarge
from khabar.sources.base import RawRecord, ReadStats, max_document_bytes
from khabar.sources.sniff import CONTAINERS, sniff

if TYPE_CHECKING:
    from khabar.pipeline import Options

TABLE_KEYS = ("text_field", "html_field", "url_field")


def table_fields(options: Options | None) -> tuple[str, ...]:
    """Column names whose presence in a header line makes a file a CSV of documents."""
    from khabar.sources.tabular import field_map

    mapping = field_map(options, "csv")
    return tuple(mapping[k] for k in TABLE_KEYS if mapping.get(k))


def read_container(
    kind: str,
    stream: IO[bytes],
    origin: str,
    options: Options | None,
    stats: ReadStats | None,
    *,
    path: str | None = None,
    url: str | None = None,
) -> Iterator[RawRecord]:
    """The documents of a container stream of the given kind."""
    if kind == "warc":
        from khabar.sources.warc import read_warc

        yield from read_warc(stream, origin, options=options, stats=stats, path=path)
    elif kind in ("jsonl", "csv"):
        from khabar.sources.tabular import read_table

        yield from read_table(kind, stream, origin, options=options, path=path)
    elif kind in ("feed", "sitemap"):
        from khabar.sources.feeds import read_feed, read_sitemap

        reader = read_feed if kind == "feed" else read_sitemap
        yield from reader(stream.read(), origin, options=options, stats=stats, path=path,
                          url=url)
    else:
        raise InputError(f"{origin}: not a container ({kind})")


def expand_record(
    record: RawRecord, options: Options | None, stats: ReadStats | None
) -> Iterator[RawRecord]:
    """A fetched body as it is, or the documents inside it when it is a container."""
    data = record.data
    if data[:2] == b"\x1f\x8b":
        data = _gunzip_body(record, max_document_bytes(options))
    kind = sniff(data[:65536], record.url or "", table_fields(options))
    if kind not in CONTAINERS:
        if data is not record.data:
            record.data = data
        yield record
        return
    origin = record.url or record.path or record.kind
    yield from read_container(kind, io.BytesIO(data), origin, options, stats,
                              path=record.path, url=record.url)


def _gunzip_body(record: RawRecord, max_bytes: int) -> bytes:
    where = record.url or record.path or record.kind
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(record.data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(f"{where} is damaged gzip data: {exc}") from exc
    if len(out) > max_bytes:
        raise InputTooLarge(f"{where} unpacks to more than {max_bytes:,} bytes")
    return out
