"""Lines a site repeats across its pages: menus, footers, taglines, "follow us" blurbs.

When several documents are read together, a line whose match key occurs in at least
``min_docs`` distinct documents of one site, and in at least ``min_share`` of that site's
documents in the window, is taken for site boilerplate. The site of a document is its URL's
host, else the folder its file is in.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import urlsplit

from khabar.document import Document
from khabar.extract.boilerplate import match_key

MAX_LINE_CHARS = 1000


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
