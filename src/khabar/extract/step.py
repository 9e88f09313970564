"""Step ``extract``: decoded text (HTML or scraped text) to blocks, metadata, boilerplate.

``prepare(docs)`` sees a window of documents first and learns the lines each site repeats
across them (``[extract] repeat_min_share`` / ``repeat_min_docs``); the scraped-text reader
then removes those lines with rule ``site-repeat``.
"""

from __future__ import annotations

import logging

import regex

from khabar.document import Document, Rejection
from khabar.extract.base import Extracted, apply_extracted
from khabar.pipeline import Options, Step, register

log = logging.getLogger(__name__)

_HTML_RE = regex.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|article)\b",
    regex.IGNORECASE | regex.DOTALL,
)


def looks_like_html(text: str, content_type: str | None = None) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    return bool(_HTML_RE.match(text[:4096]))


@register
class Extract(Step):
    name = "extract"
    requires = ("decode",)
    assigns = ("text", "blocks", "boilerplate", "meta")

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._repeats: dict[str, frozenset[str]] = {}

    def prepare(self, docs: list[Document]) -> None:
        """Learn the lines repeated across the window's documents of each site."""
        from khabar.extract.repeats import learn_repeats, site_of

        pages = [
            (site_of(d), d.source_text)
            for d in docs
            if d.source_text and not looks_like_html(d.source_text, d.meta.content_type)
        ]
        self._repeats = learn_repeats(
            ((site, text) for site, text in pages if text is not None),
            min_share=float(self.config.get("repeat_min_share", 0.5)),
            min_docs=int(self.config.get("repeat_min_docs", 3)),
        )
        if self._repeats:
            log.debug("site-repeated lines: %s",
                      {site: len(keys) for site, keys in self._repeats.items()})

    def __call__(self, doc: Document) -> None:
        source = doc.source_text or ""
        ext = self._extract(doc, source)
        apply_extracted(doc, ext)
        if not doc.text.strip():
            doc.rejected = Rejection("E103", "no article text found in the input", self.name)

    def _extract(self, doc: Document, source: str) -> Extracted:
        if looks_like_html(source, doc.meta.content_type):
            from khabar.extract.html import extract_html

            return extract_html(source, url=doc.meta.url, config=self.config)
        from khabar.extract.repeats import site_of
        from khabar.extract.scraped import read_scraped

        site = site_of(doc)
        repeated = self._repeats.get(site, frozenset()) if site is not None else frozenset()
        return read_scraped(source, config=self.config, repeated=repeated)
