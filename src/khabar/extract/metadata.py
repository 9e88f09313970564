"""Page metadata: title, section, canonical URL, site name, declared language.

Authors are in :mod:`khabar.extract.authors`, the published time in
:mod:`khabar.extract.dates`; :func:`page_metadata` runs all of them over one parsed page.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import regex

from khabar.document import PublishedTime
from khabar.extract.authors import page_authors
from khabar.extract.dates import published_time
from khabar.extract.pagedata import PageData, ld_text
from khabar.extract.section import page_section

logger = logging.getLogger(__name__)

_SPACE = regex.compile(r"\s+")
# " | Site", " - Site", " – Site", " — Site", " :: Site" at the end of a <title>.
_TITLE_SEPARATORS = regex.compile(r"\s+(?:[|\-–—•·»]|::)\s+")
MAX_LABEL_WORDS = 3
_LANG = regex.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")


@dataclass(slots=True)
class PageMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    published: PublishedTime | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    language: str | None = None


def clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def page_metadata(page: PageData, languages: tuple[str, ...] = ("hi", "en")) -> PageMetadata:
    """All metadata of one page; ``languages`` choose the section words and crumbs."""
    site = site_name(page)
    title = page_title(page, site)
    return PageMetadata(
        title=title,
        authors=page_authors(page),
        section=page_section(page, title, languages),
        published=published_time(page),
        canonical_url=canonical_url(page),
        site_name=site,
        language=declared_language(page),
    )


# -- title ---------------------------------------------------------------------------------
def page_title(page: PageData, site: str | None = None) -> str | None:
    """The headline the page's own sources agree on most.

    Candidates: og:title without the site name, the first ``<h1>``, JSON-LD ``headline``,
    og:title, twitter:title, ``<title>`` without the site name. Each gets a vote from every
    other source with the same text (half a vote from one that contains it); the most-voted
    wins, ties going to the earlier one.
    """
    og = _unescaped(page.first("og:title"))
    tag = _unescaped(page.tree.findtext(".//title"))
    h1 = next((t for t in (clean(h.text_content()) for h in page.tree.iter("h1")) if t), "")
    candidates = [
        ("og-stripped", strip_site(og, site, guess=False) if og else ""), ("h1", h1),
        ("jsonld", _unescaped(_ld_field(page, "headline"))), ("og", og),
        ("twitter", _unescaped(page.first("twitter:title"))),
        ("title-stripped", strip_site(tag, site) if tag else ""), ("title", tag),
    ]
    best, best_votes = None, -1.0
    for name, text in candidates[:-1]:
        if not text:
            continue
        votes = sum(_vote(text, value) for other, value in candidates
                    if other != name and not _same_source(name, other))
        if votes > best_votes:
            best, best_votes = text, votes
    return best


def _vote(text: str, other: str) -> float:
    """1 when another source has the same text, 0.5 when it holds it (a longer SEO title)."""
    if other == text:
        return 1.0
    return 0.5 if len(text) >= 8 and text in other else 0.0


def _same_source(a: str, b: str) -> bool:
    return a.split("-")[0] == b.split("-")[0]


def _unescaped(text: str | None) -> str:
    return clean(html.unescape(text)) if text else ""


def strip_site(title: str, site: str | None, *, guess: bool = True) -> str:
    """A title without its site-name parts (" | Bhopal News - The Times of India").

    When no part names the site, ``guess`` keeps the longest part (a ``<title>`` tag's
    habit); without it the title stays whole.
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_key = clean(site).casefold() if site else ""
    if site_key and site_key in parts[0].casefold() and len(parts[0]) < len(parts[-1]):
        return " - ".join(parts[1:]).strip()
    if site_key and site_key in parts[-1].casefold():
        kept = parts[:-1]
        while len(kept) > 1 and len(kept[-1].split()) <= MAX_LABEL_WORDS:
            kept.pop()  # a section label before the site name
        return title[: title.find(kept[-1]) + len(kept[-1])].strip()
    if not guess:
        return title
    longest = max(parts, key=len)
    return longest if len(longest) > 0.6 * len(title) else parts[0]


def _ld_field(page: PageData, key: str) -> str | None:
    for obj in page.articles():
        text = ld_text(obj.get(key))
        if text:
            return text
    return None


# -- canonical URL, site name, language -----------------------------------------------------
def canonical_url(page: PageData) -> str | None:
    for href in (*page.links.get("canonical", ()), page.first("og:url") or ""):
        href = href.strip()
        if href and not href.startswith(("javascript:", "#")):
            return str(urljoin(page.url, href)) if page.url else href
    return None


def site_name(page: PageData) -> str | None:
    found = page.first("og:site_name", "application-name", "twitter:site")
    if found:
        return clean(found.lstrip("@"))
    for obj in page.articles():
        publisher = ld_text(obj.get("publisher"))
        if publisher:
            return clean(publisher)
    if page.url:
        host = urlsplit(page.url).hostname or ""
        return str(host).removeprefix("www.") or None
    return None


def declared_language(page: PageData) -> str | None:
    """The primary language subtag the page declares: html lang, og:locale, content-language."""
    for value in (page.lang, page.first("og:locale", "content-language", "language"),
                  _ld_field(page, "inLanguage")):
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(0).lower()
    return None
