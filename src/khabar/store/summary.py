"""Summaries of a store: top entities, co-occurring entities, counts for ``khabar stats``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, desc, func, select

from khabar.store.queries import entity_ids
from khabar.store.schema import (
    document_entities,
    documents,
    entities,
    events,
    ingest_runs,
    mentions,
    outlets,
    rejections,
)
from khabar.store.store import Store

Record = dict[str, Any]


def top_entities(store: Store, *, limit: int = 20, type_: str | None = None) -> list[Record]:
    """Entities by the number of documents that mention them."""
    n_docs = func.count(document_entities.c.doc_id).label("documents")
    n_mentions = func.sum(document_entities.c.n_mentions).label("mentions")
    query = (
        select(entities.c.id, entities.c.name, entities.c.name_hi, entities.c.kb_id,
               entities.c.type, entities.c.country, n_docs, n_mentions)
        .join(document_entities, document_entities.c.entity_id == entities.c.id)
        .group_by(entities.c.id)
        .order_by(desc("documents"), entities.c.name)
        .limit(limit)
    )
    if type_:
        query = query.where(entities.c.type == type_)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def cooccurring(store: Store, entity: str, *, limit: int = 20) -> list[Record]:
    """Entities found in the same documents as ``entity`` (id, KB id or name)."""
    target = entity_ids(entity)
    docs = select(document_entities.c.doc_id).where(document_entities.c.entity_id.in_(target))
    shared = func.count(func.distinct(document_entities.c.doc_id)).label("documents")
    query = (
        select(entities.c.id, entities.c.name, entities.c.kb_id, entities.c.type,
               entities.c.country, shared)
        .join(document_entities, document_entities.c.entity_id == entities.c.id)
        .where(document_entities.c.doc_id.in_(docs), entities.c.id.not_in(target))
        .group_by(entities.c.id)
        .order_by(desc("documents"), entities.c.name)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _grouped(conn: Connection, column: Any, *, limit: int = 20) -> dict[str, int]:
    n = func.count().label("n")
    rows = conn.execute(select(column, n).group_by(column).order_by(desc("n")).limit(limit))
    return {str(k) if k is not None else "-": int(v) for k, v in rows}


def stats(store: Store) -> Record:
    """Counts of every kind of row, breakdowns, and the latest ingest runs."""
    with store.engine.connect() as conn:
        out: Record = {
            "backend": store.backend,
            "database": store.engine.url.render_as_string(hide_password=True),
            "counts": {t.name: _count(conn, t) for t in (
                documents, entities, mentions, events, outlets, rejections, ingest_runs)},
            "languages": _grouped(conn, documents.c.language),
            "event_types": _grouped(conn, events.c.type),
            "modalities": _grouped(conn, events.c.modality),
            "rejection_codes": _grouped(conn, rejections.c.code),
            "pipeline_versions": _grouped(conn, documents.c.pipeline_version),
        }
        by_outlet = (select(outlets.c.name, func.count(documents.c.id).label("n"))
                     .join(documents, documents.c.outlet_id == outlets.c.id)
                     .group_by(outlets.c.name).order_by(desc("n")).limit(20))
        out["outlets"] = {str(k): int(v) for k, v in conn.execute(by_outlet)}
        days = select(func.min(documents.c.published_day), func.max(documents.c.published_day))
        first, last = conn.execute(days).one()
        out["published"] = {"first": first, "last": last}
        runs = select(ingest_runs).order_by(ingest_runs.c.id.desc()).limit(5)
        out["runs"] = [dict(r._mapping) for r in conn.execute(runs)]
    return out
