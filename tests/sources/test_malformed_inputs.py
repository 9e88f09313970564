"""Malformed inputs: each becomes a rejected Document with a reason, and the batch finishes."""

from __future__ import annotations

import gzip
import io
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from khabar.document import Document
from khabar.pipeline import Pipeline

GOOD = ("<html><head><title>मौसम</title></head><body><article>"
        "<p>मौसम विभाग ने अगले दो दिन तेज़ बारिश की चेतावनी दी है और लोगों से सावधान रहने को कहा।</p>"
        "<p>निचले इलाकों में रहने वालों के लिए राहत शिविर तैयार किए गए हैं।</p>"
        "</article></body></html>")


def warc_bytes(pages: int) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(pages):
        head = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        rec = writer.create_warc_record(f"https://w.example/{i}", "response",
                                        payload=io.BytesIO(GOOD.replace("दो", str(i)).encode()),
                                        http_headers=head)
        writer.write_record(rec)
    return buf.getvalue()


def with_length(data: bytes, which: int, length: str) -> bytes:
    """``data`` with the Content-Length of WARC record ``which`` (0-based) replaced."""
    parts = data.split(b"WARC/1.0\r\n")
    head, sep, rest = parts[which + 1].partition(b"Content-Length: ")
    old = rest.split(b"\r\n", 1)[0]
    parts[which + 1] = head + sep + length.encode() + rest[len(old):]
    return b"WARC/1.0\r\n".join(parts)


def run(*paths: Path) -> list[Document]:
    pipeline = Pipeline(steps=["decode", "extract", "dedup"])
    return list(pipeline.pipe([str(p) for p in paths]))


def rejection(doc: Document) -> tuple[str, str]:
    assert doc.rejected is not None, doc
    return doc.rejected.code, doc.rejected.reason


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_truncated_gzip(tmp_path: Path) -> None:
    packed = gzip.compress((GOOD * 50).encode())
    [doc] = run(write(tmp_path, "page.html.gz", packed[: len(packed) // 2]))
    code, reason = rejection(doc)
    assert code == "E102" and "damaged gzip" in reason


def test_warc_record_longer_than_the_file(tmp_path: Path) -> None:
    data = with_length(warc_bytes(3), 1, "999999")
    docs = run(write(tmp_path, "crawl.warc", data))
    assert docs[0].ok
    code, reason = rejection(docs[1])
    assert code == "E102" and "shorter than its declared length" in reason
    assert len(docs) == 2  # the bad length swallowed the third record


def test_warc_record_shorter_than_declared(tmp_path: Path) -> None:
    data = with_length(warc_bytes(3), 1, "40")
    docs = run(write(tmp_path, "crawl.warc", data))
    assert docs[0].ok
    assert any("WARC unreadable after record" in rejection(d)[1] for d in docs[1:]
               if d.rejected)


def test_html_without_body(tmp_path: Path) -> None:
    page = b'<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="/i.png">' \
        b"</head></html>"
    [doc] = run(write(tmp_path, "empty.html", page))
    code, reason = rejection(doc)
    assert code == "E103" and "no article text" in reason


def test_30_mb_page(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.write(b"<p>" + "बहुत लंबा पन्ना ".encode() * 64 + b"</p>\n" * 1)
        fh.seek(30 * 1024 * 1024)
        fh.write(b"</body></html>")
    [doc] = run(path)
    code, reason = rejection(doc)
    assert code == "E106" and "larger than the limit" in reason


def test_unknown_charset(tmp_path: Path) -> None:
    rng = random.Random(3)
    body = bytes(rng.choice(range(0xA1, 0xFB)) if rng.random() > 0.2 else 0x20
                 for _ in range(4000))
    page = b'<html><head><meta charset="x-iscii-devanagari"></head><body><p>' + body + b"</p>"
    [doc] = run(write(tmp_path, "iscii.html", page))
    code, reason = rejection(doc)
    assert code == "E105" and "x-iscii-devanagari" in reason


def test_binary_junk_named_html(tmp_path: Path) -> None:
    [doc] = run(write(tmp_path, "story.html", random.Random(5).randbytes(20000)))
    code, reason = rejection(doc)
    assert code == "E104" and "binary" in reason


def test_one_batch_with_everything_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    packed = gzip.compress(GOOD.encode())
    write(folder, "a-good.html", GOOD.encode())
    write(folder, "b-truncated.html.gz", packed[:40])
    write(folder, "c-crawl.warc", with_length(warc_bytes(2), 0, "999999"))
    write(folder, "d-junk.html", random.Random(5).randbytes(5000))
    write(folder, "e-nobody.html", b"<html><head></head></html>")
    docs = run(folder)
    codes = [d.rejected.code if d.rejected else "ok" for d in docs]
    assert codes == ["ok", "E102", "E102", "E104", "E103"]
    assert all(d.rejected.reason for d in docs if d.rejected)


@pytest.mark.parametrize("name", ["x.html", "x.txt"])
def test_lone_damaged_gzip_raises_for_single_analysis(tmp_path: Path, name: str) -> None:
    from khabar.errors import InputError

    path = write(tmp_path, name + ".gz", gzip.compress(GOOD.encode())[:30])
    with pytest.raises(InputError, match="damaged gzip"):
        Pipeline(steps=["decode"])(str(path))
