"""The full-text index, one interface over SQLite FTS5 and PostgreSQL tsvector.

Both back ends receive terms khabar made itself (:mod:`khabar.store.terms`): SQLite stores them
space-separated in an FTS5 table with the ``ascii`` tokenizer (every non-ASCII character is a
token character, so a Devanagari word stays one token); PostgreSQL gets them through
``array_to_tsvector``, which takes lexemes as they are, without the text-search parser, so the
result does not depend on the server's locale. Queries are built from quoted terms only.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, TSVECTOR

from khabar.store.terms import QueryWord

_meta = MetaData()
fts = Table(
    "search_fts", _meta, Column("rowid", Integer, primary_key=True), Column("terms", String),
)
pg_index = Table(
    "search_index", _meta,
    Column("doc_id", Integer, primary_key=True), Column("tsv", TSVECTOR),
)


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def remove(conn: Connection, doc_pk: int) -> None:
    if is_sqlite(conn):
        conn.execute(delete(fts).where(fts.c.rowid == doc_pk))
    else:
        conn.execute(delete(pg_index).where(pg_index.c.doc_id == doc_pk))


_FTS_INSERT = insert(fts)
_pg_insert = postgresql.insert(pg_index).values(
    doc_id=bindparam("pk"),
    tsv=func.array_to_tsvector(bindparam("terms", type_=ARRAY(String))),
)
_PG_UPSERT = _pg_insert.on_conflict_do_update(
    index_elements=["doc_id"], set_={"tsv": _pg_insert.excluded.tsv})


def add_many(conn: Connection, items: list[tuple[int, list[str]]]) -> None:
    """Index documents: (row id, terms) pairs."""
    if not items:
        return
    if is_sqlite(conn):
        conn.execute(_FTS_INSERT, [{"rowid": pk, "terms": " ".join(t)} for pk, t in items])
    else:
        conn.execute(_PG_UPSERT, [{"pk": pk, "terms": t} for pk, t in items])


def _fts5_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _tsquery_quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def fts5_expression(words: list[QueryWord]) -> str:
    """An FTS5 MATCH expression: every word, each satisfied by any of its alternatives."""
    parts = []
    for word in words:
        alts = [_fts5_quote(a) for a in word.alternatives]
        parts.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


def tsquery_expression(words: list[QueryWord]) -> str:
    parts = []
    for word in words:
        alts = [_tsquery_quote(a) for a in word.alternatives]
        parts.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
    return " & ".join(parts)


def matching_ids(dialect: str, words: list[QueryWord]) -> ColumnElement[bool]:
    """A ``documents.id IN (...)`` condition for documents holding every query word."""
    from khabar.store.schema import documents

    if dialect == "sqlite":
        sub = select(fts.c.rowid).where(
            literal_column("search_fts").op("MATCH")(bindparam("q", fts5_expression(words)))
        )
    else:
        query = cast(bindparam("q", tsquery_expression(words)), TSQUERY)
        sub = select(pg_index.c.doc_id).where(pg_index.c.tsv.op("@@")(query))
    return documents.c.id.in_(sub)


def newest_matches(conn: Connection, words: list[QueryWord], limit: int,
                   offset: int = 0) -> list[int]:
    """SQLite: ids of the newest documents holding every query word, straight from FTS5."""
    if not words:
        return []
    query = (select(fts.c.rowid)
             .where(literal_column("search_fts").op("MATCH")(fts5_expression(words)))
             .order_by(fts.c.rowid.desc()).limit(limit).offset(offset))
    return [int(r) for r in conn.execute(query).scalars()]
