"""Search terms: whole words (letters, marks, digits) plus script-neutral Latin keys.

SQLite's ``unicode61`` tokenizer and Python's ``\\w`` both cut Devanagari words at vowel signs
and viramas (पुतिन → प, त, न). khabar never lets a database tokenise Hindi: it splits the text
itself with ``[\\p{L}\\p{M}\\p{N}]+``, case-folds, and hands the database one space-separated
term per word (SQLite FTS5 with the ``ascii`` tokenizer keeps every non-ASCII character inside
a token; PostgreSQL gets the terms as an array, bypassing its parser).

Each non-Latin word also contributes its Latin key (:func:`khabar.lang.translit.name_key`),
so the query ``putin`` reaches पुतिन. A Latin query word matches the word itself or its key;
a Devanagari query word matches only itself, so पता never finds पुतिन.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
MAX_TERM = 64


def _load_key() -> Callable[[str], str]:
    try:
        from khabar.lang.translit import name_key
    except ImportError:  # the transliteration module is optional for storage
        return lambda word: ""
    return name_key


_name_key = _load_key()


@lru_cache(maxsize=500_000)
def word_key(word: str) -> str:
    """The Latin key of one (case-folded) word, '' when it equals the word or has none."""
    if word.isascii():
        return ""
    key = _name_key(word).replace(" ", "")
    return key if key and key != word else ""


def words(text: str) -> list[str]:
    """Case-folded words of ``text`` (Devanagari words kept whole)."""
    return [w[:MAX_TERM] for w in _WORD.findall(text.casefold())]


def index_terms(texts: Iterable[str]) -> list[str]:
    """Distinct terms to index for a document: its words, then the Latin keys of non-Latin ones."""
    seen = dict.fromkeys(w for text in texts for w in words(text))
    keys = dict.fromkeys(k for k in map(word_key, list(seen)) if k)
    return list(seen) + [k for k in keys if k not in seen]


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One query word and the terms any of which satisfies it."""

    word: str
    alternatives: tuple[str, ...]


def parse_query(query: str) -> list[QueryWord]:
    """Query words (all must match); a Latin word also matches its phonetic key."""
    out: list[QueryWord] = []
    for word in words(query):
        alts = [word]
        if word.isascii():
            key = _latin_key(word)
            if key and key != word:
                alts.append(key)
        out.append(QueryWord(word, tuple(alts)))
    return out


def _latin_key(word: str) -> str:
    return _name_key(word).replace(" ", "")
