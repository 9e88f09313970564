"""The section of a page: what the page says it belongs to ("विदेश", "World").

In order: JSON-LD ``articleSection``, the ``article:section`` meta tag, the breadcrumb trail
(JSON-LD ``BreadcrumbList``, then an HTML element named like a breadcrumb; its last crumb
that is neither "home" nor the headline), the page's own label printed just above the
headline when it is a known section word (``sections`` in ``khabar/lang/<lang>/page.toml``),
and last the first segment of the URL path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex
from lxml import etree

from khabar.extract.boilerplate import match_key
from khabar.extract.cues import PageCues, load_cues
from khabar.extract.pagedata import PageData, ld_text

_SPACE = regex.compile(r"\s+")
_BREADCRUMB_XPATH = etree.XPath(
    "//*[contains(translate(@class, 'BREADCUMB', 'breadcumb'), 'breadcrumb') or "
    "contains(translate(@id, 'BREADCUMB', 'breadcumb'), 'breadcrumb')]")
_URL_SEGMENT = regex.compile(r"[\p{L}][\p{L}\-_]{1,30}")
MAX_CRUMB_CHARS = 40
MAX_LABEL_WORDS = 3
LABEL_LOOKBACK = 3


def page_section(page: PageData, title: str | None,
                 languages: tuple[str, ...] = ("hi", "en")) -> str | None:
    cues = load_cues(languages)
    finders: tuple[Callable[[], str | None], ...] = (
        lambda: _ld_section(page),
        lambda: page.first("article:section"),
        lambda: _ld_breadcrumb(page, title, cues),
        lambda: _html_breadcrumb(page, title, cues),
        lambda: _label_above_headline(page, cues),
        lambda: _url_section(page.url),
    )
    for finder in finders:
        found = _SPACE.sub(" ", finder() or "").strip()
        if found:
            return found
    return None


def _ld_section(page: PageData) -> str | None:
    for obj in page.articles():
        text = ld_text(obj.get("articleSection"))
        if text:
            return text
    return None


def _last_crumb(names: list[str], title: str | None, cues: PageCues) -> str | None:
    title_key = match_key(title) if title else ""
    kept = [n for n in names if n and not n.startswith("http") and len(n) <= MAX_CRUMB_CHARS
            and match_key(n) not in cues.breadcrumb_home and match_key(n) != title_key]
    return kept[-1] if kept else None


def _ld_breadcrumb(page: PageData, title: str | None, cues: PageCues) -> str | None:
    for obj in page.jsonld:
        if "breadcrumblist" not in str(obj.get("@type", "")).lower():
            continue
        items = obj.get("itemListElement")
        if isinstance(items, list):
            names = [ld_text(i.get("name") or i.get("item")) or "" for i in items
                     if isinstance(i, dict)]
            found = _last_crumb(names, title, cues)
            if found:
                return found
    return None


def _html_breadcrumb(page: PageData, title: str | None, cues: PageCues) -> str | None:
    for node in _BREADCRUMB_XPATH(page.tree)[:3]:
        names = [_text(a) for a in node.iter("a")] or [_text(node)]
        found = _last_crumb(names, title, cues)
        if found:
            return found
    return None


def _label_above_headline(page: PageData, cues: PageCues) -> str | None:
    """A known section word printed just before the ``<h1>`` (or before its container)."""
    h1 = next(page.tree.iter("h1"), None)
    if h1 is None:
        return None
    for anchor in (h1, h1.getparent()):
        if anchor is None:
            continue
        for sibling in list(anchor.itersiblings(preceding=True))[:LABEL_LOOKBACK]:
            text = _text(sibling)
            if text and len(text.split()) <= MAX_LABEL_WORDS and match_key(text) in cues.sections:
                return text
    return None


def _url_section(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    segments = [s for s in urlsplit(url or "").path.split("/") if s]
    if len(segments) >= 2 and _URL_SEGMENT.fullmatch(segments[0]):
        return segments[0]
    return None


def _text(node: Any) -> str:
    if not isinstance(node.tag, str):
        return ""
    return _SPACE.sub(" ", node.text_content()).strip()
