"""Sentence splitting with character offsets, in one linear pass over a block.

A sentence ends at
  * a danda ``।`` or double danda ``॥`` (with or without a space after it);
  * ``?`` or ``!`` followed by white space or the end (runs such as ``?!`` count once;
    ``a?b=1`` in a URL is no end);
  * a single full stop followed by white space or the end, unless it belongs to an
    abbreviation (``डॉ.``, ``श्री.``, ``Dr.``; lists in ``lang/<code>/abbreviations.txt``),
    an initial (a single Latin letter, a Devanagari letter or letter name such as ``एस.``),
    or a list number opening its sentence (``1.``). A stop inside a number (``3.5``), a URL or
    an ellipsis (``...``, ``…``) never ends a sentence.
Closing quotes and brackets right after the terminator stay with the sentence.

Line breaks inside a block: a line that ends without a terminator ends the sentence when it
is heading-like (at most ``heading_max_words`` words) or longer than a hard-wrapped line
(more than ``wrap_max_chars`` characters: a paragraph that lost its stop). A line of more
words but at most ``wrap_max_chars`` characters is taken as hard-wrapped text: the sentence
goes on to the next line. A line that ends with a terminator has ended its sentence anyway.

No sentence is longer than ``max_chars``: a longer run is cut at its last space before the
limit (or at the limit itself), so a 50 MB line costs linear time and bounded sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from khabar.lang.resources import word_list

_CLOSERS = r"[\p{Pf}\p{Pe}\"'”’»›]*"
_BREAK = regex.compile(
    rf"(?P<term>[।॥]+[।॥?!]*{_CLOSERS}|[?!]+[?!।॥]*{_CLOSERS}(?=\s|$))"
    rf"|(?P<stop>(?<!\.)\.(?!\.){_CLOSERS}(?=\s|$))"
    r"|(?P<nl>\n)"
)
_LAST_WORD = regex.compile(r"[\p{L}\p{M}'’]+$")
_LIST_NUMBER = regex.compile(r"\s*\(?[0-9०-९]{1,3}")
_LOOKBACK = 40


@dataclass(frozen=True, slots=True)
class SplitRules:
    """What the splitter needs: abbreviations and the limits described in the module doc."""

    abbreviations: frozenset[str]
    heading_max_words: int = 12
    wrap_max_chars: int = 200
    max_chars: int = 2000


def load_rules(
    languages: Iterable[str] = ("hi", "en"),
    *,
    heading_max_words: int = 12,
    wrap_max_chars: int = 200,
    max_chars: int = 2000,
) -> SplitRules:
    """Rules with the abbreviation lists of ``languages`` (Latin entries compared lower-case)."""
    abbreviations: set[str] = set()
    for lang in languages:
        abbreviations |= {a.casefold() for a in word_list(lang, "abbreviations.txt")}
    return SplitRules(frozenset(abbreviations), heading_max_words, wrap_max_chars, max_chars)


def _is_abbreviation(text: str, dot: int, lower: int, rules: SplitRules) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation, an initial or a list number."""
    if dot - lower <= 6 and _LIST_NUMBER.fullmatch(text, lower, dot):
        return True  # a list number opening its sentence: "2. ..."
    window = max(lower, dot - _LOOKBACK)
    match = _LAST_WORD.search(text, window, dot)
    if match is None:
        return False
    word = match.group()
    if len(word) == 1 and (word.isascii() or "\u0900" <= word <= "\u097f"):
        return True  # an initial, or a lettered list item (क. ख. ग.)
    return word.casefold() in rules.abbreviations


def _ends_line_sentence(line: str, rules: SplitRules) -> bool:
    """Whether a line without a final terminator ends its sentence at the line break."""
    if len(line) > rules.wrap_max_chars:
        return True
    return line.count(" ") + 1 <= rules.heading_max_words


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Pieces of at most ``max_chars``, cut at the last space before the limit when possible."""
    out = []
    while end - start > max_chars:
        limit = start + max_chars
        cut = text.rfind(" ", start + max_chars // 2, limit)
        cut = limit if cut < 0 else cut
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _span(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    return _cut_long(text, start, end, max_chars)


def split_sentences(
    text: str, start: int = 0, end: int | None = None, rules: SplitRules | None = None
) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` offsets of the sentences of ``text[start:end]``."""
    end = len(text) if end is None else end
    rules = rules or default_rules()
    out: list[tuple[int, int]] = []
    sent_start = line_start = start
    line_terminated = False
    for m in _BREAK.finditer(text, start, end):
        kind = m.lastgroup
        if kind == "nl":
            line_end = m.start()
            if not line_terminated and _ends_line_sentence(text[line_start:line_end], rules):
                out.extend(_span(text, sent_start, line_end, rules.max_chars))
                sent_start = m.end()
            line_start = m.end()
            line_terminated = False
            continue
        if kind == "stop" and _is_abbreviation(text, m.start(), max(line_start, sent_start),
                                               rules):
            continue
        out.extend(_span(text, sent_start, m.end(), rules.max_chars))
        sent_start = m.end()
        line_terminated = _only_space(text, m.end(), end)
    out.extend(_span(text, sent_start, end, rules.max_chars))
    return out


def _only_space(text: str, pos: int, end: int) -> bool:
    """Whether nothing but spaces follows ``pos`` up to the next line break."""
    while pos < end and text[pos] == " ":
        pos += 1
    return pos >= end or text[pos] == "\n"


_DEFAULT: SplitRules | None = None


def default_rules() -> SplitRules:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_rules()
    return _DEFAULT
