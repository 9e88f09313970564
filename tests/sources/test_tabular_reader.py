"""JSONL and CSV dumps with default and configured field mappings."""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from khabar.pipeline import Options, Pipeline
from khabar.sources.base import document_from_record, iter_records

ROWS = [
    {"url": "https://khabar.example/a", "title": "पहली खबर", "date": "2025-03-04T10:00:00+05:30",
     "text": "बारिश से शहर की सड़कों पर पानी भर गया।"},
    {"url": "https://khabar.example/b", "title": "दूसरी खबर",
     "html": "<html><body><article><p>नगर निगम ने नालों की सफाई शुरू की।</p></article></body></html>"},
]


def write_jsonl(path: Path, rows: Sequence[Mapping[str, object]], extra: str = "") -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n" + extra,
                    encoding="utf-8")
    return path


def test_jsonl_default_fields(tmp_path: Path) -> None:
    records = list(iter_records(str(write_jsonl(tmp_path / "dump.jsonl", ROWS))))
    assert [r.url for r in records] == ["https://khabar.example/a", "https://khabar.example/b"]
    first, second = records
    assert first.data.decode() == ROWS[0]["text"]
    assert first.headers["Content-Type"].startswith("text/plain")
    assert second.headers["Content-Type"].startswith("text/html")
    doc = document_from_record(first)
    assert doc.meta.title == "पहली खबर"
    assert doc.meta.published is not None
    assert doc.meta.published.value == "2025-03-04T10:00:00+05:30"
    assert doc.meta.published.source == "jsonl"


def test_jsonl_bad_lines_become_failed_records(tmp_path: Path) -> None:
    broken = '{"text": "टूटी पंक्ति\n[1, 2]\n{"title": "x"}\n'
    path = write_jsonl(tmp_path / "dump.txt", ROWS, extra=broken)
    records = list(iter_records(str(path)))
    assert len(records) == 5
    assert [r.error.code if r.error else None for r in records] == [None, None, "E102", "E102",
                                                                   "E103"]
    assert records[2].error is not None and "line 3" in records[2].error.reason
    assert records[3].error is not None and "not a JSON object" in records[3].error.reason


def test_jsonl_nested_mapping_and_gzip(tmp_path: Path) -> None:
    rows = [{"doc": {"body": "पुल का उद्घाटन हुआ।", "link": "https://x.example/p"},
             "meta": {"headline": "पुल"}}]
    path = tmp_path / "nested.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps(rows[0], ensure_ascii=False).encode()))
    options = Options.load(overrides={"jsonl": {"text_field": "doc.body", "url_field": "doc.link",
                                                "title_field": "meta.headline"}})
    [record] = iter_records(str(path), options=options)
    assert record.data.decode() == "पुल का उद्घाटन हुआ।"
    assert record.url == "https://x.example/p"
    assert record.meta["title"] == "पुल"


def test_csv_with_configured_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'link,headline,body,when\n'
        'https://k.example/1,चुनाव,"मतदान सुबह सात बजे शुरू हुआ, दोपहर तक 40 प्रतिशत।",2024-11-12\n'
        'https://k.example/2,खाली,,\n',
        encoding="utf-8",
    )
    options = Options.load(overrides={"csv": {"text_field": "body", "url_field": "link",
                                              "title_field": "headline", "date_field": "when"}})
    records = list(iter_records(str(path), options=options))
    assert len(records) == 2
    assert records[0].data.decode().endswith("40 प्रतिशत।")
    assert records[0].meta == {"title": "चुनाव", "published": "2024-11-12",
                               "published_source": "csv"}
    assert records[1].error is not None and records[1].error.code == "E103"


def test_csv_without_mapped_columns_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    [record] = iter_records(str(path))
    assert record.kind == "file"


def test_jsonl_through_the_pipeline(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "dump.jsonl", ROWS)
    pipeline = Pipeline(steps=["decode", "extract"])
    docs = list(pipeline.pipe([str(path)]))
    assert len(docs) == 2
    assert all(d.ok for d in docs), [d.rejected for d in docs]
    assert "नालों की सफाई" in docs[1].text
