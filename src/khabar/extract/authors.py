"""Authors of a page, and the byline normaliser.

Sources in order: JSON-LD ``author`` of the article, author meta tags, then byline elements
(``rel=author``, ``itemprop=author``, classes naming an author or byline). Each raw value goes
through :func:`normalize_authors`: byline words ("By", "द्वारा", "Edited by") and trailing
agencies ("| PTI") removed, several names split, e-mails and dates dropped, duplicates
removed, Devanagari kept whole (no truncation of वाराणसी ब्यूरो).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import regex
from lxml import etree

from khabar.extract.bylines import byline_words
from khabar.extract.pagedata import PageData

logger = logging.getLogger(__name__)

_SPACE = regex.compile(r"\s+")
_EMAIL_URL = regex.compile(r"\S+@\S+|https?://\S+|www\.\S+", regex.IGNORECASE)
_HANDLE = regex.compile(r"(?<!\S)@\w+")
_DIGIT = regex.compile(r"\p{N}")
_EDGE = regex.compile(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")
_HARD_SPLIT = regex.compile(r"\s*(?:[,;|/•·]|\s[-–—]\s)\s*")
_BYLINE_XPATH = etree.XPath(
    "//*[@rel='author' or @itemprop='author' or "
    + " or ".join(f"contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                  f"'abcdefghijklmnopqrstuvwxyz'), '{word}')"
                  for word in ("author", "byline", "writer", "reporter", "autor", "auteur"))
    + "]")
MAX_BYLINE_CHARS = 120
MAX_BYLINE_NODES = 40
_PAREN = regex.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_META_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
              "sailthru.author", "byl", "cxenseparse:author")
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 6


def page_authors(page: PageData) -> list[str]:
    """The article's authors: the first source that yields a name wins.

    Structured data comes first even when it names the publisher (an Organization): that is
    what the page declares, and the byline elements are the weaker source.
    """
    for finder in (_jsonld_authors, _meta_authors, _element_authors):
        names = normalize_authors(finder(page))
        if names:
            return names
    return []


def _jsonld_authors(page: PageData) -> list[str]:
    for obj in page.articles():
        found = list(_names(obj.get("author") or obj.get("creator")))
        if found:
            return found
    return []


def _names(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str | list | dict):
            yield from _names(name)
        elif isinstance(value.get("givenName"), str):
            yield f"{value['givenName']} {value.get('familyName') or ''}"
    elif isinstance(value, list):
        for item in value:
            yield from _names(item)


def _meta_authors(page: PageData) -> list[str]:
    for key in _META_KEYS:
        values = [v for v in page.meta.get(key, ()) if v.strip() and "/" not in v]
        if values:
            return values
    return []


def _element_authors(page: PageData) -> list[str]:
    """Names in byline elements: the innermost marked elements under the first byline."""
    nodes = [n for n in _BYLINE_XPATH(page.tree)[:MAX_BYLINE_NODES]
             if isinstance(n.tag, str) and n.tag not in ("script", "style", "meta", "link")]
    marked = set(nodes)
    found: list[str] = []
    group = None
    for node in nodes:
        if any(d in marked for d in node.iterdescendants()):
            continue  # not innermost: its marked children say it better
        text = _SPACE.sub(" ", node.text_content()).strip()
        if not 0 < len(text) <= MAX_BYLINE_CHARS or not split_names(text):
            continue
        top = _outermost_marked(node, marked)
        if group is not None and top is not group:
            break
        group = top
        found.append(text)
    return found


def _outermost_marked(node: Any, marked: set[Any]) -> Any:
    top = node
    for parent in node.iterancestors():
        if parent in marked:
            top = parent
    return top


# -- the normaliser ------------------------------------------------------------------------
def normalize_authors(raw: Iterable[str]) -> list[str]:
    """Clean names from raw byline strings: split, byline words off, deduplicated, in order."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for name in split_names(value):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def split_names(value: str) -> list[str]:
    text = _SPACE.sub(" ", _EMAIL_URL.sub(" ", value)).strip()
    text = _HANDLE.sub(" ", text) if not text.startswith("@") else text.lstrip("@")
    parts: list[str] = []
    for chunk in _HARD_SPLIT.split(text):
        for piece in _join_pattern().split(chunk):
            name = clean_name(piece)
            if name:
                parts.append(name)
    agencies = byline_words().agencies
    people = [p for p in parts if p.casefold() not in agencies]
    return people or parts


def clean_name(text: str) -> str | None:
    """One name without byline words and edge punctuation, or None when it is not a name."""
    name = _EDGE.sub("", _PAREN.sub(" ", text))
    previous = None
    while name and name != previous:
        previous = name
        name = _EDGE.sub("", _prefix_pattern().sub("", name))
        name = _EDGE.sub("", _suffix_pattern().sub("", name))
    if not name or _DIGIT.search(name) or len(name) > MAX_NAME_CHARS:
        return None
    if len(name.split()) > MAX_NAME_WORDS or not regex.search(r"\p{L}", name):
        return None
    if name.casefold() in _label_words() or ":" in name or _role_pattern().search(name):
        return None
    return name


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in words)


@lru_cache(maxsize=1)
def _prefix_pattern() -> regex.Pattern[str]:
    words = _alternatives(byline_words().of("prefix"))
    return regex.compile(rf"^(?:{words})(?:\s*[:\-–—]\s*|\s+)", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _suffix_pattern() -> regex.Pattern[str]:
    words = _alternatives(byline_words().of("suffix"))
    return regex.compile(rf"\s+(?:{words})$", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _join_pattern() -> regex.Pattern[str]:
    words = _alternatives(byline_words().of("join"))
    return regex.compile(rf"\s+(?:{words})\s+", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _role_pattern() -> regex.Pattern[str]:
    words = _alternatives(byline_words().of("role"))
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{words})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    words = byline_words()
    return frozenset((*words.of("prefix"), *words.of("label"), *words.of("updated")))
