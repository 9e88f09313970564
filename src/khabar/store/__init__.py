"""7. Store: documents, entities and events in SQLite (default) or PostgreSQL, searchable.

``Store.open(db)`` opens (creating and migrating) a database: a path for SQLite, a
``postgresql://`` URL for PostgreSQL. ``store.ingest(docs, pipeline_version=...)`` is
idempotent; :mod:`khabar.store.queries` answers searches and filtered event queries.
"""

from __future__ import annotations

from khabar.store.engine import DEFAULT_DB, resolve_url
from khabar.store.ingest import IngestReport
from khabar.store.store import Store

__all__ = ["DEFAULT_DB", "IngestReport", "Store", "resolve_url"]
