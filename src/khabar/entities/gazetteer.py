"""Gazetteer: knowledge-base names found in a text by Aho-Corasick over word keys.

The text is read as a sequence of words (``doc.tokens`` when present, else the
``[\\p{L}\\p{M}\\p{N}]+`` runs), each replaced by its matching key, so a match always starts and
ends on word boundaries — Devanagari vowel signs never split a word. Hindi postpositions are
separate words (अमेरिका ने, रूस के), so names match bare; nationality adjectives (भारतीय, रूसी,
and their oblique plurals) are matched as demonyms of their country. Latin-script names inside
Hindi text match too, when written with a capital letter. Misspelt multi-word person and
organisation names are found through vowel-less Latin skeletons (शरजेई शोइजू ~ Sergei Shoigu),
then checked by fuzzy score.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import NamedTuple

import regex
from rapidfuzz import fuzz

from khabar.document import Token
from khabar.entities.index import WORD, NameIndex, word_key
from khabar.lang.translit import name_key, skeleton

_JOINERS = frozenset({"-", ".", "'", "’", "&", "‐", "–"})
_BREAK = "\x01"
_HAS_LETTER = regex.compile(r"[\p{L}\p{M}]")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    ids: tuple[str, ...]
    kind: str  # name | demonym | skeleton
    score: float


class Word(NamedTuple):
    start: int
    end: int
    text: str


def text_words(text: str, tokens: Sequence[Token] = ()) -> list[Word | None]:
    """Words of the text; ``None`` marks a break (punctuation that no name crosses)."""
    out: list[Word | None] = []
    if tokens:
        is_word, append, make = _is_word, out.append, _new_word
        for tok in tokens:
            start, end = tok.start, tok.end
            piece = text[start:end]
            if is_word(piece):
                append(make(Word, (start, end, piece)))
            elif piece not in _JOINERS:
                append(None)
        return out
    last = 0
    for m in WORD.finditer(text):
        gap = text[last : m.start()].strip()
        if gap and not set(gap) <= _JOINERS:
            out.append(None)
        out.append(Word(m.start(), m.end(), m.group()))
        last = m.end()
    return out


@lru_cache(maxsize=100_000)
def _is_word(piece: str) -> bool:
    return WORD.fullmatch(piece) is not None


_new_word = tuple.__new__  # Word(...) without the Python-level __new__ (hot loop)
_BREAK_PAIR = ("", _BREAK)


def _unzip(pairs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    if not pairs:
        return [], []
    first, second = zip(*pairs, strict=True)
    return list(first), list(second)


class Gazetteer:
    """Finds knowledge-base names in text; see the module doc."""

    def __init__(self, index: NameIndex, fuzzy_min: float = 80.0) -> None:
        self.index = index
        self.fuzzy_min = fuzzy_min

    def find(self, text: str, tokens: Sequence[Token] = ()) -> list[Match]:
        seq = text_words(text, tokens)
        found = self._exact(text, seq) + self._skeletons(text, seq)
        return _longest(found)

    def _exact(self, text: str, seq: list[Word | None]) -> list[Match]:
        keys = [word_key(w[2]) if w else _BREAK for w in seq]
        found: list[Match] = []
        for i0, i1, key in _scan(self.index.automaton, keys):
            hit = self.index.hits[key]
            first, last = seq[i0], seq[i1]
            assert first is not None and last is not None
            if hit.latin and not _capitalised(first.text):
                continue
            score = self._score(hit.ids, hit.kind, i1 - i0 + 1)
            found.append(Match(first.start, last.end, hit.ids, hit.kind, score))
        return found

    def _skeletons(self, text: str, seq: list[Word | None]) -> list[Match]:
        automaton = self.index.skeleton_automaton
        if automaton is None or not len(automaton):
            return []
        pairs = [_latin_skeleton(w[2]) if w else _BREAK_PAIR for w in seq]
        latin, keys = _unzip(pairs)
        found: list[Match] = []
        for i0, i1, key in _scan(automaton, keys):
            if i1 == i0:
                continue
            query = " ".join(latin[i0 : i1 + 1])
            best = self._best_fuzzy(query, self.index.skeletons[key])
            if best is None:
                continue
            first, last = seq[i0], seq[i1]
            assert first is not None and last is not None
            found.append(Match(first.start, last.end, (best[0],), "skeleton", best[1]))
        return found

    def _best_fuzzy(self, query: str, ids: list[str]) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for entity_id in ids:
            entity = self.index.kb.get(entity_id)
            if entity is None:
                continue
            for _lang, name in entity.all_names():
                ratio = fuzz.ratio(query, name_key(name))
                if ratio >= self.fuzzy_min and (best is None or ratio / 100 > best[1]):
                    best = (entity_id, ratio / 100)
        return best

    def _score(self, ids: tuple[str, ...], kind: str, n_words: int) -> float:
        entity = self.index.kb.get(ids[0])
        prior = entity.prior if entity else 0.5
        base = 0.75 if kind == "demonym" else 0.8
        return min(1.0, base + 0.1 * min(n_words - 1, 2) + 0.1 * prior)


def _scan(automaton: object, keys: list[str]) -> list[tuple[int, int, str]]:
    """(first word, last word, key) of every automaton key that spans whole words."""
    if automaton is None:
        return []
    if "" in keys:
        return _scan_dicts(automaton, keys)
    # Word i of the joined sequence ends just before bounds[i] (a space, or the end).
    bounds = list(map(add, accumulate(map(len, keys)), range(len(keys))))
    seq = " ".join(keys)
    out: list[tuple[int, int, str]] = []
    for end, key in automaton.iter(seq):  # type: ignore[attr-defined]
        last = bisect_left(bounds, end + 1)
        if last == len(bounds) or bounds[last] != end + 1:
            continue
        start = end - len(key) + 1
        if start == 0:
            out.append((0, last, key))
            continue
        first = bisect_left(bounds, start - 1)
        if first < len(bounds) and bounds[first] == start - 1:
            out.append((first + 1, last, key))
    return out


def _scan_dicts(automaton: object, keys: list[str]) -> list[tuple[int, int, str]]:
    """``_scan`` for sequences with empty keys (kept exactly as first written)."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pos = 0
    for i, key in enumerate(keys):
        starts[pos] = i
        ends[pos + len(key) - 1] = i
        pos += len(key) + 1
    seq = " ".join(keys)
    out: list[tuple[int, int, str]] = []
    for end, key in automaton.iter(seq):  # type: ignore[attr-defined]
        start = end - len(key) + 1
        if start in starts and end in ends:
            out.append((starts[start], ends[end], key))
    return out


@lru_cache(maxsize=100_000)
def _latin_skeleton(word: str) -> tuple[str, str]:
    """A word's Latin key and its skeleton (a break for words without letters)."""
    key = name_key(word) if _HAS_LETTER.search(word) else ""
    return key, (skeleton(key) if key else _BREAK)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _longest(found: list[Match]) -> list[Match]:
    """Non-overlapping matches, longer (then better-scored) first, in text order."""
    chosen: list[Match] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), -m.score, m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
