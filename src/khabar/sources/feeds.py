"""RSS / Atom feeds (feedparser) and XML sitemaps.

A feed item with content becomes a record of that content (HTML), titled, its URL the item's
link and its date passed on as ``meta["published"]`` (source ``feed``) for the date cascade.
An item without content, and every sitemap URL, is fetched over HTTP (politely, see
:mod:`khabar.sources.http`); a fetch that fails becomes a failed record, the batch goes on.
Sitemap indexes are followed one level deep.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

import feedparser
from lxml import etree

from khabar.document import Rejection
from khabar.errors import InputError, KhabarError
from khabar.sources.base import RawRecord, ReadStats

if TYPE_CHECKING:
    from khabar.pipeline import Options
    from khabar.sources.http import Fetcher

log = logging.getLogger(__name__)

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _config(options: Options | None) -> dict[str, Any]:
    return options.for_step("feeds") if options is not None else {}


def read_feed(
    data: bytes, origin: str, *, options: Options | None = None,
    stats: ReadStats | None = None, path: str | None = None, url: str | None = None,
) -> Iterator[RawRecord]:
    """One record per feed item (its content, or the linked page when it has none)."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        reason = f"{origin}: not a readable feed ({parsed.get('bozo_exception')})"
        yield RawRecord.failed(path, InputError(reason), kind="feed")
        return
    cfg = _config(options)
    site = str(parsed.feed.get("title") or "") or None
    fetch_links = bool(cfg.get("fetch_links", False))
    limit = int(cfg.get("max_items", 1000))
    with _LazyFetcher(options) as fetcher:
        for entry in parsed.entries[:limit]:
            yield _feed_item(entry, site, path, fetcher, fetch_links)


def _feed_item(
    entry: Any, site: str | None, path: str | None, fetcher: _LazyFetcher, fetch_links: bool
) -> RawRecord:
    link = str(entry.get("link") or "") or None
    meta = {"title": str(entry.get("title") or ""), "site_name": site or ""}
    published = feed_date(entry.get("published") or entry.get("updated"))
    if published:
        meta.update(published=published, published_source="feed")
    body = _entry_html(entry)
    if link and (fetch_links or not body):
        record = fetcher.get(link)
        record.meta = {**meta, **record.meta} if record.error is None else meta
        return record
    if not body:
        reason = "feed item has neither content nor a link"
        return RawRecord(b"", "feed", path=path, meta=meta,
                         error=Rejection("E103", reason, "read"))
    page = _as_page(meta["title"], body)
    return RawRecord(page, "feed", url=link, path=path, meta=meta,
                     headers={"Content-Type": "text/html; charset=utf-8"})


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((str(c.get("value") or "") for c in contents), key=len, default="")
    return best or str(entry.get("summary") or "")


def _as_page(title: str, body: str) -> bytes:
    head = f"<title>{html.escape(title)}</title>" if title else ""
    heading = f"<h1>{html.escape(title)}</h1>" if title else ""
    page = f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head>" \
           f"<body><article>{heading}{body}</article></body></html>"
    return page.encode("utf-8")


def feed_date(value: Any) -> str | None:
    """An RFC 822 (RSS) or RFC 3339 (Atom) date as ISO 8601 with its own offset kept."""
    if not value:
        return None
    text = str(value).strip()
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.date().isoformat() if len(text) == 10 else parsed.isoformat()


def read_sitemap(
    data: bytes, origin: str, *, options: Options | None = None,
    stats: ReadStats | None = None, path: str | None = None, url: str | None = None,
    depth: int = 0,
) -> Iterator[RawRecord]:
    """The pages a sitemap lists, fetched; a sitemap index's sitemaps are followed once."""
    try:
        root = etree.fromstring(data, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        yield RawRecord.failed(path, InputError(f"{origin}: not a readable sitemap: {exc}"),
                               kind="sitemap")
        return
    limit = int(_config(options).get("max_items", 1000))
    is_index = etree.QName(root).localname == "sitemapindex"
    with _LazyFetcher(options) as fetcher:
        for loc, meta in list(sitemap_entries(root))[:limit]:
            if not is_index:
                record = fetcher.get(loc)
                record.meta = {**meta, **record.meta}
                yield record
            elif depth == 0:
                yield from _nested_sitemap(fetcher, loc, options, stats, path)


def _nested_sitemap(
    fetcher: _LazyFetcher, loc: str, options: Options | None,
    stats: ReadStats | None, path: str | None,
) -> Iterator[RawRecord]:
    record = fetcher.get(loc)
    if record.error is not None:
        yield record
        return
    yield from read_sitemap(record.data, loc, options=options, stats=stats, path=path,
                            url=loc, depth=1)


def sitemap_entries(root: Any) -> Iterator[tuple[str, dict[str, str]]]:
    """(URL, meta) for each ``<url>`` or ``<sitemap>``: lastmod, news date and title."""
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = (node.findtext(f"{SITEMAP_NS}loc") or node.findtext("loc") or "").strip()
        if not loc:
            continue
        meta: dict[str, str] = {}
        news_date = node.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")
        lastmod = node.findtext(f"{SITEMAP_NS}lastmod") or node.findtext("lastmod")
        date = feed_date(news_date) or feed_date(lastmod)
        if date:
            meta.update(published=date, published_source="sitemap")
        title = node.findtext(f"{NEWS_NS}news/{NEWS_NS}title")
        if title:
            meta["title"] = title.strip()
        yield loc, meta


def _safe_parser() -> Any:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           remove_comments=True)


class _LazyFetcher:
    """One HTTP Fetcher for a container, opened on first use; failures become records."""

    def __init__(self, options: Options | None) -> None:
        self._options = options
        self._fetcher: Fetcher | None = None

    def __enter__(self) -> _LazyFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def get(self, url: str) -> RawRecord:
        if self._fetcher is None:
            from khabar.sources.http import Fetcher

            self._fetcher = Fetcher(self._options)
        try:
            return self._fetcher.fetch(url)
        except KhabarError as exc:
            record = RawRecord.failed(None, exc, kind="url")
            record.url = url
            return record
