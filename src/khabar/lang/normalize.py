"""Text normalisation for the one document text, and matching keys for spelling variants.

:func:`normalize_text` is applied once, when the extractor builds ``doc.text``: NFC,
invisible characters removed, white space runs to one space, lines stripped, empty lines
dropped. ZWJ / ZWNJ are kept only where they can change how a word is written: right after a
virama (half forms, eyelash ra: क्‍ष), between Arabic-script letters (Urdu, Persian), and
inside emoji sequences; everywhere else they are stray and removed.

:func:`match_key` folds spellings of one word to one key WITHOUT changing the text: nukta,
chandrabindu, candra O, joiners, nasal consonant + virama (हिन्दी / हिंदी), whole-word
variants (गये / गए), the colon used for a visarga (संभवत: / संभवतः), any decimal digits to
Latin digits, and case. The rules are data files under ``khabar/lang/hi/``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

from khabar.lang.resources import table

# Characters that are never visible text: ZWSP, BOM, word joiner, soft hyphen, invisible
# operators, directional marks and embeddings, Mongolian vowel separator, C0/C1 controls.
_INVISIBLE_CHARS = (
    "\u200b\ufeff\u2060\u00ad\u2061\u2062\u2063\u2064\u180e\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    + "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0x85),
                              *range(0x86, 0xA0)))
)
_INVISIBLE = regex.compile(f"[{regex.escape(_INVISIBLE_CHARS)}]+")
_VIRAMAS = "\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca"
# A joiner is kept after a virama, between Arabic-script letters, or after a symbol (emoji).
_STRAY_JOINER = regex.compile(
    rf"(?<![{_VIRAMAS}\p{{So}}\p{{Sk}}])(?<!\p{{Arabic}})[\u200c\u200d]+"
    rf"|(?<=\p{{Arabic}})[\u200c\u200d]+(?!\p{{Arabic}})"
)
_ODD_SPACES = "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_SPACES = regex.compile(f" [ {_ODD_SPACES}]+|[{_ODD_SPACES}][ {_ODD_SPACES}]*")
_LINE_BREAK_CHARS = "\r\u2028\u2029\x85\x0c"
_LINE_BREAKS = regex.compile(r"\r\n?|[\u2028\u2029\x85\x0c]")


def _contains_any(text: str, chars: str) -> bool:
    """Fast test (one C-level scan of the text) before a regex pass over a long text."""
    return _char_class(chars).search(text) is not None


@lru_cache(maxsize=16)
def _char_class(chars: str) -> re.Pattern[str]:
    """A stdlib ``re`` class of ``chars`` (no Unicode properties needed: the faster engine)."""
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def normalize_text(text: str) -> str:
    """NFC text with invisible characters gone, one space per run, stripped non-empty lines.

    Every white space character (no-break space, the U+2000 spaces, ideographic space, tab)
    counts as a space. Each regex pass runs only when a quick scan finds something to change,
    which keeps a 50 MB line cheap.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if _contains_any(text, _LINE_BREAK_CHARS):
        text = _LINE_BREAKS.sub("\n", text)
    if _contains_any(text, _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _STRAY_JOINER.sub("", text)
    if "  " in text or _contains_any(text, _ODD_SPACES):
        text = _SPACES.sub(" ", text)
    lines = (line.strip(" ") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# -- matching keys ---------------------------------------------------------------------------

_DIGIT_BLOCKS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
                 0x0CE6, 0x0D66, 0x0DE6, 0xFF10)


def _build_folds() -> tuple[dict[int, str], dict[int, str]]:
    """Translate tables: (always, only in words with Devanagari)."""
    always: dict[int, str] = {}
    deva: dict[int, str] = {}
    for block in _DIGIT_BLOCKS:  # Unicode decimal digits of Indic scripts, Arabic, full width
        for i in range(10):
            always[block + i] = str(i)
    for row in table("hi", "digits.tsv"):
        always[ord(row[0])] = row[1]
    for row in table("hi", "char_variants.tsv"):
        target = deva if len(row) > 2 and row[2] == "devanagari" else always
        target[ord(row[0])] = row[1] if len(row) > 1 else ""
    return always, deva


def _build_nasal() -> regex.Pattern[str]:
    parts = [f"{row[0]}\u094d(?=[{row[1]}])" for row in table("hi", "nasal_clusters.tsv")]
    return regex.compile("|".join(parts))


_FOLD, _FOLD_DEVA = _build_folds()
_NASAL = _build_nasal()
_VARIANTS = {row[0]: row[1] for row in table("hi", "spelling_variants.tsv") if len(row) > 1}
_HAS_DEVANAGARI = regex.compile(r"\p{Devanagari}")


@lru_cache(maxsize=200_000)
def match_key(word: str) -> str:
    """A key under which spelling variants of ``word`` meet; the text itself is untouched.

    >>> match_key("हिन्दी") == match_key("हिंदी")
    True
    """
    key = unicodedata.normalize("NFC", word).translate(_FOLD)
    if _HAS_DEVANAGARI.search(key):
        key = key.translate(_FOLD_DEVA)
        if "\u094d" in key:
            key = _NASAL.sub("\u0902", key)
        return _VARIANTS.get(key, key)
    return key.casefold()
