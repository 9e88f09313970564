"""Idempotent ingest on SQLite and PostgreSQL: insert, re-ingest, version change, rejections."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from khabar.document import Document, Event, Rejection
from khabar.store import Store
from khabar.store.rows import document_key
from khabar.store.schema import documents, rejections
from store_data import fresh
from store_expect import expected_counts, table_counts


def _all(news_docs: list[Document], seed_doc: Document) -> list[Document]:
    return fresh([*news_docs, seed_doc])


def test_ingest_stores_every_part(db_url: str, news_docs: list[Document],
                                  seed_doc: Document) -> None:
    docs = _all(news_docs, seed_doc)
    with Store.open(db_url) as store:
        report = store.ingest(docs, pipeline_version="v1", batch_size=7)
        want = expected_counts(docs)
        assert report.inserted == want["documents"] and report.seen == len(docs)
        got = table_counts(store)
        assert {k: got[k] for k in want} == want
        assert got["search"] == want["documents"]
        assert want["events"] > 0 and want["mentions"] > 0
        for doc in docs:
            assert store.document(document_key(doc)) == doc


def test_reingest_same_input_changes_nothing(db_url: str, news_docs: list[Document],
                                             seed_doc: Document) -> None:
    docs = _all(news_docs, seed_doc)
    with Store.open(db_url) as store:
        store.ingest(docs, pipeline_version="v1")
        before = table_counts(store)
        with store.engine.connect() as conn:
            stamps = conn.execute(select(documents.c.id, documents.c.updated_at)
                                  .order_by(documents.c.id)).all()
        again = store.ingest(_all(news_docs, seed_doc), pipeline_version="v1")
        assert again.unchanged == before["documents"]
        assert again.inserted == again.updated == 0
        assert table_counts(store) == before
        with store.engine.connect() as conn:
            assert conn.execute(select(documents.c.id, documents.c.updated_at)
                                .order_by(documents.c.id)).all() == stamps


def test_new_pipeline_version_updates_in_place(db_url: str, news_docs: list[Document],
                                               seed_doc: Document) -> None:
    docs = _all(news_docs, seed_doc)
    with Store.open(db_url) as store:
        store.ingest(docs, pipeline_version="v1")
        with store.engine.connect() as conn:
            ids = dict(conn.execute(select(documents.c.key, documents.c.id)).all())
        before = table_counts(store)
        changed = _all(news_docs, seed_doc)
        changed[-1].events = changed[-1].events[:1]  # the new version finds fewer events
        report = store.ingest(changed, pipeline_version="v2")
        assert report.updated == before["documents"] and report.inserted == 0
        with store.engine.connect() as conn:
            assert dict(conn.execute(select(documents.c.key, documents.c.id)).all()) == ids
            versions = set(conn.execute(select(documents.c.pipeline_version)).scalars())
        assert versions == {"v2"}
        assert {k: v for k, v in table_counts(store).items() if k in expected_counts(changed)} \
            == expected_counts(changed)


def test_same_url_new_content_is_an_update(db_url: str, news_docs: list[Document]) -> None:
    doc = fresh(news_docs[:1])[0]
    doc.meta.url = "https://example.org/news/1"
    with Store.open(db_url) as store:
        assert store.ingest([doc], pipeline_version="v1").inserted == 1
        edited = Document.from_json(doc.to_json())
        edited.meta.content_hash = "0" * 64
        edited.text = doc.text + " अपडेट"
        assert store.ingest([edited], pipeline_version="v1").updated == 1
        assert store.count_documents() == 1
        stored = store.document("https://example.org/news/1")
        assert stored is not None and stored.text.endswith("अपडेट")


def test_rejected_inputs_are_recorded_once(db_url: str, news_docs: list[Document]) -> None:
    bad = Document(id="x", rejected=Rejection("E104", "input is binary", "decode"))
    bad.meta.path = "/data/photo.jpg"
    with Store.open(db_url) as store:
        for _ in range(2):
            report = store.ingest([bad, *fresh(news_docs[:2])], pipeline_version="v1")
            assert report.rejected == 1 and report.reasons == {"E104": 1}
        with store.engine.connect() as conn:
            rows = conn.execute(select(rejections.c.key, rejections.c.code)).all()
        assert rows == [("/data/photo.jpg", "E104")]
        assert store.count_documents() == 2


def test_each_bad_row_of_a_csv_file_is_its_own_rejection(db_url: str, tmp_path: Path) -> None:
    """Rows of one file with no text are rejected one by one (key ``file:line``), once each
    however often the file is ingested; the good row is stored."""
    from khabar.pipeline import Pipeline

    path = tmp_path / "dump.csv"
    path.write_text("url,text\nhttps://x.example/1,नदी में बाढ़ आई।\n"
                    "https://x.example/2,\n,\n,\n", encoding="utf-8")
    pipeline = Pipeline(steps=["decode", "extract"])
    with Store.open(db_url) as store:
        for _ in range(2):
            report = store.ingest(pipeline.pipe([str(path)]), pipeline_version="v1")
            assert report.rejected == 3 and report.reasons == {"E103": 3}
        with store.engine.connect() as conn:
            rows = conn.execute(select(rejections.c.key, rejections.c.path)).all()
        assert sorted(path for _, path in rows) == [f"{path}:{n}" for n in (3, 4, 5)]
        assert store.count_documents() == 1


def test_fast_json_form_equals_the_codec(news_docs: list[Document],
                                         seed_doc: Document) -> None:
    from khabar.store.jsonform import document_json, read_stored, stored_json

    for doc in [*news_docs, seed_doc]:
        assert document_json(doc) == doc.to_json()
        assert doc.tokens and read_stored(*stored_json(doc)) == doc


def test_a_revision_0001_database_is_migrated(tmp_path: Path,
                                               news_docs: list[Document]) -> None:
    """A database made by the first schema revision gains tokens_json when opened."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from khabar.store.engine import MIGRATIONS

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert "tokens_json" not in {c["name"] for c in inspect(engine).get_columns("documents")}
    engine.dispose()
    with Store.open(path) as store:
        store.ingest(fresh(news_docs[:3]), pipeline_version="v1")
        assert store.count_documents() == 3
        cols = {c["name"] for c in inspect(store.engine).get_columns("documents")}
    assert "tokens_json" in cols


