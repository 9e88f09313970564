"""Step ``extract``: decoded text (HTML or scraped text) to blocks, metadata, boilerplate.

``prepare(docs)`` sees a window of documents first and learns the lines each site repeats
across them (``[extract] repeat_min_share`` / ``repeat_min_docs``): the lines of scraped
text, the extracted paragraphs of HTML pages (extracted once, in ``prepare``, and kept for
the call on the document). Those lines are then removed with rule ``site-repeat``.
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
        self._html: dict[int, Extracted] = {}

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_html"] = {}
        return state

    def prepare(self, docs: list[Document]) -> None:
        """Learn the lines repeated across the window's documents of each site."""
        from khabar.extract.repeats import learn_repeats, site_of

        self._html = {}
        self._repeats = {}
        min_docs = int(self.config.get("repeat_min_docs", 3))
        if len(docs) < max(2, min_docs):
            return
        pages: list[tuple[str | None, str]] = []
        for doc in docs:
            source = doc.source_text
            if not source:
                continue
            if looks_like_html(source, doc.meta.content_type):
                ext = self._prepare_html(doc, source)
                if ext is None:
                    continue
                source = "\n".join(text for _, text in ext.blocks)
            pages.append((site_of(doc), source))
        self._repeats = learn_repeats(
            pages,
            min_share=float(self.config.get("repeat_min_share", 0.5)),
            min_docs=min_docs,
        )
        if self._repeats:
            log.debug("site-repeated lines: %s",
                      {site: len(keys) for site, keys in self._repeats.items()})

    def _prepare_html(self, doc: Document, source: str) -> Extracted | None:
        try:
            ext = self._extract_html(doc, source)
        except Exception:  # the call on the document fails again and records the error
            log.debug("HTML extraction failed in prepare for %s", doc.id, exc_info=True)
            return None
        self._html[id(doc)] = ext
        return ext

    def __call__(self, doc: Document) -> None:
        source = doc.source_text or ""
        ext = self._extract(doc, source)
        apply_extracted(doc, ext)
        if not doc.text.strip():
            doc.rejected = Rejection("E103", "no article text found in the input", self.name)

    def _repeated(self, doc: Document) -> frozenset[str]:
        from khabar.extract.repeats import site_of

        site = site_of(doc)
        return self._repeats.get(site, frozenset()) if site is not None else frozenset()

    def _extract(self, doc: Document, source: str) -> Extracted:
        if looks_like_html(source, doc.meta.content_type):
            from khabar.extract.repeats import drop_repeated_blocks

            ext = self._html.pop(id(doc), None) or self._extract_html(doc, source)
            drop_repeated_blocks(ext, self._repeated(doc))
            return ext
        from khabar.extract.scraped import read_scraped

        return read_scraped(source, config=self.config, repeated=self._repeated(doc))

    def _extract_html(self, doc: Document, source: str) -> Extracted:
        from khabar.extract.html import extract_html

        return extract_html(source, url=doc.meta.url, config=self.config)
