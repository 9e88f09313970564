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

import unicodedata
from functools import lru_cache

import regex

from khabar.lang.resources import table

# Characters that are never visible text: ZWSP, BOM, word joiner, soft hyphen, invisible
# operators, directional marks and embeddings, Mongolian vowel separator, C0/C1 controls.
_INVISIBLE = regex.compile(
    r"[\u200b\ufeff\u2060\u00ad\u2061-\u2064\u180e\u200e\u200f\u202a-\u202e\u2066-\u2069"
    r"\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]+"
)
_VIRAMAS = "\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca"
# A joiner is kept after a virama, between Arabic-script letters, or after a symbol (emoji).
_STRAY_JOINER = regex.compile(
    rf"(?<![{_VIRAMAS}\p{{So}}\p{{Sk}}])(?<!\p{{Arabic}})[\u200c\u200d]+"
    rf"|(?<=\p{{Arabic}})[\u200c\u200d]+(?!\p{{Arabic}})"
)
_LINE_BREAKS = regex.compile(r"\r\n?|[\u2028\u2029\x85\x0c]")
_SPACES = regex.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_EDGES = regex.compile(r"^ | $", regex.MULTILINE)
_EMPTY_LINES = regex.compile(r"\n{2,}")


def normalize_text(text: str) -> str:
    """NFC text with invisible characters gone, one space per run, stripped non-empty lines."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _STRAY_JOINER.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_EDGES.sub("", text)
    text = _EMPTY_LINES.sub("\n", text)
    return text.strip("\n")


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
