"""What a page declares about itself: meta tags, JSON-LD objects, links, ``lang``.

Collected once per page from the parsed tree, read by the title, author, section and date
extractors. Never raises on bad markup or broken JSON-LD (skipped and logged).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from lxml import html as lxml_html

logger = logging.getLogger(__name__)

# lxml has no type stubs here: its elements are typed as Any.
HtmlElement: TypeAlias = Any
ARTICLE_TYPES = ("article", "newsarticle", "reportage", "blogposting", "liveblogposting",
                 "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
                 "reviewnewsarticle", "webpage", "videoobject")


@dataclass(slots=True)
class PageData:
    """Meta tags (lower-cased ``name``/``property``/``itemprop`` → contents), JSON-LD, links."""

    tree: HtmlElement
    url: str | None = None
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)
    lang: str | None = None

    def first(self, *keys: str) -> str | None:
        """The first non-empty meta content under any of ``keys``, in the order given."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value.strip()
        return None

    def articles(self) -> list[dict[str, Any]]:
        """JSON-LD objects that describe the article (news types first, then any with dates)."""
        typed = [o for o in self.jsonld if _type_rank(o) is not None]
        typed.sort(key=lambda o: _type_rank(o) or 0)
        dated = [o for o in self.jsonld if o not in typed and
                 ("datePublished" in o or "headline" in o)]
        return typed + dated


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind.lower()]
    if isinstance(kind, list):
        return [str(k).lower() for k in kind]
    return []


def _type_rank(obj: dict[str, Any]) -> int | None:
    ranks = [ARTICLE_TYPES.index(t) for t in _types(obj) if t in ARTICLE_TYPES]
    return min(ranks) if ranks else None


def parse_tree(html: str) -> HtmlElement | None:
    """An lxml tree of ``html``, or None when it holds no markup at all.

    Parsed the way trafilatura parses (its parser drops comments and processing
    instructions), so the one tree serves both the metadata and the main-text engine.
    """
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        if tree is not None:
            return tree
        return lxml_html.document_fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError) as exc:
        logger.debug("unparsable HTML: %s", exc)
        return None


def collect(tree: HtmlElement, url: str | None = None) -> PageData:
    data = PageData(tree=tree, url=url)
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        content = node.get("content")
        if key and content is not None:
            data.meta.setdefault(key.strip().lower(), []).append(content)
    for node in tree.iter("link"):
        rel, href = (node.get("rel") or "").lower(), node.get("href")
        if rel and href:
            for part in rel.split():
                data.links.setdefault(part, []).append(href.strip())
    data.jsonld = list(_jsonld_objects(tree))
    data.lang = (tree.get("lang") or tree.get("xml:lang") or "").strip() or None
    return data


def _jsonld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            value = json.loads(raw, strict=False)
        except ValueError:
            logger.debug("broken JSON-LD skipped")
            continue
        yield from _flatten(value, 0)


def _flatten(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in value:
                yield from _flatten(value[key], depth + 1)


def ld_text(value: Any) -> str | None:
    """A JSON-LD value as text: a string, or the ``name`` of an object, or the first of a list."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value"))
    if isinstance(value, list):
        for item in value:
            text = ld_text(item)
            if text:
                return text
    return None
