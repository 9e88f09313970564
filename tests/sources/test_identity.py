"""Canonical URLs, content hashes, and duplicates reported and skipped within a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.pipeline import Options, Pipeline
from khabar.sources.base import RawRecord
from khabar.sources.identity import canonical_url, content_hash


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://News.Example.COM:443/a/b?id=7&utm_source=tw&utm_medium=x#top",
     "https://news.example.com/a/b?id=7"),
    ("http://news.example.com:80", "http://news.example.com/"),
    ("http://news.example.com:8080/x?fbclid=abc&gclid=1&page=2&cat=desh",
     "http://news.example.com:8080/x?cat=desh&page=2"),
    ("https://news.example.com./x?b=2&a=1", "https://news.example.com/x?a=1&b=2"),
    ("not a url", "not a url"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_content_hash_ignores_spacing_only() -> None:
    assert content_hash("एक  खबर\n\nदो") == content_hash("एक खबर दो ")
    assert content_hash("एक खबर") != content_hash("एक ख़बर")


def page(text: str) -> bytes:
    return f"<html><body><article><p>{text}</p></article></body></html>".encode()


def record(url: str, body: bytes) -> RawRecord:
    return RawRecord(body, "url", url=url, headers={"Content-Type": "text/html; charset=utf-8"})


STORY = "नदी पर बना नया पुल आज यातायात के लिए खोल दिया गया और शहर के लोग उत्सुक थे।"
OTHER = "जिला अस्पताल में नई आपात इकाई ने काम शुरू किया जिससे मरीजों को राहत मिली।"


def test_same_article_at_two_urls_is_a_duplicate() -> None:
    pipeline = Pipeline(steps=["decode", "extract", "dedup", "language"])
    # Different bytes (a tracking comment), same article text.
    docs = list(pipeline.pipe([
        record("https://a.example/pul?utm_campaign=x", page(STORY)),
        record("https://b.example/news/pul", page(STORY) + b"<!-- served by edge 7 -->"),
        record("https://a.example/aspatal", page(OTHER)),
    ]))
    first, second, third = docs
    assert first.ok and third.ok
    assert first.meta.canonical_url == "https://a.example/pul"
    assert first.meta.content_hash == content_hash(first.text)
    assert second.rejected is not None and second.rejected.code == "E109"
    assert "https://a.example/pul" in second.rejected.reason
    assert "language" in first.steps
    assert "language" not in second.steps  # skipped: no later step ran on it


def test_duplicates_found_across_windows(tmp_path: Path) -> None:
    options = Options.load(overrides={"pipeline": {"window": 1}})
    pipeline = Pipeline(options, steps=["decode", "extract", "dedup"])
    docs = list(pipeline.pipe([record(f"https://a.example/{i}", page(STORY)) for i in range(3)]))
    assert [d.rejected.code if d.rejected else None for d in docs] == [None, "E109", "E109"]
