"""Exports read back by standard readers: JSONL, CSV, Parquet (pyarrow), GDELT 2.0 tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from khabar.document import Document
from khabar.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, read_events, read_mentions
from khabar.export.tables import FLAT_COLUMNS, export_documents_jsonl, export_events
from khabar.kb.loader import load_kb
from khabar.store import Store
from khabar.store.queries import Filters
from store_data import fresh


@pytest.fixture
def stored(db_url: str, news_docs: list[Document], seed_doc: Document) -> Iterator[
        tuple[Store, list[Document]]]:
    docs = fresh([*news_docs, seed_doc])
    with Store.open(db_url) as store:
        store.ingest(docs, pipeline_version="v1")
        yield store, docs


def _events(docs: list[Document]) -> int:
    return sum(len(d.events) for d in docs)


def test_jsonl_and_csv(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored
    buf = io.StringIO()
    export_events(store, "jsonl", None, Filters(), stdout=buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(rows) == _events(docs) > 0
    assert {r["type"] for r in rows} == {e.type for d in docs for e in d.events}
    buf = io.StringIO()
    export_events(store, "csv", None, Filters(), stdout=buf)
    table = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(table) == _events(docs)
    assert list(table[0]) == list(FLAT_COLUMNS)
    first = next(r for r in table if r["actors"])
    assert first["evidence"]


def test_parquet(stored: tuple[Store, list[Document]], tmp_path: Path) -> None:
    store, docs = stored
    out = tmp_path / "events.parquet"
    export_events(store, "parquet", out, Filters())
    table = pq.read_table(out)
    assert table.num_rows == _events(docs)
    assert table.column_names == list(FLAT_COLUMNS)
    modality = Filters(modality=docs[-1].events[0].modality)
    export_events(store, "parquet", out, modality)
    want = sum(1 for d in docs for e in d.events if e.modality == modality.modality)
    assert pq.read_table(out).num_rows == want


def test_documents_jsonl_round_trip(stored: tuple[Store, list[Document]]) -> None:
    store, docs = stored
    buf = io.StringIO()
    export_documents_jsonl(store, None, stdout=buf)
    back = [Document.from_json(line) for line in buf.getvalue().splitlines()]
    assert back == docs


def test_gdelt_tables(stored: tuple[Store, list[Document]], tmp_path: Path) -> None:
    store, docs = stored
    written = export_events(store, "gdelt", tmp_path / "khabar", Filters())
    events_path = tmp_path / "khabar.export.CSV"
    mentions_path = tmp_path / "khabar.mentions.CSV"
    assert set(written) == {str(events_path), str(mentions_path)}
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    lines = events_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == _events(docs)
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert all(len(line.split("\t")) == 16
               for line in mentions_path.read_text(encoding="utf-8").splitlines())
    events = read_events(events_path)
    mentions = read_mentions(mentions_path)
    assert len(mentions) == sum(len(e.evidence) for d in docs for e in d.events)
    cameo = sorted(e.cameo.code for d in docs for e in d.events if e.cameo)
    assert sorted(r["EventCode"] for r in events if r["EventCode"]) == cameo
    assert {m["GLOBALEVENTID"] for m in mentions} <= {r["GLOBALEVENTID"] for r in events}
    for row in events:
        if row["SQLDATE"] is not None:
            assert row["MonthYear"] == row["SQLDATE"] // 100
            assert row["Year"] == row["SQLDATE"] // 10000
        assert row["DATEADDED"] is not None and row["DATEADDED"] > 2020_01_01_000000
    named = [r for r in events if r["Actor1Name"]]
    assert named and all(r["Actor1Name"] == r["Actor1Name"].upper() for r in named)
    assert all(len(r["Actor1CountryCode"]) == 3 for r in events if r["Actor1CountryCode"])
    for m in mentions:
        assert 0 <= m["Confidence"] <= 100 and m["SentenceID"] >= 1
        assert m["ActionCharOffset"] < m["MentionDocLen"]


def test_gdelt_action_place_coordinates(stored: tuple[Store, list[Document]],
                                        tmp_path: Path) -> None:
    """An event placed in a knowledge-base city carries the city's coordinates; places the
    KB has none for (countries) leave them empty."""
    store, docs = stored
    export_events(store, "gdelt", tmp_path / "k", Filters())
    rows = read_events(tmp_path / "k.export.CSV")
    kb = load_kb()
    expected = set()
    for doc in docs:
        kb_ids = {e.id: e.kb_id for e in doc.entities}
        for event in doc.events:
            place = kb.get(kb_ids.get(event.place.entity or "") or "") if event.place else None
            if event.place and place is not None and place.coords is not None:
                expected.add((event.place.text, place.coords))
    assert ("व्लादिवोस्तोक", (43.1056, 131.8735)) in expected  # the seed page's meeting
    found = {(r["ActionGeo_FullName"], (r["ActionGeo_Lat"], r["ActionGeo_Long"]))
             for r in rows if r["ActionGeo_Lat"] is not None}
    assert found == expected
    assert all(r["ActionGeo_Type"] == 4 for r in rows if r["ActionGeo_Lat"] is not None)
    assert all(r["ActionGeo_Lat"] is None for r in rows if r["ActionGeo_Type"] == 1)


def test_gdelt_reader_refuses_a_short_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.export.CSV"
    bad.write_text("\t".join(["1"] * 60) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="61"):
        read_events(bad)
