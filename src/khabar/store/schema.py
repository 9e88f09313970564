"""The one relational schema of the store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Documents are keyed by ``key`` (the canonical URL, else the URL, else ``sha256:<content hash>``).
Entities are global rows keyed by their knowledge-base id when they have one, else by type and
name; ``document_entities`` maps a document's local entity ids to them. Every field of the
Document model has a column or a child table; ``documents.doc_json`` keeps the JSON form (its
tokens, most of its bulk, as compact rows in ``tokens_json``) so a stored document reads back
equal to what was ingested (:func:`khabar.store.jsonform.read_stored`).

The full-text index is not in this metadata: it is back-end specific (an FTS5 table on SQLite,
a tsvector column on PostgreSQL) and created by the migrations; see :mod:`khabar.store.search`.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# 64-bit ids on PostgreSQL; INTEGER (the rowid alias) on SQLite.
Id = BigInteger().with_variant(Integer(), "sqlite")


def _doc_fk() -> Column[int]:
    return Column("doc_id", Id, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


def _event_fk() -> Column[int]:
    return Column("event_id", Id, ForeignKey("events.id", ondelete="CASCADE"), nullable=False)


outlets = Table(
    "outlets", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("status", String(16), nullable=False),  # running | done | failed
    Column("pipeline_version", String(100), nullable=False),
    Column("sources", Text, nullable=False, default=""),
    Column("seen", Integer, nullable=False, default=0),
    Column("inserted", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("pipeline_seconds", Float, nullable=False, default=0.0),
    Column("storage_seconds", Float, nullable=False, default=0.0),
)

documents = Table(
    "documents", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("key", String(2048), nullable=False, unique=True),
    Column("doc_id", String(64), nullable=False),
    Column("outlet_id", Id, ForeignKey("outlets.id")),
    Column("run_id", Id, ForeignKey("ingest_runs.id")),
    Column("source_kind", String(32)),
    Column("path", Text),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("content_hash", String(64), index=True),
    Column("raw_hash", String(64), index=True),  # of the input bytes; revision 0003
    Column("fetched_at", String(40)),
    Column("content_type", String(200)),
    Column("encoding", String(64)),
    Column("language", String(16), index=True),
    Column("language_score", Float),
    Column("title", Text),
    Column("section", String(300)),
    Column("authors", Text),  # JSON list
    Column("site_name", String(300)),
    Column("published", String(40)),
    Column("published_day", String(10), index=True),
    Column("published_source", String(64)),
    Column("published_confidence", Float),
    Column("text", Text, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("has_errors", Boolean, nullable=False, default=False),
    Column("pipeline_version", String(100), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("doc_json", Text, nullable=False),
    Column("tokens_json", Text),  # added in revision 0002
    Column("ingested_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)
Index("ix_documents_outlet_day", documents.c.outlet_id, documents.c.published_day)

blocks = Table(
    "blocks", metadata,
    _doc_fk(),
    Column("idx", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("lang", String(16)),
    Column("lang_score", Float),
    UniqueConstraint("doc_id", "idx"),
)

entities = Table(
    "entities", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("key", String(600), nullable=False, unique=True),
    Column("kb_id", String(64), index=True),
    Column("type", String(32), nullable=False),
    Column("name", String(500), nullable=False, index=True),
    Column("name_hi", String(500), index=True),
    Column("country", String(8), index=True),
    Column("name_key", String(500), index=True),
)

document_entities = Table(
    "document_entities", metadata,
    _doc_fk(),
    Column("local_id", String(64), nullable=False),
    Column("entity_id", Id, ForeignKey("entities.id"), nullable=False, index=True),
    Column("name", String(500), nullable=False),
    Column("name_hi", String(500)),
    Column("type", String(32), nullable=False),
    Column("country", String(8)),
    Column("score", Float, nullable=False, default=0.0),
    Column("n_mentions", Integer, nullable=False, default=0),
    UniqueConstraint("doc_id", "local_id"),
)

mentions = Table(
    "mentions", metadata,
    _doc_fk(),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String(500), nullable=False),
    Column("label", String(32), nullable=False),
    Column("local_entity", String(64)),
    Column("entity_id", Id, ForeignKey("entities.id"), index=True),
    Column("score", Float, nullable=False, default=1.0),
    Column("source", String(64), nullable=False, default=""),
    UniqueConstraint("doc_id", "idx"),
)

events = Table(
    "events", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("local_id", String(64), nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", String(64)),
    Column("subtype", String(64)),
    Column("cameo_code", String(8)),
    Column("cameo_root", String(4)),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("place_text", String(500)),
    Column("place_local_entity", String(64)),
    Column("place_entity_id", Id, ForeignKey("entities.id")),
    Column("place_start", Integer),
    Column("place_end", Integer),
    Column("time_text", String(500)),
    Column("time_value", String(40)),
    Column("time_precision", String(16)),
    Column("time_anchor", String(40)),
    Column("time_start", Integer),
    Column("time_end", Integer),
    Column("day", String(10), index=True),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("casualties_approximate", Boolean),
    Column("modality", String(16), nullable=False, index=True),
    Column("unconfirmed", Boolean, nullable=False, default=False),
    Column("confidence", Float, nullable=False, default=0.0),
    UniqueConstraint("doc_id", "local_id"),
)

event_actors = Table(
    "event_actors", metadata,
    _event_fk(),
    Column("role", String(16), nullable=False),  # actor | recipient
    Column("position", Integer, nullable=False),
    Column("local_entity", String(64), nullable=False),
    Column("entity_id", Id, ForeignKey("entities.id"), index=True),
    UniqueConstraint("event_id", "role", "position"),
)

event_attributions = Table(
    "event_attributions", metadata,
    _event_fk(),
    Column("idx", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # named | unnamed
    Column("cue", String(500), nullable=False),
    Column("local_entity", String(64)),
    Column("source_entity_id", Id, ForeignKey("entities.id"), index=True),
    Column("start", Integer),
    Column("end", Integer),
    UniqueConstraint("event_id", "idx"),
)

event_mentions = Table(
    "event_mentions", metadata,
    _event_fk(),
    Column("idx", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    UniqueConstraint("event_id", "idx"),
)

rejections = Table(
    "rejections", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("key", String(2048), nullable=False, unique=True),
    Column("run_id", Id, ForeignKey("ingest_runs.id")),
    Column("path", Text),
    Column("url", Text),
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("step", String(64), nullable=False, default=""),
    Column("at", String(32), nullable=False),
)

# Child tables emptied and rewritten when a document is updated in place.
DOCUMENT_CHILDREN = (blocks, document_entities, mentions, events)
