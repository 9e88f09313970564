"""Events as JSONL (nested), CSV and Parquet (flat), documents as JSONL (the Document form)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from khabar.errors import ConfigError
from khabar.store import Store
from khabar.store.jsonform import read_stored
from khabar.store.queries import Filters, Record, iter_events
from khabar.store.schema import documents

FORMATS = ("jsonl", "csv", "parquet", "gdelt")

# Flat event columns (CSV, Parquet) and their Arrow types.
FLAT_COLUMNS: dict[str, str] = {
    "event_id": "int64", "doc_key": "string", "url": "string", "outlet": "string",
    "language": "string", "title": "string", "type": "string", "mode": "string",
    "subtype": "string", "cameo_code": "string", "cameo_root": "string",
    "quad_class": "int64", "goldstein": "float64",
    "actors": "string", "actor_kb_ids": "string", "actor_countries": "string",
    "recipients": "string", "recipient_kb_ids": "string", "recipient_countries": "string",
    "place": "string", "time_text": "string", "time_value": "string",
    "time_precision": "string", "day": "string", "killed": "int64", "injured": "int64",
    "modality": "string", "unconfirmed": "bool_", "sources": "string",
    "evidence": "string", "sentence": "int64", "confidence": "float64",
}


def _join(items: Iterable[Any]) -> str:
    return "; ".join(str(i) for i in items if i)


def flat(record: Record) -> dict[str, Any]:
    """One event as a flat row of :data:`FLAT_COLUMNS` (lists joined with ``; ``)."""
    actors, recipients = record["actors"], record["recipients"]
    row = {k: record.get(k) for k in FLAT_COLUMNS}
    row.update(
        event_id=record["id"], place=record.get("place_text"),
        actors=_join(a["name"] for a in actors),
        actor_kb_ids=_join(a["kb_id"] for a in actors),
        actor_countries=_join(a["country"] for a in actors),
        recipients=_join(a["name"] for a in recipients),
        recipient_kb_ids=_join(a["kb_id"] for a in recipients),
        recipient_countries=_join(a["country"] for a in recipients),
        sources=_join(s["name"] or s["cue"] for s in record["sources"]),
        unconfirmed=bool(record.get("unconfirmed")),
    )
    return row


def nested(record: Record) -> dict[str, Any]:
    """One event for JSONL: its fields with actors, recipients, sources and evidence spans."""
    out = {k: v for k, v in record.items() if k not in ("doc_id", "ingested_at", "doc_length")}
    out["unconfirmed"] = bool(out.get("unconfirmed"))
    if out.get("casualties_approximate") is not None:
        out["casualties_approximate"] = bool(out["casualties_approximate"])
    return out


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=list(FLAT_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_parquet(rows: Iterable[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in FLAT_COLUMNS.items()])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def export_events(store: Store, fmt: str, out: Path | None, filters: Filters,
                  stdout: IO[str] | None = None) -> dict[str, int]:
    """Write the events matching ``filters``; returns rows written per file."""
    records = iter_events(store, filters)
    if fmt == "gdelt":
        from khabar.export.gdelt import write_gdelt

        if out is None:
            raise ConfigError("the gdelt format needs --out PREFIX (two files are written)")
        return write_gdelt(store, records, out)
    if fmt == "parquet":
        if out is None:
            raise ConfigError("the parquet format needs --out FILE")
        return {str(out): write_parquet(map(flat, records), out)}
    if fmt not in ("jsonl", "csv"):
        raise ConfigError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    with _open(out, stdout) as fh:
        if fmt == "jsonl":
            n = write_jsonl(map(nested, records), fh)
        else:
            n = write_csv(map(flat, records), fh)
    return {str(out or "-"): n}


def export_documents_jsonl(store: Store, out: Path | None, stdout: IO[str] | None = None,
                           chunk: int = 500) -> dict[str, int]:
    """Every stored Document in its JSON form, one a line (``Document.from_json`` reads it)."""
    with _open(out, stdout) as fh:
        n = write_jsonl(_documents(store, chunk), fh)
    return {str(out or "-"): n}


def _documents(store: Store, chunk: int) -> Iterator[dict[str, Any]]:
    last = 0
    while True:
        with store.engine.connect() as conn:
            page = conn.execute(
                select(documents.c.id, documents.c.doc_json, documents.c.tokens_json)
                .where(documents.c.id > last).order_by(documents.c.id).limit(chunk)
            ).all()
        for pk, text, tokens in page:
            yield read_stored(text, tokens).to_dict()
            last = int(pk)
        if len(page) < chunk:
            return


class _open:
    """A text file to write, or the given stream (stdout) left open."""

    def __init__(self, path: Path | None, stream: IO[str] | None) -> None:
        self.path, self.stream = path, stream
        self.fh: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path is None:
            if self.stream is None:
                import sys

                return sys.stdout
            return self.stream
        self.fh = self.path.open("w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()
