"""Document → table rows (no database access here)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import String, Table

from khabar.document import Document, Entity, Event
from khabar.lang.translit import name_key
from khabar.store.jsonform import stored_json

Row = dict[str, Any]


MAX_KEY = 1000


def document_key(doc: Document) -> str:
    """The identity of a document: canonical URL, else URL, else its content hash.

    A key longer than :data:`MAX_KEY` characters is cut and ends with its own SHA-256, so it
    stays unique and fits a database index.
    """
    meta = doc.meta
    if meta.canonical_url:
        key = meta.canonical_url
    elif meta.url:
        key = meta.url
    elif meta.content_hash:
        key = f"sha256:{meta.content_hash}"
    else:
        key = f"id:{doc.id}"
    return bounded_key(key)


def bounded_key(key: str) -> str:
    """``key``, or when longer than :data:`MAX_KEY` its head and its SHA-256."""
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key[: MAX_KEY - 65]}#{digest}"


@cache
def _limits(table: Table) -> tuple[tuple[str, int], ...]:
    """String columns and their lengths (0: unlimited text)."""
    return tuple((c.name, int(c.type.length or 0)) for c in table.columns
                 if isinstance(c.type, String))


def fit(table: Table, batch: list[Row]) -> list[Row]:
    """Cut strings longer than their column allows and replace NUL characters (PostgreSQL
    refuses both; U+FFFD keeps character offsets)."""
    for name, length in _limits(table):
        texts = [v for v in [row.get(name) for row in batch] if isinstance(v, str)]
        if not texts:
            continue
        if "\x00" in "".join(texts) or (length and max(map(len, texts)) > length):
            _fit_column(batch, name, length)  # rare: only columns that need it are walked
    return batch


def _fit_column(batch: list[Row], name: str, length: int) -> None:
    for row in batch:
        value = row.get(name)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            value = row[name] = value.replace("\x00", "\ufffd")
        if length and len(value) > length:
            row[name] = value[:length]


def outlet_name(doc: Document) -> str | None:
    """The outlet: the site name, else the host of the (canonical) URL."""
    meta = doc.meta
    if meta.site_name:
        return meta.site_name.strip()[:300] or None
    url = meta.canonical_url or meta.url
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def document_row(doc: Document, *, pipeline_version: str, now: str) -> Row:
    meta = doc.meta
    published = meta.published
    doc_json, tokens_json = stored_json(doc)
    return {
        "key": document_key(doc),
        "doc_id": doc.id,
        "source_kind": meta.source_kind,
        "path": meta.path,
        "url": meta.url,
        "canonical_url": meta.canonical_url,
        "content_hash": meta.content_hash,
        "raw_hash": hashlib.sha256(doc.raw).hexdigest() if doc.raw is not None else None,
        "fetched_at": meta.fetched_at,
        "content_type": meta.content_type,
        "encoding": meta.encoding,
        "language": doc.language,
        "language_score": doc.language_score,
        "title": meta.title,
        "section": meta.section,
        "authors": json.dumps(meta.authors, ensure_ascii=False),
        "site_name": meta.site_name,
        "published": published.value if published else None,
        "published_day": day_of(published.value) if published else None,
        "published_source": published.source if published else None,
        "published_confidence": published.confidence if published else None,
        "text": doc.text,
        "n_events": len(doc.events),
        "has_errors": bool(doc.errors),
        "pipeline_version": pipeline_version,
        "schema_version": doc.schema_version,
        "doc_json": doc_json,
        "tokens_json": tokens_json,
        "updated_at": now,
    }


def day_of(value: str | None) -> str | None:
    """``YYYY-MM-DD`` when ``value`` starts with a full date, else None."""
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        head = value[:10]
        if head[:4].isdigit() and head[5:7].isdigit() and head[8:10].isdigit():
            return head
    return None


def entity_key(entity: Entity) -> str:
    """Global identity of an entity: its KB id, else its type and name key."""
    if entity.kb_id:
        return f"kb:{entity.kb_id}"
    base = name_key(entity.name) or entity.name.casefold()
    return f"{entity.type}:{base}"[:600]


def entity_row(entity: Entity) -> Row:
    return {
        "key": entity_key(entity),
        "kb_id": entity.kb_id,
        "type": entity.type,
        "name": entity.name[:500],
        "name_hi": entity.name_hi[:500] if entity.name_hi else None,
        "country": entity.country,
        "name_key": name_key(entity.name)[:500] or None,
    }


def block_rows(doc: Document, doc_pk: int) -> list[Row]:
    return [
        {"doc_id": doc_pk, "idx": i, "kind": b.kind, "start": b.start, "end": b.end,
         "lang": b.lang, "lang_score": b.lang_score}
        for i, b in enumerate(doc.blocks)
    ]


def document_entity_rows(doc: Document, doc_pk: int, ids: dict[str, int]) -> list[Row]:
    return [
        {"doc_id": doc_pk, "local_id": e.id, "entity_id": ids[e.id], "name": e.name[:500],
         "name_hi": e.name_hi[:500] if e.name_hi else None, "type": e.type,
         "country": e.country, "score": e.score, "n_mentions": len(e.mentions)}
        for e in doc.entities
        if e.id in ids
    ]


def mention_rows(doc: Document, doc_pk: int, ids: dict[str, int]) -> list[Row]:
    return [
        {"doc_id": doc_pk, "idx": i, "start": m.start, "end": m.end, "text": m.text[:500],
         "label": m.label, "local_entity": m.entity,
         "entity_id": ids.get(m.entity) if m.entity else None,
         "score": m.score, "source": m.source}
        for i, m in enumerate(doc.mentions)
    ]


def event_row(doc: Document, doc_pk: int, ev: Event, ids: dict[str, int]) -> Row:
    cameo, place, time, cas = ev.cameo, ev.place, ev.time, ev.casualties
    published = doc.meta.published.value if doc.meta.published else None
    return {
        "doc_id": doc_pk, "local_id": ev.id, "type": ev.type, "mode": ev.mode,
        "subtype": ev.subtype,
        "cameo_code": cameo.code if cameo else None, "cameo_root": cameo.root if cameo else None,
        "quad_class": cameo.quad_class if cameo else None,
        "goldstein": cameo.goldstein if cameo else None,
        "place_text": place.text[:500] if place else None,
        "place_local_entity": place.entity if place else None,
        "place_entity_id": ids.get(place.entity) if place and place.entity else None,
        "place_start": place.start if place else None, "place_end": place.end if place else None,
        "time_text": time.text[:500] if time else None,
        "time_value": time.value if time else None,
        "time_precision": time.precision if time else None,
        "time_anchor": time.anchor if time else None,
        "time_start": time.start if time else None, "time_end": time.end if time else None,
        "day": day_of(time.value if time else None) or day_of(published),
        "killed": cas.killed if cas else None, "injured": cas.injured if cas else None,
        "casualties_approximate": cas.approximate if cas else None,
        "modality": ev.modality, "unconfirmed": ev.unconfirmed, "confidence": ev.confidence,
    }


def event_part_rows(ev: Event, event_pk: int, ids: dict[str, int]) -> dict[str, list[Row]]:
    """Rows of ``event_actors``, ``event_attributions`` and ``event_mentions`` for one event."""
    actors = [
        {"event_id": event_pk, "role": role, "position": i, "local_entity": local,
         "entity_id": ids.get(local)}
        for role, locals_ in (("actor", ev.actors), ("recipient", ev.recipients))
        for i, local in enumerate(locals_)
    ]
    attributions = [
        {"event_id": event_pk, "idx": i, "kind": a.kind, "cue": a.cue[:500],
         "local_entity": a.source, "source_entity_id": ids.get(a.source) if a.source else None,
         "start": a.start, "end": a.end}
        for i, a in enumerate(ev.attributions)
    ]
    evidence = [
        {"event_id": event_pk, "idx": i, "sentence": e.sentence, "start": e.start, "end": e.end,
         "trigger_start": e.trigger_start, "trigger_end": e.trigger_end}
        for i, e in enumerate(ev.evidence)
    ]
    return {"event_actors": actors, "event_attributions": attributions,
            "event_mentions": evidence}
