"""WARC and WET files through warcio.

Response records whose payload is HTML become records (the archived HTTP headers kept, the
WARC-Date as fetch time); WET ``conversion`` records become plain-text records. Every other
record (warcinfo, request, metadata, revisit, non-HTML responses) is skipped and counted. A
record shorter than its declared length (a bad Content-Length, a truncated file) becomes a
failed record; a file that stops parsing ends with one failed record, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from khabar.document import Rejection
from khabar.errors import InputError, InputTooLarge
from khabar.sources.base import RawRecord, ReadStats, header, max_document_bytes

if TYPE_CHECKING:
    from khabar.pipeline import Options

log = logging.getLogger(__name__)

_PARSE_ERRORS = (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: IO[bytes],
    origin: str,
    *,
    options: Options | None = None,
    stats: ReadStats | None = None,
    path: str | None = None,
) -> Iterator[RawRecord]:
    """HTML responses and WET conversions of a WARC/WET stream (gzipped or not)."""
    max_bytes = max_document_bytes(options)
    records = iter(ArchiveIterator(stream))
    index = 0
    while True:
        try:
            with _quiet_warcio():
                record = next(records)
                index += 1
                out = _convert(record, origin, index, max_bytes, stats, path)
        except StopIteration:
            return
        except _PARSE_ERRORS as exc:
            reason = f"{origin}: WARC unreadable after record {index}: {_short(exc)}"
            yield RawRecord.failed(path, InputError(reason), kind="warc")
            return
        if out is not None:
            yield out


def _convert(
    record: Any, origin: str, index: int, max_bytes: int,
    stats: ReadStats | None, path: str | None,
) -> RawRecord | None:
    kind = str(record.rec_type)
    if kind not in ("response", "resource", "conversion"):
        _skip(stats, f"warc {kind} record")
        return None
    if kind == "conversion":
        headers = {"Content-Type": "text/plain; charset=utf-8"}
    else:
        headers = _http_headers(record) or _resource_headers(record)
        content_type = header(headers, "content-type") or ""
        if not content_type.lower().startswith(HTML_TYPES):
            _skip(stats, f"warc {kind} {content_type.split(';')[0] or 'without type'}")
            return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    base = RawRecord(b"", "wet" if kind == "conversion" else "warc", url=url, path=path,
                     fetched_at=record.rec_headers.get_header("WARC-Date"))
    try:
        data = _payload(record, max_bytes)
    except InputError as exc:
        base.error = Rejection(exc.code, f"{origin} record {index}: {exc.message}", "read")
        return base
    base.data = data
    base.headers = headers
    return base


def _payload(record: Any, max_bytes: int) -> bytes:
    data: bytes = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(f"record larger than {max_bytes:,} bytes")
    remaining = getattr(record.raw_stream, "limit", 0)
    if remaining:
        raise InputError(
            f"record shorter than its declared length ({remaining:,} bytes missing: "
            "bad Content-Length or truncated file)"
        )
    return data


def _http_headers(record: Any) -> dict[str, str]:
    if record.http_headers is None:
        return {}
    return {str(k): str(v) for k, v in record.http_headers.headers}


def _resource_headers(record: Any) -> dict[str, str]:
    """A ``resource`` record (wget, browsers' archives) has its type in the WARC headers."""
    if record.rec_type != "resource":
        return {}
    value = record.rec_headers.get_header("Content-Type")
    return {"Content-Type": str(value)} if value else {}


def _skip(stats: ReadStats | None, reason: str) -> None:
    if stats is not None:
        stats.skip(reason)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:160] if text else ''}"


@contextlib.contextmanager
def _quiet_warcio() -> Iterator[None]:
    """warcio writes warnings about bad records to stderr; send them to the log instead."""
    sink = io.StringIO()
    with contextlib.redirect_stderr(sink):
        yield
    if sink.getvalue():
        log.debug("warcio: %s", sink.getvalue().strip())
