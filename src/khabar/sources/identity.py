"""Document identity: the canonical URL, the content hash, and step ``dedup``.

The canonical URL has a lower-case scheme and host, no default port, no fragment, and no
tracking parameters (``utm_*``, ``fbclid``, ``gclid`` ...); meaningful query parameters stay,
sorted. The content hash is the SHA-256 of the extracted text with runs of white space made
one space, so one article served at two URLs hashes the same. ``dedup`` rejects a document
whose content hash was already seen in the batch (E109, naming the first copy).
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from khabar.document import Document, Rejection
from khabar.pipeline import Options, Step, register

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ocid", "cmpid", "twclid", "ttclid", "li_fat_id", "s_cid",
})
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str, *, drop: frozenset[str] = TRACKING_PARAMS) -> str:
    """``url`` normalised for identity; a string that is no URL comes back stripped."""
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in drop and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(sorted(query)), ""))


def content_hash(text: str) -> str:
    """SHA-256 (hex) of ``text`` with white space runs made one space and the ends trimmed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@register
class Dedup(Step):
    """Sets the canonical URL and the text hash; rejects exact repeats within a batch."""

    name = "dedup"
    requires = ("extract",)
    assigns = ("meta.content_hash", "meta.canonical_url")

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        extra = self.config.get("drop_params", [])
        self._drop = TRACKING_PARAMS | frozenset(str(p).lower() for p in extra)
        self._seen: dict[str, str] = {}
        self._urls: dict[str, str] = {}
        self._window: set[int] = set()

    def reset(self) -> None:
        """Forget what was seen: the pipeline calls this when a new batch or call starts."""
        self._seen.clear()
        self._urls.clear()
        self._window = set()

    def prepare(self, docs: list[Document]) -> None:
        self._window = {id(doc) for doc in docs}
        for doc in docs:
            self._check(doc)

    def __call__(self, doc: Document) -> None:
        if id(doc) not in self._window:
            self._check(doc)

    def _check(self, doc: Document) -> None:
        meta = doc.meta
        url = meta.canonical_url or meta.url
        if url:
            meta.canonical_url = canonical_url(url, drop=self._drop)
        if not doc.text.strip():
            return
        digest = content_hash(doc.text)
        meta.content_hash = digest
        label = meta.canonical_url or meta.path or doc.id
        first = self._seen.get(digest)
        if first is not None:
            doc.rejected = Rejection("E109", f"duplicate of {first} (same text)", self.name)
            return
        self._seen[digest] = label
        if meta.canonical_url:
            known = self._urls.setdefault(meta.canonical_url, digest)
            if known != digest:
                meta.flags.append("dedup:url-seen-with-other-text")

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_window"] = set()
        return state
