"""Word pieces of a sentence with matching keys, clauses, and the language data loader."""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from khabar.document import Document, Sentence

LANG_DIR = Path(__file__).resolve().parents[1] / "lang"
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\-]*|[^\s\p{L}\p{M}\p{N}]")
# The same words, each with the white space before it: every character that is not white
# space belongs to one word, so offsets follow from the lengths (no match objects needed).
_SPACED_WORD = regex.compile(rf"(\s*)({_WORD.pattern})")
_SENT = regex.compile(r"[^।॥?!\n]+[।॥?!]*")
_ZW = str.maketrans({"\u200c": None, "\u200d": None, "ँ": "ं", "\u093c": None, "\xa0": " "})
_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


@cache
def load_data(lang: str, name: str) -> dict[str, Any]:
    """A TOML file of language data, e.g. ``load_data("hi", "events/cues")``."""
    with (LANG_DIR / lang / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def key(word: str) -> str:
    """The matching key of a word: no nukta, no zero-width joiners, ँ as ं, ASCII digits."""
    return unicodedata.normalize("NFD", word).translate(_ZW).translate(_DIGITS)


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(key(m.group()) for m in _WORD.finditer(text))


class Word(NamedTuple):
    """A word or punctuation mark: offsets into the document text and its matching key."""

    start: int
    end: int
    key: str


def words(text: str, start: int, end: int) -> list[Word]:
    """The words and punctuation of ``text[start:end]`` with their keys."""
    return list(_words(text, start, end))


@lru_cache(maxsize=1024)
def _words(text: str, start: int, end: int) -> tuple[Word, ...]:
    """Cached: the times and events steps read each sentence of a document in turn.

    One ``findall`` over the sentence in place; offsets are summed from the pieces' lengths.
    """
    out: list[Word] = []
    append, end_of = out.append, start
    for space, word in _SPACED_WORD.findall(text, start, end):
        first = end_of + len(space)
        end_of = first + len(word)
        append(Word(first, end_of, key(word)))
    return tuple(out)


def sentences(doc: Document) -> list[Sentence]:
    """The document's sentences, or a simple split when the text layer has not run."""
    if doc.sentences:
        return doc.sentences
    return [Sentence(m.start(), m.end(), 0) for m in _SENT.finditer(doc.text) if m.group().strip()]


class PhraseIndex:
    """Phrases (tuples of keys) indexed by their first key, longest first."""

    def __init__(self, phrases: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> None:
        self.first: dict[str, list[tuple[str, ...]]] = {}
        for p in sorted(phrases, key=len, reverse=True):
            if p:
                self.first.setdefault(p[0], []).append(p)

    def at(self, keys: list[str], i: int) -> tuple[str, ...] | None:
        for p in self.first.get(keys[i], ()):
            if tuple(keys[i : i + len(p)]) == p:
                return p
        return None

    def search(self, keys: list[str]) -> bool:
        first = self.first
        if first.keys().isdisjoint(keys):  # most sentences: no word starts a phrase
            return False
        return any(self.at(keys, i) for i, k in enumerate(keys) if k in first)
