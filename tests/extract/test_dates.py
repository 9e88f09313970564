"""The published-time cascade: sources, confidences, Hindi and English bylines, IST."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from extract_pages import jsonld, page

from khabar.document import Document, PublishedTime
from khabar.extract.base import Extracted, apply_extracted
from khabar.extract.dates import parse_byline_date, published_time
from khabar.extract.pagedata import collect, parse_tree


def _published(head: str = "", body_top: str = "",
               url: str = "https://news.example.in/a/1") -> PublishedTime | None:
    return published_time(collect(parse_tree(page(head=head, body_top=body_top)), url))


def test_jsonld_date_published_comes_first() -> None:
    head = jsonld({"@type": "NewsArticle", "datePublished": "2024-09-04T16:20:35+05:30"})
    head += '<meta property="article:published_time" content="2024-09-01T10:00:00+05:30">'
    found = _published(head)
    assert found == PublishedTime("2024-09-04T16:20:35+05:30", "jsonld", 0.85)


def test_meta_published_time_when_no_jsonld() -> None:
    head = '<meta property="article:published_time" content="2024-09-01T10:00:00Z">'
    found = _published(head)
    assert found is not None and found.source == "meta"
    assert datetime.fromisoformat(found.value) == datetime.fromisoformat(
        "2024-09-01T10:00:00+00:00")


@pytest.mark.parametrize(("text", "expected"), [
    ("प्रकाशित: 12 नवंबर 2024, 04:30 PM IST", "2024-11-12T16:30:00+05:30"),
    ("अपडेटेड 3 सितम्बर 2024 10:05 AM", "2024-09-03T10:05:00+05:30"),
    ("5 अक्तूबर 2023", "2023-10-05"),
    ("प्रकाशित: 12 नवंबर 2024 शाम 6:15 बजे", "2024-11-12T18:15:00+05:30"),
])
def test_hindi_bylines(text: str, expected: str) -> None:
    assert parse_byline_date(text) == expected


def test_english_byline_reads_ist_as_india_time() -> None:
    value = parse_byline_date("Updated: Sep 2, 2024, 17:07 IST")
    assert value is not None
    moment = datetime.fromisoformat(value)
    assert moment.utcoffset() == timedelta(hours=5, minutes=30)
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == (
        2024, 9, 2, 17, 7)


def test_byline_element_on_a_page_without_structured_data() -> None:
    body = '<div class="article-date">प्रकाशित: 12 नवंबर 2024, 04:30 PM IST</div>'
    found = _published(body_top=body, url="https://news.example.in/a/1")
    assert found == PublishedTime("2024-11-12T16:30:00+05:30", "byline", 0.7)


def test_published_preferred_over_updated_in_bylines() -> None:
    body = ('<div class="update-time">अपडेट: 14 नवंबर 2024</div>'
            '<div class="publish-time">प्रकाशित: 12 नवंबर 2024</div>')
    found = _published(body_top=body)
    assert found is not None and found.value == "2024-11-12"


def test_date_in_url_is_the_last_resort() -> None:
    found = _published(url="https://news.example.in/2023/05/17/pul-khula")
    assert found is not None
    assert found.value == "2023-05-17"
    assert found.source in {"url", "htmldate"}
    assert found.confidence <= 0.6


def test_no_date_anywhere() -> None:
    assert _published(url="https://news.example.in/pul") is None


def test_implausible_years_are_refused() -> None:
    head = jsonld({"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00"})
    found = _published(head, url="https://news.example.in/pul")
    assert found is None or not found.value.startswith("0001")


def _doc_with_reader_date(source: str, confidence: float) -> Document:
    doc = Document()
    doc.meta.published = PublishedTime("2024-01-02", source, confidence)
    return doc


def test_a_feed_date_outranks_the_page_and_http_date_does_not() -> None:
    page_date = PublishedTime("2024-01-05T09:00:00+05:30", "jsonld", 0.85)
    feed = _doc_with_reader_date("feed", 0.9)
    apply_extracted(feed, Extracted(blocks=[("paragraph", "x")], published=page_date))
    assert feed.meta.published is not None and feed.meta.published.source == "feed"
    http = _doc_with_reader_date("http-last-modified", 0.3)
    apply_extracted(http, Extracted(blocks=[("paragraph", "x")], published=page_date))
    assert http.meta.published == page_date


@pytest.mark.parametrize(("text", "expected"), [
    ("न्यूज डेस्क, नगर समाचार, रामपुर Published by: अजय कुमार Updated Mon, 12 Nov 2024 "
     "04:30 PM IST", "2024-11-12T16:30:00+05:30"),
    ("Published: Sep 2, 2024, 17:07 IST | Updated: Sep 3, 2024, 09:00 IST",
     "2024-09-02T17:07:00+05:30"),
    ("Last Updated : 12 Nov 2024, 04:30 PM", "2024-11-12T16:30:00"),
])
def test_english_bylines_with_labels(text: str, expected: str) -> None:
    assert parse_byline_date(text) == expected


def _pipeline_doc(**record: object) -> Document:
    from khabar.pipeline import Pipeline
    from khabar.sources.base import RawRecord

    head = jsonld({"@type": "NewsArticle", "datePublished": "2024-01-05T09:00:00+05:30"})
    data = page(head=head).encode("utf-8")
    rec = RawRecord(data, "bytes", url="https://news.example.in/a/1", **record)  # type: ignore[arg-type]
    return Pipeline(steps=["decode", "extract"])(rec)


def test_pipeline_feed_date_kept_http_date_replaced() -> None:
    feed = _pipeline_doc(meta={"published": "2024-01-04T20:00:00+05:30",
                               "published_source": "feed"})
    assert feed.meta.published is not None
    assert (feed.meta.published.source, feed.meta.published.value) == (
        "feed", "2024-01-04T20:00:00+05:30")
    http = _pipeline_doc(headers={"Last-Modified": "Sun, 07 Jan 2024 10:00:00 GMT"})
    assert http.meta.published == PublishedTime("2024-01-05T09:00:00+05:30", "jsonld", 0.85)


def test_labelled_hindi_date_in_a_plain_paragraph_beats_htmldate() -> None:
    body = "<p>प्रकाशित: 12 नवंबर 2024</p><p>© 2023 नगर समाचार</p>"
    found = _published(body_top=body, url="https://news.example.in/pul")
    assert found is not None
    assert (found.value, found.source) == ("2024-11-12", "byline")
