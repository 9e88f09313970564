"""A rerun skips inputs already stored by the same pipeline version, before analysing them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from khabar.document import Document
from khabar.pipeline import Pipeline
from khabar.sources.base import RawRecord
from khabar.store import Store
from khabar.store.skip import analyse_new
from store_data import newspaper_articles


def test_rerun_analyses_only_what_is_new(db_url: str) -> None:
    texts = [text for _, _, text in newspaper_articles(1)][:4]
    pipeline = Pipeline()
    seen: list[RawRecord] = []

    def analyse(records: Iterable[RawRecord]) -> Iterator[Document]:
        def counted() -> Iterator[RawRecord]:
            for record in records:
                seen.append(record)
                yield record
        return pipeline.pipe(counted())

    def run(version: str, extra: list[RawRecord] | None = None) -> tuple[int, int, int, int]:
        seen.clear()
        records = [RawRecord(t.encode("utf-8"), "text") for t in texts] + (extra or [])
        report = store.ingest(analyse_new(store, records, version, analyse),
                              pipeline_version=version)
        return len(seen), report.inserted, report.unchanged, report.updated

    with Store.open(db_url) as store:
        assert run("v1") == (4, 4, 0, 0)
        assert run("v1") == (0, 0, 4, 0)
        same_bytes_new_url = RawRecord(texts[0].encode("utf-8"), "text",
                                       url="https://example.org/a")
        assert run("v1", [same_bytes_new_url]) == (1, 1, 4, 0)
        assert run("v2") == (4, 0, 0, 4)
        assert store.count_documents() == 5
