"""Idempotent ingest: each document is inserted, updated in place, or left unchanged.

A document's identity is :func:`~khabar.store.rows.document_key`. Unchanged means the same
content hash and pipeline version; otherwise an existing row keeps its id and its child rows
are rewritten. Documents are written inside a transaction that commits every ``batch_size``
documents together with the run's counts, so a process killed at any point leaves the last
committed batch and its counts, and a rerun finds the committed documents unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from khabar.document import Document
from khabar.store import rows, schema, search
from khabar.store.schema import documents, entities, events, ingest_runs, outlets, rejections
from khabar.store.terms import index_terms

Outcome = Literal["inserted", "updated", "unchanged", "rejected"]

# Statements built once, so SQLAlchemy compiles and caches them once.
_FIND = select(documents.c.id, documents.c.content_hash, documents.c.pipeline_version).where(
    documents.c.key == bindparam("k"))
_INSERT_DOCUMENT = insert(documents).returning(documents.c.id)
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("pk"))
_INSERT_EVENT = insert(events).returning(events.c.id)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class IngestReport:
    """Counts and timing of one ingest run."""

    run_id: int = 0
    seen: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    pipeline_seconds: float = 0.0
    storage_seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> None:
        self.seen += 1
        setattr(self, outcome, getattr(self, outcome) + 1)

    def as_row(self) -> dict[str, float | int]:
        return {k: getattr(self, k) for k in ("seen", "inserted", "updated", "unchanged",
                                              "rejected", "pipeline_seconds", "storage_seconds")}


class Writer:
    """Writes documents through one connection; caches global ids of entities and outlets."""

    def __init__(self, conn: Connection, pipeline_version: str, run_id: int | None) -> None:
        self.conn = conn
        self.version = pipeline_version
        self.run_id = run_id
        self._entity_ids: dict[str, int] = {}
        self._outlet_ids: dict[str, int] = {}

    def forget(self) -> None:
        """Drop cached ids (after a rollback they may name rows that no longer exist)."""
        self._entity_ids.clear()
        self._outlet_ids.clear()

    def write(self, doc: Document) -> Outcome:
        if doc.rejected is not None:
            self._reject(doc)
            return "rejected"
        key = rows.document_key(doc)
        found = self.conn.execute(_FIND, {"k": key}).first()
        if found is not None and (found.content_hash, found.pipeline_version) == (
            doc.meta.content_hash, self.version
        ):
            return "unchanged"
        stamp = now_iso()
        row = rows.document_row(doc, pipeline_version=self.version, now=stamp)
        row["outlet_id"] = self._outlet(rows.outlet_name(doc))
        row["run_id"] = self.run_id
        if found is None:
            row["ingested_at"] = stamp
            doc_pk = int(self.conn.execute(_INSERT_DOCUMENT, row).scalar_one())
        else:
            doc_pk = int(found.id)
            self._clear_children(doc_pk)
            self.conn.execute(_UPDATE_DOCUMENT, {**row, "pk": doc_pk})
        self._write_children(doc, doc_pk)
        return "inserted" if found is None else "updated"

    def _clear_children(self, doc_pk: int) -> None:
        event_ids = select(events.c.id).where(events.c.doc_id == doc_pk).scalar_subquery()
        for part in (schema.event_actors, schema.event_attributions, schema.event_mentions):
            self.conn.execute(delete(part).where(part.c.event_id.in_(event_ids)))
        for table in (events, schema.mentions, schema.document_entities, schema.blocks):
            self.conn.execute(delete(table).where(table.c.doc_id == doc_pk))
        search.remove(self.conn, doc_pk)

    def _write_children(self, doc: Document, doc_pk: int) -> None:
        ids = self._entities(doc)
        for table, batch in (
            (schema.blocks, rows.block_rows(doc, doc_pk)),
            (schema.document_entities, rows.document_entity_rows(doc, doc_pk, ids)),
            (schema.mentions, rows.mention_rows(doc, doc_pk, ids)),
        ):
            if batch:
                self.conn.execute(insert(table), batch)
        self._events(doc, doc_pk, ids)
        title = doc.meta.title or ""
        texts = [doc.text, *(e.name for e in doc.entities)]
        if title and title not in doc.text:
            texts.append(title)
        search.add(self.conn, doc_pk, index_terms(texts))

    def _events(self, doc: Document, doc_pk: int, ids: dict[str, int]) -> None:
        for ev in doc.events:
            event_pk = int(self.conn.execute(_INSERT_EVENT, rows.event_row(doc, doc_pk, ev, ids))
                           .scalar_one())
            for name, batch in rows.event_part_rows(ev, event_pk, ids).items():
                if batch:
                    self.conn.execute(insert(schema.metadata.tables[name]), batch)

    def _entities(self, doc: Document) -> dict[str, int]:
        """Global ids of the document's entities, creating the ones not stored yet."""
        by_key = {rows.entity_key(e): e for e in doc.entities}
        missing = [k for k in by_key if k not in self._entity_ids]
        if missing:
            self._load_entities(missing)
            new = [rows.entity_row(by_key[k]) for k in missing if k not in self._entity_ids]
            if new:
                self.conn.execute(_insert_ignore(self.conn, entities), new)
                self._load_entities([r["key"] for r in new])
        return {e.id: self._entity_ids[k] for k, e in by_key.items() if k in self._entity_ids}

    def _load_entities(self, keys: list[str]) -> None:
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            query = select(entities.c.key, entities.c.id).where(entities.c.key.in_(chunk))
            for key, pk in self.conn.execute(query):
                self._entity_ids[key] = int(pk)

    def _outlet(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._outlet_ids:
            self.conn.execute(_insert_ignore(self.conn, outlets).values(name=name))
            pk = self.conn.execute(select(outlets.c.id).where(outlets.c.name == name)).scalar_one()
            self._outlet_ids[name] = int(pk)
        return self._outlet_ids[name]

    def _reject(self, doc: Document) -> None:
        assert doc.rejected is not None
        meta = doc.meta
        key = meta.url or meta.path or rows.document_key(doc)
        row = {"key": key, "run_id": self.run_id, "path": meta.path, "url": meta.url,
               "code": doc.rejected.code, "reason": doc.rejected.reason[:2000],
               "step": doc.rejected.step, "at": now_iso()}
        stmt = _upsert(self.conn, rejections, row)
        self.conn.execute(stmt)


def _insert_ignore(conn: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    return postgresql.insert(table).on_conflict_do_nothing()


def _upsert(
    conn: Connection, table: Table, row: Mapping[str, object]
) -> postgresql.Insert | sqlite.Insert:
    changes = {k: v for k, v in row.items() if k != "key"}
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table).values(row).on_conflict_do_update(
            index_elements=["key"], set_=changes)
    return postgresql.insert(table).values(row).on_conflict_do_update(
        index_elements=["key"], set_=changes)


def timed(docs: Iterable[Document], report: IngestReport) -> Iterator[Document]:
    """Yield ``docs``, adding the time spent producing them to ``report.pipeline_seconds``."""
    it = iter(docs)
    while True:
        start = time.perf_counter()
        try:
            doc = next(it)
        except StopIteration:
            report.pipeline_seconds += time.perf_counter() - start
            return
        report.pipeline_seconds += time.perf_counter() - start
        yield doc


def start_run(conn: Connection, version: str, sources: str) -> int:
    row = {"started_at": now_iso(), "status": "running", "pipeline_version": version,
           "sources": sources[:4000]}
    return int(conn.execute(insert(ingest_runs).values(row).returning(ingest_runs.c.id))
               .scalar_one())


def save_run(conn: Connection, report: IngestReport, status: str | None = None) -> None:
    values: dict[str, object] = dict(report.as_row())
    if status is not None:
        values["status"] = status
        values["finished_at"] = now_iso()
    conn.execute(update(ingest_runs).where(ingest_runs.c.id == report.run_id).values(values))


Progress = Callable[[Document, Outcome], None]
