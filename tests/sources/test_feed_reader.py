"""RSS, Atom and sitemaps: items as records, their dates passed on for the date cascade."""

from __future__ import annotations

from pathlib import Path

from localserver import LocalServer, Route, serve

from khabar.sources.base import ReadStats, document_from_record, iter_records
from khabar.sources.feeds import read_sitemap

__all__ = ["serve"]  # the local_server fixture

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>नगर समाचार</title><link>https://nagar.example/</link>
<item><title>पानी की आपूर्ति बहाल</title><link>https://nagar.example/pani?utm_source=rss</link>
<pubDate>Tue, 10 Jun 2025 09:30:00 +0530</pubDate>
<description>छोटा सार</description>
<content:encoded><![CDATA[<p>तीन दिन बाद शहर के पूर्वी हिस्से में पानी की आपूर्ति फिर शुरू हुई।</p>
<p>जल विभाग ने पाइपलाइन की मरम्मत पूरी की।</p>]]></content:encoded></item>
<item><title>सिर्फ़ सार</title><link>https://nagar.example/saar</link>
<description>&lt;p&gt;बाज़ार में सब्ज़ियों के दाम घटे।&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Daily Ledger</title>
<entry><title>Council passes budget</title><link href="https://ledger.example/budget"/>
<id>tag:ledger.example,2025:1</id><updated>2025-02-01T18:45:00Z</updated>
<content type="html">&lt;p&gt;The council approved the budget by nine votes to four.&lt;/p&gt;
</content>
</entry></feed>"""


def test_rss_items_with_dates_and_titles(tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"  # the name does not say it is a feed
    path.write_text(RSS, encoding="utf-8")
    records = list(iter_records(str(path)))
    assert [r.kind for r in records] == ["feed", "feed"]
    first, second = records
    assert first.url == "https://nagar.example/pani?utm_source=rss"
    assert "पाइपलाइन की मरम्मत" in first.data.decode()
    assert "बाज़ार में सब्ज़ियों" in second.data.decode()
    doc = document_from_record(first)
    assert doc.meta.title == "पानी की आपूर्ति बहाल"
    assert doc.meta.site_name == "नगर समाचार"
    assert doc.meta.published is not None
    assert doc.meta.published.value == "2025-06-10T09:30:00+05:30"
    assert doc.meta.published.source == "feed"
    assert document_from_record(second).meta.published is None


def test_atom_entry(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xml"
    path.write_text(ATOM, encoding="utf-8")
    [record] = iter_records(str(path))
    assert record.url == "https://ledger.example/budget"
    assert "nine votes to four" in record.data.decode()
    assert record.meta["published"] == "2025-02-01T18:45:00+00:00"


def test_item_without_content_is_fetched(tmp_path: Path, local_server: LocalServer) -> None:
    page = "<html><body><p>पूरी खबर यहाँ है।</p></body></html>".encode()
    local_server.routes["/story"] = Route(body=page, headers={"Content-Type": "text/html"})
    feed = f"""<rss version="2.0"><channel><title>T</title>
    <item><title>खाली</title><link>{local_server.url('/story')}</link></item>
    <item><title>टूटा</title><link>{local_server.url('/gone')}</link></item>
    </channel></rss>"""
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    ok, gone = iter_records(str(path), options=local_server.options())
    assert ok.data == page and ok.meta["title"] == "खाली"
    assert gone.error is not None and gone.error.code == "E107"
    assert gone.url == local_server.url("/gone")


def test_sitemap_pages_fetched_with_lastmod(tmp_path: Path, local_server: LocalServer) -> None:
    for name in ("a", "b"):
        local_server.routes[f"/p/{name}"] = Route(body=f"<p>{name}</p>".encode())
    inner = f"""<?xml version="1.0"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>{local_server.url('/p/a')}</loc><lastmod>2025-01-05</lastmod></url>
    <url><loc>{local_server.url('/p/b')}</loc><news:news>
      <news:publication_date>2025-01-06T08:00:00+05:30</news:publication_date>
      <news:title>बी</news:title></news:news></url>
    </urlset>"""
    local_server.routes["/sitemap-1.xml"] = Route(body=inner.encode())
    index = f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>{local_server.url('/sitemap-1.xml')}</loc></sitemap></sitemapindex>"""
    path = tmp_path / "sitemap.xml"
    path.write_text(index, encoding="utf-8")
    records = list(iter_records(str(path), options=local_server.options()))
    assert [r.data for r in records] == [b"<p>a</p>", b"<p>b</p>"]
    assert records[0].meta == {"published": "2025-01-05", "published_source": "sitemap"}
    assert records[1].meta["published"] == "2025-01-06T08:00:00+05:30"
    assert records[1].meta["title"] == "बी"


def test_broken_sitemap_is_one_failed_record() -> None:
    [record] = read_sitemap(b"<urlset><url><loc>http://x", "broken.xml", stats=ReadStats())
    assert record.error is not None and "not a readable sitemap" in record.error.reason
