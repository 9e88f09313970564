"""Skipping inputs a store already holds, before the pipeline runs on them.

The same input bytes analysed by the same pipeline version give the same Document, so a
record whose bytes hash (and URL, when it has one) match a stored document of this version
need not be analysed again. It becomes a stub Document whose key is the stored document's
key: the ingest finds it unchanged and counts it so, without writing anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import bindparam, select

from khabar.document import Document, Metadata
from khabar.sources.base import RawRecord
from khabar.store.schema import documents
from khabar.store.store import Store

_KNOWN = select(documents.c.key, documents.c.content_hash, documents.c.url).where(
    documents.c.raw_hash == bindparam("h"), documents.c.pipeline_version == bindparam("v"))


def stub_for(store: Store, record: RawRecord, version: str) -> Document | None:
    """A stub for ``record`` when the store holds its analysis by ``version``, else None."""
    if record.error is not None:
        return None
    digest = hashlib.sha256(record.data).hexdigest()
    with store.engine.connect() as conn:
        for key, content_hash, url in conn.execute(_KNOWN, {"h": digest, "v": version}):
            if record.url is None or record.url == url:
                meta = Metadata(canonical_url=key, content_hash=content_hash, url=record.url,
                                path=record.path)
                return Document(id=digest[:16], meta=meta)
    return None


def analyse_new(
    store: Store, records: Iterable[RawRecord], version: str,
    analyse: Callable[[Iterable[RawRecord]], Iterator[Document]],
) -> Iterator[Document]:
    """Documents for ``records``: stubs for the ones stored already, ``analyse`` for the rest.

    Stubs come out as soon as the next analysed document does (order is not kept).
    """
    stubs: list[Document] = []

    def fresh() -> Iterator[RawRecord]:
        for record in records:
            stub = stub_for(store, record, version)
            if stub is None:
                yield record
            else:
                stubs.append(stub)

    for doc in analyse(fresh()):
        yield from stubs
        stubs.clear()
        yield doc
    yield from stubs
