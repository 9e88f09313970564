"""Every structured event filter, against expectations computed from the Documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from khabar.document import Document, Entity, Event, PublishedTime
from khabar.store import Store
from khabar.store.queries import Filters, query_events
from store_data import fresh

Pair = tuple[Document, Event]


@pytest.fixture
def stored(db_url: str, news_docs: list[Document], seed_doc: Document) -> Iterator[
        tuple[Store, list[Document]]]:
    docs = fresh([*news_docs, seed_doc])
    for doc in docs:  # every document dated, so date filters see each event
        doc.meta.published = doc.meta.published or PublishedTime("2023-09-05", "test")
    with Store.open(db_url) as store:
        store.ingest(docs, pipeline_version="v1")
        yield store, docs


def _pairs(docs: list[Document]) -> list[Pair]:
    return [(d, e) for d in docs for e in d.events]


def _ent(doc: Document, local: str | None) -> Entity | None:
    return next((e for e in doc.entities if e.id == local), None)


def _ids(found: list[dict[str, object]]) -> list[tuple[str, str]]:
    return sorted((str(r["doc_key"]), str(r["local_id"])) for r in found)


def _want(docs: list[Document], keep: Callable[..., bool]) -> list[
        tuple[str, str]]:
    from khabar.store.rows import document_key

    return sorted((document_key(d), e.id) for d, e in _pairs(docs) if keep(d, e))


def _check(store: Store, docs: list[Document], f: Filters,
           keep: Callable[..., bool]) -> int:
    f.limit = 10_000
    want = _want(docs, keep)
    assert _ids(query_events(store, f)) == want, f
    return len(want)


def _kb(doc: Document, locals_: list[str]) -> set[str]:
    return {e.kb_id for e in (_ent(doc, x) for x in locals_) if e and e.kb_id}


def _country(doc: Document, locals_: list[str]) -> set[str]:
    return {e.country for e in (_ent(doc, x) for x in locals_) if e and e.country}


def test_type_mode_and_modality(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored
    pairs = _pairs(docs)
    assert pairs
    for kind in {e.type for _, e in pairs}:
        assert _check(store, docs, Filters(event_type=kind.lower()), lambda d, e, k=kind:
                      e.type == k)
    for mode in {e.mode for _, e in pairs if e.mode}:
        _check(store, docs, Filters(mode=mode),
               lambda d, e, m=mode: m in (e.mode, e.subtype))
    modalities = {e.modality for _, e in pairs}
    assert len(modalities) >= 2
    for modality in modalities:
        _check(store, docs, Filters(modality=modality), lambda d, e, m=modality:
               e.modality == m)


def test_actor_and_recipient_country(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored
    actors = {c for d, e in _pairs(docs) for c in _country(d, e.actors)}
    recipients = {c for d, e in _pairs(docs) for c in _country(d, e.recipients)}
    assert actors and recipients
    for c in actors:
        assert _check(store, docs, Filters(actor_country=c.lower()),
                      lambda d, e, c=c: c in _country(d, e.actors))
    for c in recipients:
        assert _check(store, docs, Filters(recipient_country=c),
                      lambda d, e, c=c: c in _country(d, e.recipients))


def test_entity_by_kb_id_and_by_name(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored

    def involved(d: Document, e: Event) -> set[str]:
        place = [e.place.entity] if e.place and e.place.entity else []
        return _kb(d, [*e.actors, *e.recipients, *place])

    kb_ids = {k for d, e in _pairs(docs) for k in involved(d, e)}
    assert kb_ids
    for kb in kb_ids:
        assert _check(store, docs, Filters(entity=kb), lambda d, e, k=kb: k in involved(d, e))
    named = next(ent for d, e in _pairs(docs) for x in e.actors
                 if (ent := _ent(d, x)) and ent.kb_id and ent.name_hi)
    by_kb = _ids(query_events(store, Filters(entity=named.kb_id, limit=10_000)))
    assert _ids(query_events(store, Filters(entity=named.name, limit=10_000))) == by_kb
    assert _ids(query_events(store, Filters(entity=named.name_hi, limit=10_000))) == by_kb


def test_attribution_source(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored
    sources = {k for d, e in _pairs(docs) for a in e.attributions
               for k in _kb(d, [a.source] if a.source else [])}
    assert sources
    for kb in sources:
        assert _check(store, docs, Filters(source=kb), lambda d, e, k=kb: any(
            k in _kb(d, [a.source] if a.source else []) for a in e.attributions))
    if any(a.kind == "unnamed" for _, e in _pairs(docs) for a in e.attributions):
        assert _check(store, docs, Filters(source="unnamed"), lambda d, e: any(
            a.kind == "unnamed" for a in e.attributions))


def test_place(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored
    placed = [(d, e) for d, e in _pairs(docs) if e.place]
    assert placed

    def place_entity(d: Document, e: Event) -> Entity | None:
        return _ent(d, e.place.entity) if e.place else None

    for text in {e.place.text for _, e in placed if e.place}:
        _check(store, docs, Filters(place=text), lambda d, e, t=text: bool(e.place) and (
            (e.place is not None and e.place.text == t)
            or ((ent := place_entity(d, e)) is not None and t in (ent.name, ent.name_hi))))
    for kb in {k for d, e in placed if (ent := place_entity(d, e)) and (k := ent.kb_id)}:
        assert _check(store, docs, Filters(place=kb), lambda d, e, k=kb: (
            (ent := place_entity(d, e)) is not None and ent.kb_id == k))


def _day(doc: Document, ev: Event) -> str | None:
    value = ev.time.value if ev.time else None
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    published = doc.meta.published.value if doc.meta.published else None
    return published[:10] if published and len(published) >= 10 else None


def test_date_range_and_outlet(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored
    days = sorted({day for d, e in _pairs(docs) if (day := _day(d, e))})
    assert days
    lo, hi = days[0], days[-1]
    assert _check(store, docs, Filters(since=lo, until=hi),
                  lambda d, e: (day := _day(d, e)) is not None and lo <= day <= hi)
    _check(store, docs, Filters(since=hi), lambda d, e: (_day(d, e) or "") >= hi)
    _check(store, docs, Filters(until="1999-12-31"), lambda d, e: False)
    outlets = {d.meta.site_name for d in docs if d.meta.site_name and d.events}
    for outlet in outlets:
        assert outlet is not None
        assert _check(store, docs, Filters(outlet=outlet.upper()),
                      lambda d, e, o=outlet: d.meta.site_name == o)
