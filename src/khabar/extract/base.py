"""What an extractor returns, and how it becomes the Document's one normalised text."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.document import Block, BlockKind, Boilerplate, Document, PublishedTime
from khabar.lang.normalize import normalize_text

BLOCK_SEPARATOR = "\n\n"


@dataclass(slots=True)
class Extracted:
    """An extractor's result: blocks in reading order plus metadata and removed lines."""

    blocks: list[tuple[BlockKind, str]] = field(default_factory=list)
    title: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published: PublishedTime | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    declared_language: str | None = None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def apply_extracted(doc: Document, ext: Extracted) -> None:
    """Fill ``doc`` from ``ext``: normalised text with block offsets, then metadata."""
    parts: list[str] = []
    pos = 0
    for kind, raw in ext.blocks:
        text = normalize_text(raw)
        if not text:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
        doc.blocks.append(Block(kind, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    doc.text = "".join(parts)
    meta = doc.meta
    meta.title = normalize_text(ext.title) if ext.title else meta.title
    meta.section = normalize_text(ext.section) if ext.section else meta.section
    meta.authors.extend(normalize_text(a) for a in ext.authors)
    # The more confident date wins: a feed's date (0.9) over the page's structured data,
    # the page's over an HTTP Last-Modified (0.3); on a tie the reader's date stays.
    if ext.published and (meta.published is None
                          or ext.published.confidence > meta.published.confidence):
        meta.published = ext.published
    meta.canonical_url = ext.canonical_url or meta.canonical_url
    meta.site_name = ext.site_name or meta.site_name
    meta.declared_language = ext.declared_language or meta.declared_language
    meta.flags.extend(ext.flags)
    doc.boilerplate.extend(ext.boilerplate)
