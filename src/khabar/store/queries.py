"""Searching documents and querying events with structured filters (both back ends)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    false,
    func,
    literal,
    or_,
    select,
    true,
)

from khabar.lang.translit import name_key
from khabar.store.schema import (
    documents,
    entities,
    event_actors,
    event_attributions,
    event_mentions,
    events,
    outlets,
)
from khabar.store.search import matching_ids, newest_matches
from khabar.store.store import Store
from khabar.store.terms import parse_query, words

Record = dict[str, Any]


@dataclass
class Filters:
    """Structured filters; every one that is set must hold."""

    text: str | None = None
    entity: str | None = None
    event_type: str | None = None
    mode: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    modality: str | None = None
    source: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    language: str | None = None
    limit: int = 50
    offset: int = 0
    after_id: int | None = None  # events by id after this one (stable paging for exports)


def entity_ids(value: str) -> Select[tuple[int]]:
    """Ids of entities named by ``value``: a KB id, a row id, a name (any script) or its key."""
    folded = value.strip().casefold()
    conds: list[ColumnElement[bool]] = [
        func.lower(entities.c.kb_id) == folded,
        func.lower(entities.c.name) == folded,
        entities.c.name_hi == value.strip(),
    ]
    key = name_key(value)
    if key:
        padded = literal(" ") + entities.c.name_key + literal(" ")
        conds.append(padded.contains(f" {key} ", autoescape=True))
    if value.strip().isdigit():
        conds.append(entities.c.id == int(value.strip()))
    return select(entities.c.id).where(or_(*conds))


def _outlet_cond(value: str) -> ColumnElement[bool]:
    ids = select(outlets.c.id).where(func.lower(outlets.c.name) == value.strip().casefold())
    return documents.c.outlet_id.in_(ids)


def document_conditions(conn: Connection, f: Filters) -> list[ColumnElement[bool]]:
    """Conditions on ``documents``: text, outlet, language, date range, entity mentioned."""
    from khabar.store.schema import document_entities

    conds: list[ColumnElement[bool]] = []
    if f.text:
        query_words = parse_query(f.text)
        conds.append(matching_ids(conn.dialect.name, query_words) if query_words else false())
    if f.outlet:
        conds.append(_outlet_cond(f.outlet))
    if f.language:
        conds.append(documents.c.language == f.language)
    if f.since:
        conds.append(documents.c.published_day >= f.since)
    if f.until:
        conds.append(documents.c.published_day <= f.until)
    if f.entity:
        docs = select(document_entities.c.doc_id).where(
            document_entities.c.entity_id.in_(entity_ids(f.entity)))
        conds.append(documents.c.id.in_(docs))
    return conds


def search(store: Store, f: Filters) -> list[Record]:
    """Documents matching the filters (``f.text`` is the full-text query), newest first."""
    with store.engine.connect() as conn:
        query = (
            select(documents.c.id, documents.c.key, documents.c.title, documents.c.language,
                   documents.c.published_day, outlets.c.name.label("outlet"),
                   func.substr(documents.c.text, 1, 2000).label("head"))
            .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
            .order_by(documents.c.id.desc())
        )
        only_text = f.text and not (f.outlet or f.language or f.since or f.until or f.entity)
        if only_text and conn.dialect.name == "sqlite":
            # FTS5 walks its posting lists newest first and stops at the limit.
            ids = newest_matches(conn, parse_query(f.text or ""), f.limit, f.offset)
            query = query.where(documents.c.id.in_(ids))
        else:
            query = query.where(and_(true(), *document_conditions(conn, f)))
            query = query.limit(f.limit).offset(f.offset)
        hits = [dict(r._mapping) for r in conn.execute(query)]
    for hit in hits:
        hit["snippet"] = snippet(hit.pop("head") or "", f.text or "")
    return hits


def snippet(text: str, query: str, width: int = 160) -> str:
    """A window of ``text`` around the first query word found in it."""
    pos = -1
    for word in words(query):
        pos = text.casefold().find(word)
        if pos >= 0:
            break
    start = max(0, pos - width // 3) if pos >= 0 else 0
    piece = " ".join(text[start : start + width].split())
    return ("…" if start else "") + piece


def _role_country(role: str, country: str) -> ColumnElement[bool]:
    sub = (select(event_actors.c.event_id)
           .join(entities, entities.c.id == event_actors.c.entity_id)
           .where(event_actors.c.role == role,
                  func.upper(entities.c.country) == country.strip().upper()))
    return events.c.id.in_(sub)


def _source_cond(value: str) -> ColumnElement[bool]:
    if value.strip().casefold() == "unnamed":
        sub = select(event_attributions.c.event_id).where(event_attributions.c.kind == "unnamed")
    else:
        sub = select(event_attributions.c.event_id).where(or_(
            event_attributions.c.source_entity_id.in_(entity_ids(value)),
            func.lower(event_attributions.c.cue) == value.strip().casefold(),
        ))
    return events.c.id.in_(sub)


def event_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """Conditions on ``events`` (type, mode, roles, modality, source, place, dates)."""
    conds: list[ColumnElement[bool]] = []
    if f.event_type:
        conds.append(func.upper(events.c.type) == f.event_type.strip().upper())
    if f.mode:
        conds.append(or_(func.lower(events.c.mode) == f.mode.strip().casefold(),
                         func.lower(events.c.subtype) == f.mode.strip().casefold()))
    if f.modality:
        conds.append(events.c.modality == f.modality.strip().casefold())
    if f.actor_country:
        conds.append(_role_country("actor", f.actor_country))
    if f.recipient_country:
        conds.append(_role_country("recipient", f.recipient_country))
    if f.source:
        conds.append(_source_cond(f.source))
    if f.place:
        conds.append(or_(events.c.place_entity_id.in_(entity_ids(f.place)),
                         func.lower(events.c.place_text) == f.place.strip().casefold()))
    if f.entity:
        conds.append(or_(
            events.c.id.in_(select(event_actors.c.event_id)
                            .where(event_actors.c.entity_id.in_(entity_ids(f.entity)))),
            events.c.place_entity_id.in_(entity_ids(f.entity)),
        ))
    if f.since:
        conds.append(events.c.day >= f.since)
    if f.until:
        conds.append(events.c.day <= f.until)
    return conds


def iter_events(store: Store, f: Filters, chunk: int = 1000) -> Iterator[Record]:
    """Every event matching ``f`` in id order, fetched ``chunk`` at a time."""
    last = 0
    while True:
        page = query_events(store, replace(f, after_id=last, limit=chunk, offset=0))
        yield from page
        if len(page) < chunk:
            return
        last = int(page[-1]["id"])


def query_events(store: Store, f: Filters) -> list[Record]:
    """Events matching ``f`` with their document, participants, sources and evidence text."""
    doc_filters = Filters(text=f.text, outlet=f.outlet, language=f.language)
    first = event_mentions.alias("first_mention")
    place = entities.alias("place_entity")
    evidence = func.substr(documents.c.text, first.c.start + 1, first.c.end - first.c.start)
    with store.engine.connect() as conn:
        query = (
            select(events, documents.c.key.label("doc_key"), documents.c.url,
                   documents.c.title, outlets.c.name.label("outlet"), documents.c.language,
                   documents.c.ingested_at, func.length(documents.c.text).label("doc_length"),
                   evidence.label("evidence"), first.c.sentence,
                   place.c.type.label("place_type"), place.c.kb_id.label("place_kb_id"),
                   place.c.name.label("place_name"))
            .join(documents, documents.c.id == events.c.doc_id)
            .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
            .outerjoin(first, and_(first.c.event_id == events.c.id, first.c.idx == 0))
            .outerjoin(place, place.c.id == events.c.place_entity_id)
            .where(and_(true(), *event_conditions(f), *document_conditions(conn, doc_filters)))
            .limit(f.limit).offset(f.offset)
        )
        if f.after_id is not None:
            query = query.where(events.c.id > f.after_id).order_by(events.c.id)
        else:
            query = query.order_by(events.c.day.desc(), events.c.id)
        found = [dict(r._mapping) for r in conn.execute(query)]
        _attach_parts(conn, found)
    return found


def _attach_parts(conn: Connection, found: list[Record]) -> None:
    by_id = {r["id"]: r for r in found}
    for r in found:
        r.update(actors=[], recipients=[], sources=[], evidence_spans=[])
    if not by_id:
        return
    people = (select(event_actors.c.event_id, event_actors.c.role, entities.c.name,
                     entities.c.kb_id, entities.c.country, entities.c.type,
                     event_actors.c.local_entity)
              .join(entities, entities.c.id == event_actors.c.entity_id, isouter=True)
              .where(event_actors.c.event_id.in_(list(by_id)))
              .order_by(event_actors.c.event_id, event_actors.c.role, event_actors.c.position))
    for row in conn.execute(people):
        key = "actors" if row.role == "actor" else "recipients"
        by_id[row.event_id][key].append(
            {"name": row.name, "kb_id": row.kb_id, "country": row.country, "type": row.type,
             "local": row.local_entity})
    said = (select(event_attributions.c.event_id, event_attributions.c.kind,
                   event_attributions.c.cue, entities.c.name)
            .join(entities, entities.c.id == event_attributions.c.source_entity_id, isouter=True)
            .where(event_attributions.c.event_id.in_(list(by_id)))
            .order_by(event_attributions.c.event_id, event_attributions.c.idx))
    spans = (select(event_mentions).where(event_mentions.c.event_id.in_(list(by_id)))
             .order_by(event_mentions.c.event_id, event_mentions.c.idx))
    for span in conn.execute(spans):
        by_id[span.event_id]["evidence_spans"].append(
            {"sentence": span.sentence, "start": span.start, "end": span.end,
             "trigger_start": span.trigger_start, "trigger_end": span.trigger_end})
    for src in conn.execute(said):
        by_id[src.event_id]["sources"].append(
            {"kind": src.kind, "cue": src.cue, "name": src.name})
