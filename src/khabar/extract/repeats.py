"""Lines a site repeats across its pages: menus, footers, taglines, "follow us" blurbs.

When several documents are read together, a line whose match key occurs in at least
``min_docs`` distinct documents of one site, and in at least ``min_share`` of that site's
documents in the window, is taken for site boilerplate. The site of a document is its URL's
host, else the folder its file is in. Scraped text is compared line by line; an HTML page by
the paragraphs its extractor returns.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from pathlib import PurePath
from urllib.parse import urlsplit

from khabar.document import BlockKind, Boilerplate, Document
from khabar.extract.base import Extracted
from khabar.extract.boilerplate import match_key
from khabar.extract.shapes import is_body_like

MAX_LINE_CHARS = 1000
RULE_SITE_REPEAT = "site-repeat"


def site_of(doc: Document) -> str | None:
    """The site a document belongs to: URL host (without ``www.``), else its folder."""
    for url in (doc.meta.url, doc.meta.canonical_url):
        if url:
            host = urlsplit(url).hostname
            if host:
                return host.lower().removeprefix("www.")
    path = doc.meta.path
    if path and path != "-":
        return "folder:" + str(PurePath(path).parent)
    return None


def line_keys(text: str) -> set[str]:
    """The distinct match keys of a text's non-empty lines (very long lines left out)."""
    keys = {match_key(line) for line in text.splitlines() if len(line) <= MAX_LINE_CHARS}
    keys.discard("")
    return keys


def learn_repeats(
    pages: Iterable[tuple[str | None, str]], *, min_share: float, min_docs: int
) -> dict[str, frozenset[str]]:
    """Repeated line keys per site, from ``(site, text)`` pairs; identical texts count once."""
    seen: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for site, text in pages:
        if site is None:
            continue
        digest = hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).hexdigest()
        if digest in seen[site]:
            continue
        seen[site].add(digest)
        counts[site].update(line_keys(text))
    out: dict[str, frozenset[str]] = {}
    for site, counter in counts.items():
        total = len(seen[site])
        need = max(min_docs, 1)
        keys = frozenset(k for k, n in counter.items() if n >= need and n / total >= min_share)
        if keys:
            out[site] = keys
    return out


def drop_repeated_blocks(
    ext: Extracted, repeated: Collection[str], rule: str = RULE_SITE_REPEAT
) -> None:
    """Move an extractor's paragraphs and headings the site repeats into its boilerplate.

    Used for HTML pages, whose blocks come from the HTML extractor; ``line`` is the block's
    index. When every running-text paragraph would go (the same article read several times),
    those paragraphs stay.
    """
    if not repeated:
        return
    hits = {
        i for i, (kind, text) in enumerate(ext.blocks)
        if kind in ("paragraph", "heading") and match_key(text) in repeated
    }
    prose = {i for i, (kind, text) in enumerate(ext.blocks)
             if kind == "paragraph" and is_body_like(" ".join(text.split()))}
    if prose and prose <= hits:
        hits -= prose
    kept: list[tuple[BlockKind, str]] = []
    for i, (kind, text) in enumerate(ext.blocks):
        if i in hits:
            ext.boilerplate.append(Boilerplate(text, rule, i))
        else:
            kept.append((kind, text))
    ext.blocks = kept
