"""Tokens with character offsets, kinds, matching keys and number values: one regex pass.

A word is a run of letters, marks and digits (``[\\p{L}\\p{M}\\p{N}]`` plus ZWJ / ZWNJ), so a
word is never split at a vowel sign, virama, anusvara or nukta (Python's ``re`` ``\\w`` would).
Conventions follow the IL-NER Hindi corpus: an abbreviation keeps its stop (``डॉ.``,
``कि.मी.``), a list number at the start of a line keeps its stop (``2.``), a number with a
suffix is one word (``18वीं``), a colon used as a visarga stays in its word (``संभवत:``,
``दु:ख``), hyphens and other punctuation are tokens of their own, and a run of one
punctuation character is one token (``...``, ``((``).

Numbers (kind ``number``) take Devanagari or Latin digits, decimal stops and thousands
separators in Western (``1,200``) or Indian grouping (``1,20,000``); ``value`` is their
numeric value (None for dates, times and ratios such as ``12/05/2020``, ``10:30``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

import regex

from khabar.document import Token, TokenKind
from khabar.lang.normalize import match_key
from khabar.lang.resources import word_list

_W = r"[\p{L}\p{M}\p{N}\u200c\u200d]"
_D = r"[0-9०-९]"
_DEVA = r"[\u0900-\u0963\u0971-\u097f]"  # Devanagari letters and signs


def _abbreviation_pattern(abbreviations: Iterable[str]) -> str:
    items = sorted({regex.escape(a) for a in abbreviations if a}, key=len, reverse=True)
    return "|".join(items) if items else "(?!)"


def build_pattern(abbreviations: Iterable[str]) -> regex.Pattern[str]:
    """The one tokenising regex; abbreviations (keeping their stop) come from data files."""
    abbr = _abbreviation_pattern(abbreviations)
    abbr_part = rf"(?i:{abbr}|[a-z])\."
    # a word; a colon inside or after it when it stands for a visarga; an apostrophe
    # between Latin letters; the stop of an abbreviation (checked only at a stop).
    word = (rf"{_W}+(?::(?<={_DEVA}:)(?={_DEVA}){_W}+)*(?::(?<=[तश]:)(?!{_W}))?"
            rf"(?:['’](?<=\p{{Latin}}.)(?=\p{{Latin}}){_W}+)*"
            rf"(?:\.(?<=(?<!{_W}){abbr_part})(?:{abbr_part})*(?!{_W}))?")
    return regex.compile(
        # Fast path, same tokens: at a character that is neither ASCII nor a Devanagari digit
        # no URL, e-mail or number can start, so the word branch is tried first there.
        rf"(?P<word>(?=[^\x00-\x7f०-९]){word})"
        rf"|(?P<url>(?=[hHwW])(?:https?://|www\.)[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]}}।])"
        rf"|(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}})"
        rf"|(?P<enum>(?<![^\n]){_D}{{1,3}}\.(?=\s))"
        rf"|(?P<number>{_D}+(?:[.,/:]{_D}+)*(?!{_W}))"
        rf"|(?P<word>{word})"
        r"|(?P<punct>(?P<p>\p{P})(?P=p)*)"
        r"|(?P<symbol>\S)"
    )


_GROUPED = regex.compile(
    rf"{_D}{{1,3}}(?:,{_D}{{3}})+(?:\.{_D}+)?|{_D}{{1,3}}(?:,{_D}{{2}})*,{_D}{{3}}(?:\.{_D}+)?"
    rf"|{_D}+(?:\.{_D}+)?"
)


def number_value(text: str) -> float | None:
    """The value of a number token: ``1,20,000`` → 120000.0, ``३.५`` → 3.5, dates → None."""
    text = text.rstrip(".")
    if not _GROUPED.fullmatch(text):
        return None
    try:
        return float(match_key(text).replace(",", ""))
    except ValueError:
        return None


_KINDS: dict[str | None, TokenKind] = {
    "url": "url", "email": "email", "enum": "number", "number": "number",
    "word": "word", "punct": "punct", "symbol": "symbol",
}


class Tokenizer:
    """Tokenises text into :class:`Token` objects; cheap to build, picklable."""

    def __init__(self, languages: Iterable[str] = ("hi", "en")) -> None:
        self.languages = tuple(languages)
        abbreviations: set[str] = set()
        for lang in self.languages:
            abbreviations |= set(word_list(lang, "abbreviations.txt"))
        self.pattern = build_pattern(abbreviations)

    def __getstate__(self) -> dict[str, object]:
        return {"languages": self.languages}

    def __setstate__(self, state: dict[str, object]) -> None:
        Tokenizer.__init__(self, cast(tuple[str, ...], state["languages"]))

    def spans(self, text: str, start: int = 0, end: int | None = None) -> Iterator[
            tuple[int, int, TokenKind]]:
        """``(start, end, kind)`` of each token of ``text[start:end]``."""
        end = len(text) if end is None else end
        for m in self.pattern.finditer(text, start, end):
            yield m.start(), m.end(), _KINDS[m.lastgroup]

    def tokens(self, text: str, start: int = 0, end: int | None = None) -> list[Token]:
        """Tokens with kind, matching key and (for numbers) value."""
        out: list[Token] = []
        append, key, kinds = out.append, match_key, _KINDS
        for m in self.pattern.finditer(text, start, len(text) if end is None else end):
            kind = kinds[m.lastgroup]
            first, last = m.span()
            if kind == "number":
                surface = m.group()
                append(Token(first, last, kind, key(surface), number_value(surface)))
            else:
                append(Token(first, last, kind, key(m.group())))
        return out
