"""HTML extraction: main text with its paragraphs and headings, metadata, boilerplate aside.

1. The page is parsed once (lxml); its metadata is read from that tree
   (:mod:`khabar.extract.metadata`).
2. The main text comes from ``trafilatura`` (deduplication off: it is not deterministic) as
   its XML body, so paragraphs (``p``, list items, quotes) and headings (``head``) stay
   apart; a short paragraph that is all bold is a subheading too. Comments never reach the
   text: trafilatura is asked to find them so that it prunes them from the main text
   (without that, comment areas leak into it), and what it found is dropped.
3. When trafilatura finds nothing, or mostly tables and link lists, ``readability-lxml`` is
   the second engine; the result with more running text wins.
4. Post-cleaning (:mod:`khabar.extract.cleaning`) drops inline "ये भी पढ़ें" / "Also Read"
   lines, share and subscribe lines, leading menus and the repeated headline; every removed
   line goes to ``Extracted.boilerplate`` with its rule.

Bad HTML never raises: the result is then empty and the extract step rejects the document.
"""

from __future__ import annotations

import logging
from typing import Any

from khabar.document import BlockKind
from khabar.extract.base import Extracted
from khabar.extract.cleaning import clean_blocks
from khabar.extract.metadata import page_metadata
from khabar.extract.pagedata import HtmlElement, collect, parse_tree

logger = logging.getLogger(__name__)

RawBlock = tuple[BlockKind, str, bool]  # kind, text, from a table or list
MIN_TEXT_CHARS = 200
MAX_NOISE_SHARE = 0.6
MAX_BOLD_HEADING_WORDS = 15
BLOCK_TAGS = frozenset({"p", "head", "list", "table", "quote", "div", "code"})
MAX_DEPTH = 8


def extract_html(html: str, *, url: str | None, config: dict[str, Any]) -> Extracted:
    """Blocks (title first), metadata and removed boilerplate of one HTML page."""
    ext = Extracted()
    tree = parse_tree(html)
    if tree is None:
        return ext
    page = collect(tree, url)
    languages = tuple(config.get("boilerplate_languages", ("hi", "en")))
    meta = page_metadata(page, languages)
    blocks, engine = main_blocks(tree, url)
    if engine != "trafilatura":
        ext.flags.append(f"extract:engine={engine}")
    kept, removed = clean_blocks(blocks, meta.title, languages)
    if meta.title:
        ext.blocks.append(("title", meta.title))
    ext.blocks.extend(kept)
    ext.boilerplate = removed
    ext.title = meta.title
    ext.authors = meta.authors
    ext.section = meta.section
    ext.published = meta.published
    ext.canonical_url = meta.canonical_url
    ext.site_name = meta.site_name
    ext.declared_language = meta.language
    return ext


def main_blocks(tree: HtmlElement, url: str | None) -> tuple[list[RawBlock], str]:
    """The main text's blocks and the engine that gave them (trafilatura or readability)."""
    first = _trafilatura_blocks(tree, url)
    if _good(first):
        return first, "trafilatura"
    second = _readability_blocks(tree)
    if _prose_chars(second) > _prose_chars(first):
        logger.debug("readability used for %s", url)
        return second, "readability"
    return first, "trafilatura"


def _prose_chars(blocks: list[RawBlock]) -> int:
    return sum(len(text) for _, text, noisy in blocks if not noisy)


def _good(blocks: list[RawBlock]) -> bool:
    total = sum(len(text) for _, text, _ in blocks)
    prose = _prose_chars(blocks)
    return prose >= MIN_TEXT_CHARS and (total - prose) <= MAX_NOISE_SHARE * total


def _trafilatura_blocks(tree: HtmlElement, url: str | None) -> list[RawBlock]:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            tree, url=url, include_comments=True, deduplicate=False, with_metadata=False,
            include_tables=True, include_images=False, include_links=False,
            include_formatting=True,
        )
    except Exception as exc:  # noqa: BLE001 - a third-party engine must never stop the batch
        logger.warning("trafilatura failed on %s: %s", url, exc)
        return []
    if result is None or isinstance(result, dict) or result.body is None:
        return []
    return body_blocks(result.body)


def body_blocks(body: Any, depth: int = 0) -> list[RawBlock]:
    """Blocks of trafilatura's XML body: ``head`` → heading, the rest → paragraphs.

    A node holding block nodes (a ``p`` or ``div`` around paragraphs and headings) is opened
    rather than flattened, so its parts stay apart.
    """
    blocks: list[RawBlock] = [("paragraph", t, False) for t in _loose(body.text)]
    for node in body:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "head" or (tag == "p" and _bold_line(node)):
            blocks.extend(("heading", t, False) for t in _lines(node))
        elif tag in ("list", "table"):
            for item in node.iter("item", "row"):
                blocks.extend(("paragraph", t, True) for t in _lines(item))
        elif tag and depth < MAX_DEPTH and any(c.tag in BLOCK_TAGS for c in node):
            blocks.extend(body_blocks(node, depth + 1))
        elif tag and tag != "graphic":
            blocks.extend(("paragraph", t, False) for t in _lines(node))
        blocks.extend(("paragraph", t, False) for t in _loose(node.tail))
    return blocks


def _bold_line(node: Any) -> bool:
    """A short paragraph that is all bold: a subheading the page did not mark as one."""
    if len(node) != 1 or (node.text or "").strip() or (node[0].tail or "").strip():
        return False
    child = node[0]
    if child.tag != "hi" or child.get("rend") not in ("#b", "#strong") or len(child):
        return False
    text = (child.text or "").strip()
    return 0 < len(text.split()) <= MAX_BOLD_HEADING_WORDS and not text.endswith(":")


def _loose(text: str | None) -> list[str]:
    """Text standing between the body's elements (trafilatura leaves some there)."""
    return [" ".join(line.split()) for line in (text or "").split("\n") if line.strip()]


def _lines(node: Any) -> list[str]:
    """The node's text, one entry per line break (``lb``), white space collapsed."""
    parts: list[str] = [""]
    _walk(node, parts)
    return [" ".join(p.split()) for p in parts if p.strip()]


def _walk(node: Any, parts: list[str]) -> None:
    if node.tag == "lb":
        parts.append("")
    else:
        parts[-1] += node.text or ""
        for child in node:
            _walk(child, parts)
            parts[-1] += child.tail or ""


def _readability_blocks(tree: HtmlElement) -> list[RawBlock]:
    try:
        from lxml import html as lxml_html
        from readability import Document as Readability

        summary = Readability(lxml_html.tostring(tree, encoding="unicode")).summary(
            html_partial=True)
        root = lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception as exc:  # noqa: BLE001 - a third-party engine must never stop the batch
        logger.debug("readability failed: %s", exc)
        return []
    blocks: list[RawBlock] = []
    for node in root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td"):
        text = " ".join(node.text_content().split())
        if not text:
            continue
        if node.tag in ("h1", "h2", "h3", "h4"):
            blocks.append(("heading", text, False))
        elif node.tag not in ("li", "td") or not node.xpath("ancestor::p"):
            blocks.append(("paragraph", text, node.tag in ("li", "td")))
    return blocks
