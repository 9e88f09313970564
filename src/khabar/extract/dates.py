"""The published time of a page, as a cascade of sources each with its confidence.

1. structured data: JSON-LD ``datePublished`` (0.85), publication meta tags (0.8), a
   ``<time>`` element marked as the publication time (0.75);
2. a byline in Hindi or English ("प्रकाशित: 12 नवंबर 2024, 04:30 PM IST", "Updated: Sep 2,
   2024, 17:07 IST") read with our month names and ``dateparser`` (IST is +05:30) (0.7);
3. ``htmldate`` without its extensive search (0.6; 0.3 for a bare 1 January, usually a
   copyright year);
4. a date in the URL path (0.5).

A date the reader already found (a feed's date 0.9, an HTTP Last-Modified 0.3) is weighed
against these by confidence in :func:`khabar.extract.base.apply_extracted`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import regex

from khabar.document import PublishedTime
from khabar.extract.bylines import byline_words
from khabar.extract.pagedata import HtmlElement, PageData, ld_text

logger = logging.getLogger(__name__)

_META_KEYS = ("article:published_time", "og:article:published_time", "datepublished",
              "publishdate", "publish-date", "pubdate", "publication_date", "dc.date.issued",
              "dcterms.issued", "dc.date", "sailthru.date", "parsely-pub-date", "date",
              "og:published_time", "cxenseparse:recs:publishtime", "article.published")
_DATEISH_CLASS = regex.compile(r"date|time|publish|posted|byline|meta|updated|datum|fecha",
                               regex.IGNORECASE)
_URL_DATE = regex.compile(
    r"/((?:19|20)\d\d)[/\-_](0?[1-9]|1[0-2])[/\-_](0?[1-9]|[12]\d|3[01])(?:/|$|[\-_])")
_IST = regex.compile(r"\bIST\b")
_ZONE = regex.compile(r"[+-]\d\d:?\d\d\b|\b(?:UTC|GMT|Z)\b")
_TIME = regex.compile(r"(\d{1,2})[:.](\d{2})(?:\s*([AaPp])\.?\s*[Mm]\.?)?")
MIN_YEAR = 1995
MAX_SEGMENTS = 3
MAX_BYLINE_TEXTS = 12
_DATE_HINT = regex.compile(r"\d{4}|\d{1,2}[:./]\d{1,2}")
CONFIDENCE = {"jsonld": 0.85, "meta": 0.8, "time-tag": 0.75, "byline": 0.7, "htmldate": 0.6,
              "url": 0.5}


def published_time(page: PageData) -> PublishedTime | None:
    """The first source of the cascade that yields a plausible date."""
    finders: tuple[tuple[str, Callable[[PageData], str | None]], ...] = (
        ("jsonld", _from_jsonld), ("meta", _from_meta), ("time-tag", _from_time_tags),
        ("byline", _from_bylines), ("htmldate", _from_htmldate), ("url", _from_url),
    )
    for source, finder in finders:
        try:
            value = finder(page)
        except (ValueError, TypeError, OverflowError) as exc:
            logger.debug("date source %s failed: %s", source, exc)
            continue
        if value:
            confidence = CONFIDENCE[source]
            if source == "htmldate" and value.endswith("-01-01"):
                confidence = 0.3
            return PublishedTime(value, source, confidence)
    return None


# -- ISO values from structured data -------------------------------------------------------
def iso_value(text: str | None) -> str | None:
    """An ISO 8601 date or date-time from a structured value, or None when implausible."""
    if not text:
        return None
    text = text.strip().replace(" ", "T", 1) if regex.match(r"\d{4}-\d\d-\d\d \d", text.strip()) \
        else text.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _parse_free(text)
    if not plausible(moment.date()):
        return None
    if len(text) <= 10:
        return moment.date().isoformat()
    return moment.isoformat()


def plausible(day: date) -> bool:
    return MIN_YEAR <= day.year <= date.today().year + 1


def _from_jsonld(page: PageData) -> str | None:
    for obj in page.articles():
        value = iso_value(ld_text(obj.get("datePublished") or obj.get("dateCreated")))
        if value:
            return value
    return None


def _from_meta(page: PageData) -> str | None:
    for key in _META_KEYS:
        for raw in page.meta.get(key, ()):
            value = iso_value(raw)
            if value:
                return value
    return None


def _from_time_tags(page: PageData) -> str | None:
    for node in page.tree.iter("time"):
        marked = node.get("itemprop") == "datePublished" or node.get("pubdate") is not None \
            or "publish" in (node.get("class") or "").lower()
        if marked:
            value = iso_value(node.get("datetime"))
            if value:
                return value
    return None


def _from_htmldate(page: PageData) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(page.tree, url=page.url, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
    except Exception as exc:  # noqa: BLE001 - a third-party heuristic must not stop the page
        logger.debug("htmldate failed: %s", exc)
        return None
    return iso_value(found) if isinstance(found, str) else None


def _from_url(page: PageData) -> str | None:
    match = _URL_DATE.search(page.url or "")
    if not match:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day.isoformat() if plausible(day) else None


# -- bylines -------------------------------------------------------------------------------
def _from_bylines(page: PageData) -> str | None:
    updated_only: str | None = None
    for text in _byline_texts(page.tree):
        value = parse_byline_date(text, _page_language(page))
        if not value:
            continue
        if _is_update(text):
            updated_only = updated_only or value
            continue
        return value
    return updated_only


def _byline_texts(tree: HtmlElement) -> Iterator[str]:
    count = 0
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "head", "title"):
            continue
        if node.tag != "time" and not _DATEISH_CLASS.search(
                f"{node.get('class') or ''} {node.get('id') or ''}"):
            continue
        text = " ".join(node.text_content().split())
        if 6 <= len(text) <= 160 and regex.search(r"\d", text):
            count += 1
            yield text
        if count >= MAX_BYLINE_TEXTS:
            return
    yield from _labelled_texts(tree)


def _labelled_texts(tree: HtmlElement) -> Iterator[str]:
    """Short elements whose text holds a published/updated label ("प्रकाशित: 12 नवंबर 2024")."""
    count = 0
    for text_node in _label_xpath()(tree):
        parent = text_node.getparent()
        if parent is None or parent.tag in ("script", "style", "title"):
            continue
        text = " ".join(parent.text_content().split())
        if 6 <= len(text) <= 160 and regex.search(r"\d", text):
            count += 1
            yield text
        if count >= MAX_BYLINE_TEXTS:
            return


@lru_cache(maxsize=1)
def _label_xpath() -> Any:
    from lxml import etree

    words = byline_words()
    variants = {v for w in (*words.of("label"), *words.of("updated"))
                for v in (w, w.capitalize(), w.upper(), w.title())}
    tests = " or ".join(f"contains(., '{v}')" for v in sorted(variants) if "'" not in v)
    return etree.XPath(f"//body//text()[{tests}]")


def _is_update(text: str) -> bool:
    head = text.casefold()
    updated = byline_words().of("updated")
    published = byline_words().of("label")
    first_pub = min((head.find(w) for w in published if w in head), default=-1)
    first_upd = min((head.find(w) for w in updated if w in head), default=-1)
    return first_upd >= 0 and (first_pub < 0 or first_upd < first_pub)


def _page_language(page: PageData) -> str | None:
    lang = (page.lang or "").split("-")[0].split("_")[0].strip().lower()
    return lang or None


def parse_byline_date(text: str, language: str | None = None) -> str | None:
    """A date (with time and offset when given) from a Hindi or English byline text."""
    hindi = _parse_hindi(text)
    if hindi:
        return hindi
    for part in _segments(text)[:MAX_SEGMENTS]:
        found = _parse_free(part, language)
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def _hindi_date_pattern() -> regex.Pattern[str]:
    months = "|".join(regex.escape(m) for m in sorted(byline_words().months, key=len, reverse=True))
    return regex.compile(rf"(\d{{1,2}})\s*({months})[\s,]*(\d{{4}})")


def _parse_hindi(text: str) -> str | None:
    match = _hindi_date_pattern().search(text)
    if not match:
        return None
    try:
        day = date(int(match[3]), byline_words().months[match[2]], int(match[1]))
    except ValueError:
        return None
    if not plausible(day):
        return None
    clock = _TIME.search(text, match.end())
    if not clock:
        return day.isoformat()
    hour, minute = int(clock[1]), int(clock[2])
    meridiem = (clock[3] or "").lower()
    rest = text[clock.end():]
    around = text[match.end(): clock.end() + 12].casefold()
    words = byline_words()
    evening = any(w in around for w in words.of("pm")) or (
        hour >= 6 and any(w in around for w in words.of("night")))
    if hour < 12 and (meridiem == "p" or evening):
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day.isoformat()
    offset = "+05:30" if "IST" in text or "भारतीय" in text or not regex.search(r"[A-Z]{3}", rest) \
        else ""
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset}"


def _segments(text: str) -> list[str]:
    """Parts of a byline that may hold the date: after "Published" (up to an "Updated"),
    after "Updated", then the whole text (labels at its start dropped)."""
    lowered = text.casefold()
    words = byline_words()
    updated_at = [m for w in words.of("updated") if (m := lowered.find(w)) >= 0]
    cut = min(updated_at, default=len(text))
    out: list[str] = []
    for word in words.of("label"):
        at = lowered.find(word)
        if at >= 0:
            end = cut if cut > at else len(text)
            out.append(text[at + len(word):end])
    for word in words.of("updated"):
        at = lowered.find(word)
        if at >= 0:
            out.append(text[at + len(word):])
    out.append(text)
    return [part.strip(" :-|,") for part in out if _DATE_HINT.search(part)]


def _parse_free(text: str, language: str | None = None) -> str | None:
    """An English (or the page's language) date phrase through dateparser; IST is +05:30.

    dateparser is told the languages: left to guess, it tries every locale it knows and
    compiles their patterns (seconds for one call).
    """
    if not _DATE_HINT.search(text):
        return None
    import dateparser

    cleaned = _IST.sub("+0530", text)
    zoned = bool(_ZONE.search(cleaned))
    settings = {"RETURN_AS_TIMEZONE_AWARE": zoned, "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["day", "month", "year"]}
    languages = ["en"] if language in (None, "en") else [str(language), "en"]
    try:
        parsed = dateparser.parse(cleaned, languages=languages, settings=settings)
    except ValueError:  # a language dateparser does not know
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None or not plausible(parsed.date()):
        return None
    if parsed.tzinfo is None and not _TIME.search(text):
        return parsed.date().isoformat()
    return parsed.isoformat()
