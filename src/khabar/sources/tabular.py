"""JSONL and CSV dumps: one document per line or row, fields named by settings.

``[jsonl]`` and ``[csv]`` map our fields to the dump's: ``text_field`` (plain text),
``html_field`` (a page), ``url_field``, ``title_field``, ``date_field``. Dotted names reach
into nested JSON objects (``"meta.url"``). A line that is not a JSON object, or a row with
neither text nor HTML, becomes a failed record with its line number; the file goes on. A
failed record's path is ``file:line``, so that each bad row is recorded as its own rejection.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from khabar.document import Rejection
from khabar.sources.base import RawRecord, max_document_bytes
from khabar.sources.feeds import feed_date

if TYPE_CHECKING:
    from khabar.pipeline import Options

DEFAULT_FIELDS = {
    "text_field": "text",
    "html_field": "html",
    "url_field": "url",
    "title_field": "title",
    "date_field": "date",
}


def field_map(options: Options | None, kind: str) -> dict[str, str]:
    """The field names for ``kind`` (jsonl or csv): defaults, then the settings table."""
    cfg = options.for_step(kind) if options is not None else {}
    return {key: str(cfg.get(key, default)) for key, default in DEFAULT_FIELDS.items()}


def read_table(
    kind: str, stream: IO[bytes], origin: str, *, options: Options | None = None,
    path: str | None = None,
) -> Iterator[RawRecord]:
    fields = field_map(options, kind)
    limit = max_document_bytes(options)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    rows = _jsonl_rows(text) if kind == "jsonl" else _csv_rows(text)
    try:
        for line, row in rows:
            where = f"{origin} line {line}"
            if isinstance(row, str):
                yield _failed(kind, _at(path or origin, line), "E102", f"{where}: {row}")
                continue
            record = row_record(kind, row, fields, where, limit, path)
            if record.error is not None:
                record.path = _at(path or origin, line)
            yield record
    except (OSError, EOFError, csv.Error) as exc:
        yield _failed(kind, path, "E102", f"{origin}: reading stopped: {exc}")


def _jsonl_rows(text: IO[str]) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not valid JSON ({exc.msg})"
            continue
        yield number, value if isinstance(value, dict) else "not a JSON object"


def _csv_rows(text: IO[str]) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    head = text.readline()
    dialect = "excel-tab" if head.count("\t") > head.count(",") else "excel"
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(_chain(head, text), dialect=dialect)
    for row in reader:
        yield reader.line_num, row


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def lookup(row: Mapping[str, Any], name: str) -> str:
    """A field's value as text; ``a.b`` reaches into nested objects; '' when absent."""
    value: Any = row
    for part in name.split(".") if name else []:
        if not isinstance(value, Mapping):
            return ""
        value = value.get(part)
    if value is None or isinstance(value, Mapping | list):
        return ""
    return str(value)


def row_record(
    kind: str, row: Mapping[str, Any], fields: dict[str, str], where: str, limit: int,
    path: str | None,
) -> RawRecord:
    html = lookup(row, fields["html_field"])
    body = html or lookup(row, fields["text_field"])
    if not body.strip():
        names = f"{fields['text_field']!r} or {fields['html_field']!r}"
        return _failed(kind, path, "E103", f"{where}: no {names} field with text")
    data = body.encode("utf-8")
    if len(data) > limit:
        return _failed(kind, path, "E106", f"{where}: larger than {limit:,} bytes")
    content_type = "text/html" if html else "text/plain"
    meta = {"title": lookup(row, fields["title_field"]).strip()}
    date = lookup(row, fields["date_field"]).strip()
    if date:
        meta.update(published=feed_date(date) or date, published_source=kind)
    url = lookup(row, fields["url_field"]).strip() or None
    return RawRecord(data, kind, url=url, path=path, meta=meta,
                     headers={"Content-Type": f"{content_type}; charset=utf-8"})


def _at(where: str, line: int) -> str:
    """``file:line``: where a failed row is (its rejection's own key)."""
    return f"{where}:{line}"


def _failed(kind: str, path: str | None, code: str, reason: str) -> RawRecord:
    return RawRecord(b"", kind, path=path, error=Rejection(code, reason, "read"))
