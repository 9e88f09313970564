"""Real-data regression gate: extraction quality floors on fundus pages (never lowered).

Reads ``../shared/data/fundus`` (the Indian pages and a few others). Each page's body
word-F1 must stay above its floor; title, authors and the published time (to the second,
with its offset) must match the gold record. eval/fundus_eval.py reports the full figures.
"""

from __future__ import annotations

import csv
import gzip
import json
import unicodedata
from collections import Counter
from datetime import datetime
from functools import lru_cache
from typing import Any

import pytest
import regex

from khabar.document import Document
from khabar.pipeline import Pipeline
from khabar.sources.base import RawRecord
from support import shared_path

pytestmark = pytest.mark.realdata

# page -> body word-F1 floor. Raise a floor when extraction improves; never lower one.
BODY_FLOORS = {
    "ind/Bhaskar_2024_09_04.html.gz": 0.99,
    "ind/TimesOfIndia_2024_09_02.html.gz": 0.965,
    "ind/TimesOfIndia_2026_04_16.html.gz": 0.985,
    "uk/BBC_2024_08_01.html.gz": 0.99,
    "us/APNews_2023_04_28.html.gz": 0.99,
    "de/Tagesschau_2023_04_28.html.gz": 0.99,
}
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def _f1(pred: str, gold: str) -> float:
    p, g = _words(pred), _words(gold)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    with shared_path("data", "fundus", "INDEX.csv").open(encoding="utf-8") as fh:
        return {row["html_file"]: row for row in csv.DictReader(fh)}


def _gold(row: dict[str, str]) -> dict[str, Any]:
    records = json.loads(shared_path("data", "fundus", row["gold_json"]).read_text("utf-8"))
    gold: dict[str, Any] = records[row["gold_key_guess"]]
    return gold


def _gold_body(gold: dict[str, Any]) -> str:
    body = gold["body"]
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += (section.get("headline") or []) + (section.get("paragraphs") or [])
    return "\n".join(parts)


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline(steps=["decode", "extract"])


def _run(path: str) -> tuple[Document, dict[str, Any]]:
    row = _index()[path]
    data = gzip.decompress(shared_path("data", "fundus", path).read_bytes())
    doc = _pipeline()(RawRecord(data, "bytes", url=row["url"]))
    return doc, _gold(row)


@pytest.mark.parametrize("path", sorted(BODY_FLOORS))
def test_page_extraction_floors(path: str) -> None:
    doc, gold = _run(path)
    assert doc.rejected is None
    body = "\n".join(doc.text[b.start : b.end] for b in doc.blocks if b.kind != "title")
    assert _f1(body, _gold_body(gold)) >= BODY_FLOORS[path]
    assert doc.meta.title == " ".join(gold["title"].split())
    assert doc.blocks[0].kind == "title"
    assert doc.meta.authors == gold["authors"]
    assert doc.meta.published is not None
    assert datetime.fromisoformat(doc.meta.published.value) == datetime.fromisoformat(
        gold["publishing_date"])


def test_hindi_page_metadata() -> None:
    doc, _ = _run("ind/Bhaskar_2024_09_04.html.gz")
    assert doc.meta.declared_language == "hi"
    assert doc.meta.canonical_url and doc.meta.canonical_url.startswith("https://")
    assert doc.meta.site_name
    assert doc.meta.section
    assert doc.meta.published is not None and doc.meta.published.confidence >= 0.8
    assert "+05:30" in doc.meta.published.value


def test_hindi_page_subheading_and_removed_lines() -> None:
    doc, _ = _run("ind/Bhaskar_2024_09_04.html.gz")
    assert doc.headings, "the page's bold subheading is a heading block"
    rules = {b.rule for b in doc.boilerplate}
    assert "extract:title-repeat" in rules
    assert all(b.rule for b in doc.boilerplate)
