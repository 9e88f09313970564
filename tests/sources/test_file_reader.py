"""Files and folders: kinds sniffed from content, gzip undone, folders in order."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from localserver import LocalServer, Route, serve

from khabar.errors import InputNotFound
from khabar.sources.base import iter_records
from khabar.sources.sniff import sniff

__all__ = ["serve"]  # the local_server fixture

PAGE = "<html><body><p>सड़क पर नई बत्तियाँ लगीं।</p></body></html>"


@pytest.mark.parametrize(("head", "kind"), [
    (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
    (b'\xef\xbb\xbf{"text": "x"}\n{"text": "y"}', "jsonl"),
    (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
    (b'<?xml version="1.0"?><urlset xmlns="x">', "sitemap"),
    (b"<sitemapindex>", "sitemap"),
    (b"<!DOCTYPE html><html>", "document"),
    (b"{not json at all", "document"),
    (b"plain words, commas, text", "document"),
])
def test_sniff(head: bytes, kind: str) -> None:
    assert sniff(head, "whatever.bin", ("text", "html", "url")) == kind


def test_gzip_is_transparent(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "rows.data").write_bytes(gzip.compress(b'{"text": "a"}\n{"text": "b"}\n'))
    page, row_a, row_b = iter_records(str(tmp_path))
    assert page.data.decode() == PAGE
    assert [row_a.data, row_b.data] == [b"a", b"b"]


def test_folder_order_and_hidden_files(tmp_path: Path) -> None:
    for name in ("b.html", "a.html", ".hidden.html", "sub/c.txt"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(PAGE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.html").write_text(PAGE, encoding="utf-8")
    paths = [Path(r.path or "").relative_to(tmp_path).as_posix() for r in iter_records(tmp_path)]
    assert paths == ["a.html", "b.html", "sub/c.txt"]


def test_missing_path_raises() -> None:
    with pytest.raises(InputNotFound):
        list(iter_records(Path("/no/such/khabar/input")))


def test_feed_over_http_expands(local_server: LocalServer) -> None:
    items = "".join(
        f"<item><title>{i}</title><link>https://n.example/{i}</link>"
        f"<description>खबर {i}</description></item>" for i in range(3)
    )
    feed = f'<rss version="2.0"><channel><title>N</title>{items}</channel></rss>'
    local_server.routes["/feed"] = Route(body=feed.encode(),
                                         headers={"Content-Type": "application/rss+xml"})
    records = list(iter_records(local_server.url("/feed"), options=local_server.options()))
    assert [r.url for r in records] == [f"https://n.example/{i}" for i in range(3)]
    assert "खबर 2" in records[2].data.decode()


def test_gzipped_jsonl_over_http(local_server: LocalServer) -> None:
    rows = "\n".join(json.dumps({"text": f"पंक्ति {i}"}, ensure_ascii=False) for i in range(2))
    local_server.routes["/dump.jsonl.gz"] = Route(body=gzip.compress(rows.encode()))
    records = list(iter_records(local_server.url("/dump.jsonl.gz"),
                                options=local_server.options()))
    assert [r.data.decode() for r in records] == ["पंक्ति 0", "पंक्ति 1"]
