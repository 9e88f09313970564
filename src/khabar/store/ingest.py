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
from typing import Any, Literal

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from khabar.document import Document, Event
from khabar.store import rows, schema, search
from khabar.store.schema import documents, entities, events, ingest_runs, outlets, rejections
from khabar.store.terms import index_terms

Outcome = Literal["inserted", "updated", "unchanged", "rejected"]

# Statements built once, so SQLAlchemy compiles and caches them once.
_FIND = select(documents.c.key, documents.c.id, documents.c.content_hash,
               documents.c.pipeline_version).where(
    documents.c.key.in_(bindparam("keys", expanding=True)))
_INSERT_DOCUMENT = insert(documents).returning(documents.c.id, sort_by_parameter_order=True)
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("pk"))
_INSERT_EVENT = insert(events).returning(events.c.id, sort_by_parameter_order=True)


def _insert_rows(conn: Connection, table: Table, batch: list[dict[str, object]]) -> None:
    """``INSERT`` many child rows. On SQLite, when every row has the same keys and the driver
    needs no value conversion, the rows go to the driver's ``executemany`` as tuples (the
    same statement SQLAlchemy would run, without its per-row parameter processing)."""
    batch = rows.fit(table, batch)
    sql_order = _plain_insert(conn, table, tuple(batch[0])) if search.is_sqlite(conn) else None
    if sql_order is None or any(len(row) != len(sql_order[1]) for row in batch):
        conn.execute(insert(table), batch)
        return
    sql, order, procs = sql_order
    try:
        if procs:
            columns = [(k, procs.get(k)) for k in order]
            params = [tuple([f(row[k]) if f else row[k] for k, f in columns]) for row in batch]
        else:
            params = [tuple([row[k] for k in order]) for row in batch]
    except KeyError:  # rows with differing keys: SQLAlchemy fills their defaults
        conn.execute(insert(table), batch)
        return
    conn.exec_driver_sql(sql, params)


_Plain = tuple[str, tuple[str, ...], dict[str, Any]]
_PLAIN: dict[tuple[str, str, tuple[str, ...]], _Plain | None] = {}


def _plain_insert(conn: Connection, table: Table, keys: tuple[str, ...]) -> _Plain | None:
    """(SQL, parameter order, the driver-side value conversions SQLAlchemy would apply) of a
    positional INSERT of exactly ``keys``, or None."""
    cache_key = (conn.dialect.name, table.name, keys)
    if cache_key not in _PLAIN:
        compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(keys))
        order = tuple(compiled.positiontup or ())
        procs = {k: f for k, f in compiled._bind_processors.items() if callable(f)}
        plain = (set(order) == set(keys) and len(order) == len(keys)
                 and len(procs) == len(compiled._bind_processors))
        _PLAIN[cache_key] = (compiled.string, order, procs) if plain else None
    return _PLAIN[cache_key]


