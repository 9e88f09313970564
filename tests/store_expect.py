"""Row counts a store must hold for a list of Documents, computed from the Documents alone."""

from __future__ import annotations

from sqlalchemy import func, select

from khabar.document import Document
from khabar.store import Store
from khabar.store.schema import metadata


def expected_counts(docs: list[Document]) -> dict[str, int]:
    kept: dict[str, Document] = {}
    for doc in docs:
        if doc.rejected is None:
            from khabar.store.rows import document_key

            kept.setdefault(document_key(doc), doc)
    ds = list(kept.values())
    events = [e for d in ds for e in d.events]
    return {
        "documents": len(ds),
        "blocks": sum(len(d.blocks) for d in ds),
        "mentions": sum(len(d.mentions) for d in ds),
        "document_entities": sum(len(d.entities) for d in ds),
        "events": len(events),
        "event_actors": sum(len(e.actors) + len(e.recipients) for e in events),
        "event_attributions": sum(len(e.attributions) for e in events),
        "event_mentions": sum(len(e.evidence) for e in events),
    }


def table_counts(store: Store) -> dict[str, int]:
    names = ["documents", "blocks", "mentions", "document_entities", "events", "event_actors",
             "event_attributions", "event_mentions", "entities", "rejections"]
    with store.engine.connect() as conn:
        out = {n: int(conn.execute(select(func.count()).select_from(metadata.tables[n]))
                      .scalar_one()) for n in names}
        index = "search_fts" if store.backend == "sqlite" else "search_index"
        out["search"] = int(conn.exec_driver_sql(f"SELECT count(*) FROM {index}").scalar_one())
    return out
