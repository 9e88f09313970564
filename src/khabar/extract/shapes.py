"""Line shapes for the scraped-text reader: body text, headings, bylines, dates, datelines.

These are language-neutral tests on one white-space-normalised line; the words they need
(byline prefixes, month names ...) come from :class:`khabar.extract.cues.PageCues`.
"""

from __future__ import annotations

import regex

from khabar.extract.boilerplate import match_key
from khabar.extract.cues import PageCues

SENTENCE_END = "।॥.?!…"
_CLOSERS = "\"'”’»)]}*"
_LEAD_IN = ":,;-–—"
_NUMBER = regex.compile(r"^\p{N}+(?:st|nd|rd|th|am|pm|h|hrs)?$")
_YEAR = regex.compile(r"^(?:19\d\d|20[0-3]\d|१९[०-९][०-९]|२०[०-३][०-९])$")
_CLOCK = regex.compile(r"\b\d{1,2}[:.]\d\d\b")
_LATIN_START = regex.compile(r"^\p{Latin}")
_UPPER_START = regex.compile(r"^\p{Lu}")
_NAME_CUT = regex.compile(
    r"\s*(?:[|,•/]|\s[-–—]\s|\(|\bupdated\b|\bअपडेट|\sfor\s(?=\p{Lu})).*$", regex.IGNORECASE
)
_NAME_SPLIT = regex.compile(r"\s+(?:and|और|एवं|तथा|व|&)\s+", regex.IGNORECASE)
_NAME_TRIM = regex.compile(r"^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}.]+$")
_DATELINE = regex.compile(r"^(?P<place>[^,।|:]{2,40}),\s*(?P<rest>.{1,60})")
_COLON_PREFIX = regex.compile(r"^[^:：]{1,30}[:：]")
_LETTER = regex.compile(r"\p{L}")
_NUMERAL = regex.compile(r"\p{N}")
_BREADCRUMB = regex.compile(r"\s*(?:/|»|›|>|\|)\s*")


def words(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """Whether the line ends like a sentence (danda, full stop, ?, !, ellipsis)."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped[-1:] in SENTENCE_END if stripped else False


def ends_open(text: str) -> bool:
    """Whether the line ends in a lead-in mark (colon, comma, dash) and so continues."""
    stripped = text.rstrip()
    return stripped[-1:] in _LEAD_IN if stripped else False


def is_body_like(text: str) -> bool:
    """A line of running text: a sentence of six words or more, or any line of twenty."""
    if len(text) > 400:
        return True
    n = words(text)
    return (ends_sentence(text) and n >= 6) or n >= 20


def is_paragraph_like(text: str) -> bool:
    """A line of running prose: ten words or more ending in a danda or a full stop."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped[-1:] in "।॥." and words(text) >= 10


def is_heading_shaped(text: str, *, max_words: int, max_chars: int) -> bool:
    """Short, not ending like a sentence or a lead-in, holding letters."""
    if not text or len(text) > max_chars or words(text) > max_words:
        return False
    if ends_sentence(text) or ends_open(text):
        return False
    return _LETTER.search(text) is not None


def is_list_item(text: str) -> bool:
    """A link title in a related-articles list: short-ish and not running text."""
    return len(text) <= 200 and words(text) <= 25 and not is_body_like(text)


def is_short_label(text: str) -> bool:
    """A label such as a section name: at most three words, no digits, no sentence end."""
    return (
        len(text) <= 30
        and words(text) <= 3
        and not ends_sentence(text)
        and _NUMERAL.search(text) is None
        and _LETTER.search(text) is not None
    )


def _is_date_tokens(text: str, key: str, cues: PageCues) -> bool:
    tokens = key.split()
    if not tokens:
        return False
    numbers = [t for t in tokens if _NUMBER.match(t)]
    known = sum(1 for t in tokens if t in cues.date_words)
    if len(numbers) + known != len(tokens) or not numbers:
        return False
    # A year or a clock time must be there: "12 मार्च 60" is a table row, not a date.
    return any(_YEAR.match(t) for t in numbers) or _CLOCK.search(text) is not None


def is_date_line(text: str, cues: PageCues, key: str | None = None) -> bool:
    """A line holding only the article's date ("Updated: Nov 12, 2024, 10:05 IST")."""
    if len(text) > 100 or (ends_sentence(text.rstrip(".")) and words(text) > 8):
        return False
    key = match_key(text) if key is None else key
    if cues.has_date_prefix(key):
        rest = key.split(None, 1)
        return len(rest) == 2 and _NUMERAL.search(rest[1]) is not None
    return _is_date_tokens(text, key, cues)


def is_dateline(text: str, cues: PageCues) -> bool:
    """A place and a date opening the report ("नई दिल्ली, 12 नवंबर")."""
    found = _DATELINE.match(text)
    if found is None:
        return False
    head = match_key(found.group("rest")).split()[:3]
    has_number = any(_NUMBER.match(t) for t in head)
    has_word = any(t in cues.date_words for t in head)
    return has_number and has_word


def byline_names(text: str, cues: PageCues, *, max_words: int) -> list[str] | None:
    """The author names of a byline line, or None when the line is no byline.

    "By Asha Rao and Vikram Sen | Updated: ..." gives both names; "वाराणसी ब्यूरो" (a name
    ending in a desk word) gives itself; what follows "|", "," or " - " is dropped.
    """
    if len(text) > 120:
        return None
    if match_key(text) in cues.agencies:
        return [_NAME_TRIM.sub("", text.strip("()[] "))]
    head = _NAME_CUT.sub("", text)
    if not head or ends_sentence(head.rstrip(".")) or words(head) > 2 * max_words + 2:
        return None
    name = cues.byline_name(head)
    if name is not None:
        if _LATIN_START.match(name) and not _UPPER_START.match(name):
            return None
    else:
        key = match_key(head)
        if words(key) < 2 or words(head) > max_words or not cues.has_byline_suffix(key):
            return None
        name = head
    names = [_NAME_TRIM.sub("", n) for n in _NAME_SPLIT.split(name)]
    names = [n for n in names if n]
    if not names or any(words(n) > max_words for n in names):
        return None
    return names


def is_strong_byline(text: str, cues: PageCues) -> bool:
    """A byline that is one even amid the body: a prefix, then a colon or a capitalised name."""
    if len(text) > 80 or ends_sentence(text):
        return False
    name = cues.byline_name(text)
    if name is None:
        return False
    return _UPPER_START.match(name) is not None or _COLON_PREFIX.match(text) is not None


def breadcrumb(text: str, cues: PageCues) -> list[str] | None:
    """The crumbs of a breadcrumb line ("होम / देश / राजनीति"), home crumb dropped."""
    crumbs = [c for c in _BREADCRUMB.split(text.strip()) if c]
    if len(crumbs) < 2 or not all(is_short_label(c) for c in crumbs):
        return None
    if match_key(crumbs[0]) in cues.breadcrumb_home:
        crumbs = crumbs[1:]
    return crumbs or None
