"""Step ``extract``: decoded text (HTML or scraped text) to blocks, metadata, boilerplate."""

from __future__ import annotations

import regex

from khabar.document import Document, Rejection
from khabar.extract.base import Extracted, apply_extracted
from khabar.pipeline import Step, register

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
        from khabar.extract.scraped import read_scraped

        return read_scraped(source, config=self.config)