def test_oversized_fields_fit(db_url: str, news_docs: list[Document]) -> None:
    """Strings longer than their columns (PostgreSQL refuses them) are cut; long URLs keep
    distinct keys."""
    docs = fresh(news_docs[:2])
    long_url = "https://example.org/" + "x" * 3000
    docs[0].meta.url = long_url + "/a"
    docs[1].meta.url = long_url + "/b"
    docs[0].meta.section = "खंड" * 400
    docs[1].meta.site_name = "s" * 900
    with Store.open(db_url) as store:
        assert store.ingest(docs, pipeline_version="v1").inserted == 2
        assert store.ingest(fresh(docs), pipeline_version="v1").unchanged == 2
        stored = store.document(document_key(docs[0]))
        assert stored is not None and stored.meta.url == long_url + "/a"


def test_nul_characters_are_stored(db_url: str, news_docs: list[Document]) -> None:
    doc = fresh(news_docs[:1])[0]
    doc.meta.title = "शीर्षक\x00टूटा"
    with Store.open(db_url) as store:
        assert store.ingest([doc], pipeline_version="v1").inserted == 1
        assert store.document(document_key(doc)) == doc  # the JSON form keeps it exactly


def test_a_document_the_database_refuses_is_a_rejection(db_url: str,
                                                        news_docs: list[Document]) -> None:
    docs = fresh(news_docs[:3])
    docs[1].events = [Event(id="bad", type=None)]  # type: ignore[arg-type]  # NOT NULL
    with Store.open(db_url) as store:
        for run in range(2):
            report = store.ingest(fresh(docs), pipeline_version="v1")
            assert report.rejected == 1 and set(report.reasons) == {"E505"}
            assert (report.inserted, report.unchanged) == ((2, 0) if run == 0 else (0, 2))
        assert store.count_documents() == 2
        with store.engine.connect() as conn:
            codes = conn.execute(select(rejections.c.code)).scalars().all()
        assert codes == ["E505"]
