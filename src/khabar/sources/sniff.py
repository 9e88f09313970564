"""What a file or body holds, judged by its first bytes (the name is only a hint)."""

from __future__ import annotations

import json

import regex

# Kinds a reader knows: containers first, then single documents.
CONTAINERS = ("warc", "jsonl", "csv", "feed", "sitemap")

_XML_ROOT = regex.compile(
    rb"<(?!\?|!)(?:[A-Za-z_][\w.-]*:)?(?P<tag>[A-Za-z_][\w.-]*)", regex.ASCII
)
_FEED_ROOTS = {b"rss", b"feed", b"rdf"}
_SITEMAP_ROOTS = {b"urlset", b"sitemapindex"}
_BOM = b"\xef\xbb\xbf"
# A header cell: a name such as ``text``, ``article_url`` or ``meta.date`` (no spaces).
_COLUMN = regex.compile(r"[a-z_][a-z0-9_.-]{0,63}")


def sniff(head: bytes, name: str = "", table_fields: tuple[str, ...] = ()) -> str:
    """One of warc, jsonl, csv, feed, sitemap, or document (HTML, text or junk).

    ``head`` is the start of the (decompressed) content. ``table_fields`` are the column
    names a CSV must have one of (the configured text/html/url fields).
    """
    body = head.removeprefix(_BOM).lstrip()
    if body.startswith(b"WARC/"):
        return "warc"
    if body.startswith(b"<"):
        return _xml_kind(body)
    if body.startswith(b"{") and _first_line_is_object(body):
        return "jsonl"
    if table_fields and _looks_like_csv(body, name, table_fields):
        return "csv"
    return "document"


def _xml_kind(body: bytes) -> str:
    for match in _XML_ROOT.finditer(body[:4096]):
        tag = match.group("tag").lower()
        if tag in _FEED_ROOTS:
            return "feed"
        if tag in _SITEMAP_ROOTS:
            return "sitemap"
        return "document"
    return "document"


def _first_line_is_object(body: bytes) -> bool:
    line = body.split(b"\n", 1)[0].strip()
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def _looks_like_csv(body: bytes, name: str, fields: tuple[str, ...]) -> bool:
    first = body.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
    delimiter = "\t" if "\t" in first or name.lower().endswith(".tsv") else ","
    if delimiter not in first:
        return False
    columns = [c.strip().strip('"').strip() for c in first.split(delimiter)]
    if len(columns) < 2 or not all(_COLUMN.fullmatch(c) for c in columns):
        return False
    return any(f.lower() in columns for f in fields if f)
