"""WARC, WET and WAT captures from ../shared/data/warc-samples through the WARC reader."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from khabar.sources.base import ReadStats, iter_records
from khabar.sources.sniff import sniff
from support import shared_path

SAMPLES = ("data", "warc-samples")


def read(name: str) -> tuple[list[str], list[bytes], list[str | None], ReadStats]:
    stats = ReadStats()
    records = list(iter_records(str(shared_path(*SAMPLES, name)), stats=stats))
    assert all(r.error is None for r in records)
    return [r.url or "" for r in records], [r.data for r in records], \
        [r.fetched_at for r in records], stats


def test_common_crawl_warc_keeps_the_html_response() -> None:
    urls, bodies, dates, stats = read("commoncrawl_whirlwind.warc.gz")
    assert urls == ["https://an.wikipedia.org/wiki/Escopete"]
    assert bodies[0].lstrip().lower().startswith(b"<!doctype html")
    assert dates == ["2024-05-18T01:58:10Z"]
    assert stats.skipped == {"warc warcinfo record": 1, "warc request record": 1,
                             "warc metadata record": 1}


def test_wet_conversion_is_plain_text() -> None:
    stats = ReadStats()
    path = shared_path(*SAMPLES, "commoncrawl_whirlwind.warc.wet.gz")
    [record] = iter_records(str(path), stats=stats)
    assert record.kind == "wet"
    assert record.headers["Content-Type"].startswith("text/plain")
    assert b"<" not in record.data[:200]
    assert "Escopete" in record.data.decode("utf-8")
    assert stats.skipped == {"warc warcinfo record": 1}


def test_wat_holds_no_documents() -> None:
    urls, _, _, stats = read("commoncrawl_whirlwind.warc.wat.gz")
    assert urls == []
    assert stats.skipped["warc metadata record"] == 1


def test_chunked_transfer_encoding_is_undone() -> None:
    urls, bodies, _, stats = read("warcio_example-iana.org-chunked.warc")
    assert urls == ["http://www.iana.org/"]
    body = bodies[0]
    assert body.rstrip().endswith(b"</html>")
    assert b"\r\n0\r\n" not in body[-20:]  # no chunk trailer left
    assert stats.skipped["warc request record"] == 1


def test_revisit_records_are_skipped() -> None:
    urls, _, _, stats = read("warcio_example.warc.gz")
    assert urls == ["http://example.com/"]
    assert stats.skipped["warc revisit record"] == 1
    assert stats.skipped["warc warcinfo record"] == 2


def test_sniffed_by_content_not_name() -> None:
    data = shared_path(*SAMPLES, "warcio_example-iana.org-chunked.warc").read_bytes()
    assert sniff(data[:4096], "capture.bin") == "warc"
    assert sniff(b"<html><body>x</body></html>", "capture.warc") == "document"


def test_resource_records_and_non_html_responses(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    page = "<html><body><p>संग्रह से एक पन्ना।</p></body></html>".encode()
    writer.write_record(writer.create_warc_record(
        "file:///saved/page.html", "resource", payload=io.BytesIO(page),
        warc_content_type="text/html"))
    css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://s.example/site.css", "response", payload=io.BytesIO(b"p{}"), http_headers=css))
    path = tmp_path / "saved.warc.gz"
    path.write_bytes(buf.getvalue())
    stats = ReadStats()
    [record] = iter_records(str(path), stats=stats)
    assert record.data == page and record.url == "file:///saved/page.html"
    assert stats.skipped == {"warc response text/css": 1}
