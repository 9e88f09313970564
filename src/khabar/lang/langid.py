"""Offline language identification: the script first, then function words within a script.

Scripts decide most languages outright (Bengali → bn, Gujarati → gu, Gurmukhi → pa, Arabic
→ ur, checked against Urdu function words). Devanagari text is Hindi, Marathi or Nepali: each
language has a list of frequent function words and typical word endings
(``lang/<code>/function_words.txt``, ``suffixes.txt``) and the language with most evidence
wins. Latin text is English when English function words are frequent enough, else ``und``
(romanised Hindi, other languages). The score is in [0, 1]: the dominant script's share of
letters times the confidence of the choice inside the script. Below ``min_score`` the answer
is ``und``.

Work is per distinct word (one ``findall`` and a ``Counter``, then a cached look-up per word),
and a :class:`Profile` of one text adds up with others: a document's profile is the sum of
its blocks' profiles, so the document is not read twice.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

from khabar.lang.resources import word_list

_WORDS = regex.compile(r"[\p{L}\p{M}\u200c\u200d]+")
# First code point of each range, and its script (letters outside every range: "Other").
_RANGES = (
    (0x0041, "Latin"), (0x005B, "Other"), (0x0061, "Latin"), (0x007B, "Other"),
    (0x00C0, "Latin"), (0x0250, "Other"), (0x0600, "Arabic"), (0x0700, "Other"),
    (0x0750, "Arabic"), (0x0780, "Other"), (0x08A0, "Arabic"), (0x0900, "Devanagari"),
    (0x0980, "Bengali"), (0x0A00, "Gurmukhi"), (0x0A80, "Gujarati"), (0x0B00, "Oriya"),
    (0x0B80, "Tamil"), (0x0C00, "Telugu"), (0x0C80, "Kannada"), (0x0D00, "Malayalam"),
    (0x0D80, "Other"), (0x1E00, "Latin"), (0x1F00, "Other"), (0xA8E0, "Devanagari"),
    (0xA900, "Other"), (0xFB50, "Arabic"), (0xFE00, "Other"), (0xFE70, "Arabic"),
    (0xFF00, "Other"),
)
_STARTS = [start for start, _ in _RANGES]
# Scripts that name their language outright.
_SCRIPT_LANGUAGE = {"Bengali": "bn", "Gujarati": "gu", "Gurmukhi": "pa", "Tamil": "ta",
                    "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Oriya": "or"}
_DEVANAGARI_LANGUAGES = ("hi", "mr", "ne")
_EVIDENCE_LANGUAGES = (*_DEVANAGARI_LANGUAGES, "en", "ur")
_SUFFIX_WEIGHT = 0.5
_CACHE_LIMIT = 200_000


def script_of(char: str) -> str:
    """The script of a letter, by code point range."""
    index = bisect.bisect_right(_STARTS, ord(char)) - 1
    return _RANGES[index][1] if index >= 0 else "Other"


@dataclass(slots=True)
class Profile:
    """What identification needs from a text: letters per script, evidence per language."""

    letters: Counter[str] = field(default_factory=Counter)
    evidence: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        _EVIDENCE_LANGUAGES, 0.0))
    words: Counter[str] = field(default_factory=Counter)  # words per script

    def add(self, other: Profile) -> None:
        self.letters.update(other.letters)
        self.words.update(other.words)
        for lang, amount in other.evidence.items():
            self.evidence[lang] = self.evidence.get(lang, 0.0) + amount


@dataclass(frozen=True, slots=True)
class Guess:
    code: str
    score: float
    script: str


def script_counts(text: str) -> Counter[str]:
    """Letters (with their marks) per script."""
    counts: Counter[str] = Counter()
    for word, n in Counter(_WORDS.findall(text)).items():
        counts[script_of(word[0])] += n * len(word)
    return counts


def _evidence(amount: float) -> float:
    """Confidence from an amount of evidence: 1 hit → 0.39, 2 → 0.63, 4 → 0.86, 8 → 0.98."""
    return 1.0 - math.exp(-amount / 2.0)


class LanguageIdentifier:
    """Guesses the language of a text among ``languages``; picklable, built from data files."""

    def __init__(self, languages: Iterable[str], *, min_score: float = 0.35,
                 sample_chars: int = 20000) -> None:
        self.languages = tuple(languages)
        self.min_score = min_score
        self.sample_chars = sample_chars
        self.function_words = {lang: word_list(lang, "function_words.txt")
                               for lang in _EVIDENCE_LANGUAGES}
        self.suffixes = {lang: tuple(word_list(lang, "suffixes.txt"))
                         for lang in _DEVANAGARI_LANGUAGES}
        self._cache: dict[str, tuple[str, tuple[tuple[str, float], ...]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"languages": self.languages, "min_score": self.min_score,
                "sample_chars": self.sample_chars}

    def __setstate__(self, state: dict[str, Any]) -> None:
        LanguageIdentifier.__init__(self, state["languages"], min_score=state["min_score"],
                                    sample_chars=state["sample_chars"])

    def identify(self, text: str) -> tuple[str, float]:
        guess = self.guess(text)
        return guess.code, guess.score

    def guess(self, text: str) -> Guess:
        return self.decide(self.profile(text))

    def profile(self, text: str) -> Profile:
        """The profile of (the first ``sample_chars`` characters of) ``text``."""
        prof = Profile()
        letters: dict[str, int] = {}  # plain dicts in the hot loop, same order of first use
        words: dict[str, int] = {}
        evidence = prof.evidence
        cache, of_word = self._cache, self._word
        for word, n in Counter(_WORDS.findall(text, 0, self.sample_chars)).items():
            script, found = cache.get(word) or of_word(word)
            letters[script] = letters.get(script, 0) + n * len(word)
            words[script] = words.get(script, 0) + n
            for lang, weight in found:
                evidence[lang] += n * weight
        prof.letters.update(letters)
        prof.words.update(words)
        return prof

    def _word(self, word: str) -> tuple[str, tuple[tuple[str, float], ...]]:
        """(script, evidence per language) of one word, cached."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        script = script_of(word[0])
        found: list[tuple[str, float]] = []
        if script == "Devanagari":
            for lang in _DEVANAGARI_LANGUAGES:
                if word in self.function_words[lang]:
                    found.append((lang, 1.0))
                elif word.endswith(self.suffixes[lang] or ("\0",)):
                    found.append((lang, _SUFFIX_WEIGHT))
        elif script == "Latin" and word.casefold() in self.function_words["en"]:
            found.append(("en", 1.0))
        elif script == "Arabic" and word in self.function_words["ur"]:
            found.append(("ur", 1.0))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        result = self._cache[word] = (script, tuple(found))
        return result

    def decide(self, prof: Profile) -> Guess:
        """The guess for a profile (of one text, or the sum of several)."""
        total = sum(prof.letters.values())
        if not total:
            return Guess("und", 0.0, "")
        script, letters = prof.letters.most_common(1)[0]
        code, confidence = self._within_script(script, prof)
        score = round(letters / total * confidence, 3)
        if code not in self.languages or score < self.min_score:
            return Guess("und", score, script)
        return Guess(code, score, script)

    def _within_script(self, script: str, prof: Profile) -> tuple[str, float]:
        if script in _SCRIPT_LANGUAGE:
            return _SCRIPT_LANGUAGE[script], 1.0
        if script == "Devanagari":
            evidence = {lang: prof.evidence[lang] for lang in _DEVANAGARI_LANGUAGES}
            total = sum(evidence.values())
            if total == 0:
                return "hi", 0.3  # the prior: most Devanagari news text is Hindi
            best = max(evidence, key=evidence.__getitem__)
            return best, evidence[best] / total * _evidence(total)
        if script == "Arabic":
            return "ur", 0.7 + 0.3 * _evidence(prof.evidence["ur"])
        if script == "Latin":
            hits = prof.evidence["en"]
            words = prof.words["Latin"]
            return "en", _evidence(hits) if words and hits / words >= 0.08 else 0.0
        return "und", 0.0