def _search_texts(doc: Document) -> list[str]:
    """What the search index sees: the text, entity names, and the title when not in the text."""
    texts = [doc.text, *(e.name for e in doc.entities)]
    title = doc.meta.title or ""
    if title and title not in doc.text:
        texts.append(title)
    return texts


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
    examples: dict[str, str] = field(default_factory=dict)  # first reason seen per code

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

    def write_batch(self, docs: list[Document]) -> list[Outcome]:
        """Write a batch of documents (inside the caller's transaction); one outcome each."""
        outcomes: list[Outcome] = []
        found = self._find([rows.document_key(d) for d in docs if d.rejected is None])
        todo: list[tuple[Document, int | None]] = []
        pending: set[str] = set()
        for doc in docs:
            if doc.rejected is not None:
                self._reject(doc)
                outcomes.append("rejected")
                continue
            key = rows.document_key(doc)
            if key in pending:  # the same document twice in one batch: write the first
                self._flush(todo)
                todo, pending = [], set()
                found.update(self._find([key]))
            prev = found.get(key)
            if prev is not None and prev[1:] == (doc.meta.content_hash, self.version):
                outcomes.append("unchanged")
                continue
            todo.append((doc, prev[0] if prev is not None else None))
            pending.add(key)
            outcomes.append("inserted" if prev is None else "updated")
        self._flush(todo)
        return outcomes

    def _find(self, keys: list[str]) -> dict[str, tuple[int, str | None, str]]:
        out: dict[str, tuple[int, str | None, str]] = {}
        for i in range(0, len(keys), 500):
            for row in self.conn.execute(_FIND, {"keys": keys[i : i + 500]}):
                out[row.key] = (int(row.id), row.content_hash, row.pipeline_version)
        return out

    def _flush(self, todo: list[tuple[Document, int | None]]) -> None:
        if not todo:
            return
        stamp = now_iso()
        pks: list[int] = [0] * len(todo)
        new_rows: list[dict[str, object]] = []
        new_at: list[int] = []
        for i, (doc, pk) in enumerate(todo):
            row = rows.document_row(doc, pipeline_version=self.version, now=stamp)
            row["outlet_id"] = self._outlet(rows.outlet_name(doc))
            row["run_id"] = self.run_id
            if pk is None:
                row["ingested_at"] = stamp
                new_rows.append(row)
                new_at.append(i)
            else:
                self._clear_children(pk)
                self.conn.execute(_UPDATE_DOCUMENT, {**rows.fit(documents, [row])[0], "pk": pk})
                pks[i] = pk
        if new_rows:
            inserted = self.conn.execute(_INSERT_DOCUMENT, rows.fit(documents, new_rows))
            for i, pk in zip(new_at, inserted.scalars(), strict=True):
                pks[i] = int(pk)
        self._write_children([(doc, pk) for (doc, _), pk in zip(todo, pks, strict=True)])

    def _clear_children(self, doc_pk: int) -> None:
        event_ids = select(events.c.id).where(events.c.doc_id == doc_pk).scalar_subquery()
        for part in (schema.event_actors, schema.event_attributions, schema.event_mentions):
            self.conn.execute(delete(part).where(part.c.event_id.in_(event_ids)))
        for table in (events, schema.mentions, schema.document_entities, schema.blocks):
            self.conn.execute(delete(table).where(table.c.doc_id == doc_pk))
        search.remove(self.conn, doc_pk)

    def _write_children(self, written: list[tuple[Document, int]]) -> None:
        self._entities([doc for doc, _ in written])
        out: dict[str, list[dict[str, object]]] = {
            "blocks": [], "document_entities": [], "mentions": []}
        event_rows: list[dict[str, object]] = []
        event_of: list[tuple[Event, dict[str, int]]] = []
        terms: list[tuple[int, list[str]]] = []
        for doc, pk in written:
            ids = {e.id: self._entity_ids[rows.entity_key(e)] for e in doc.entities}
            out["blocks"] += rows.block_rows(doc, pk)
            out["document_entities"] += rows.document_entity_rows(doc, pk, ids)
            out["mentions"] += rows.mention_rows(doc, pk, ids)
            for ev in doc.events:
                event_rows.append(rows.event_row(doc, pk, ev, ids))
                event_of.append((ev, ids))
            terms.append((pk, index_terms(_search_texts(doc))))
        for name, batch in out.items():
            if batch:
                _insert_rows(self.conn, schema.metadata.tables[name], batch)
        if event_rows:
            self._events(event_rows, event_of)
        search.add_many(self.conn, terms)

    def _events(self, event_rows: list[dict[str, object]],
                event_of: list[tuple[Event, dict[str, int]]]) -> None:
        parts: dict[str, list[dict[str, object]]] = {}
        event_pks = self.conn.execute(_INSERT_EVENT, rows.fit(events, event_rows)).scalars()
        for (ev, ids), event_pk in zip(event_of, event_pks, strict=True):
            for name, batch in rows.event_part_rows(ev, int(event_pk), ids).items():
                parts.setdefault(name, []).extend(batch)
        for name, batch in parts.items():
            if batch:
                _insert_rows(self.conn, schema.metadata.tables[name], batch)

    def _entities(self, docs: list[Document]) -> None:
        """Make sure every entity of ``docs`` has a global id, creating the new ones."""
        by_key = {rows.entity_key(e): e for doc in docs for e in doc.entities}
        missing = [k for k in by_key if k not in self._entity_ids]
        if missing:
            self._load_entities(missing)
            new = [rows.entity_row(by_key[k]) for k in missing if k not in self._entity_ids]
            if new:
                self.conn.execute(_insert_ignore(self.conn, entities), rows.fit(entities, new))
                self._load_entities([r["key"] for r in new])

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
        self.refuse(doc, doc.rejected.code, doc.rejected.reason, doc.rejected.step)

    def refuse(self, doc: Document, code: str, reason: str, step: str = "store") -> None:
        """Record ``doc`` as a rejected input with ``code`` and ``reason``."""
        meta = doc.meta
        key = rows.bounded_key(meta.url or meta.path or rows.document_key(doc))
        row = {"key": key, "run_id": self.run_id, "path": meta.path, "url": meta.url,
               "code": code, "reason": reason[:2000], "step": step, "at": now_iso()}
        stmt = _upsert(self.conn, rejections, rows.fit(rejections, [row])[0])
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
