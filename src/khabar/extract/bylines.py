"""Byline word lists (data files), loaded once: name prefixes, joins, agencies, date labels.

Hindi and English words live in ``khabar/lang/<lang>/byline_words.txt``, other languages in
``khabar/extract/data/byline_words.txt``; agencies in ``extract/data/agencies.txt``; Hindi
month names in ``khabar/lang/hi/months.tsv``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_KINDS = ("prefix", "suffix", "join", "label", "updated", "role", "pm", "night")


@dataclass(frozen=True, slots=True)
class BylineWords:
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    agencies: frozenset[str] = frozenset()
    months: dict[str, int] = field(default_factory=dict)

    def of(self, kind: str) -> tuple[str, ...]:
        return self.words.get(kind, ())


def _lines(package: str, name: str) -> list[str]:
    try:
        text = resources.files(package).joinpath(name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return []
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def byline_words() -> BylineWords:
    words: dict[str, list[str]] = defaultdict(list)
    for package in ("khabar.lang.hi", "khabar.lang.en", "khabar.extract.data"):
        for line in _lines(package, "byline_words.txt"):
            kind, _, word = line.partition("\t")
            if kind in _KINDS and word.strip():
                words[kind].append(word.strip().casefold())
    agencies = frozenset(a.casefold() for a in _lines("khabar.extract.data", "agencies.txt"))
    months: dict[str, int] = {}
    for line in _lines("khabar.lang.hi", "months.tsv"):
        name, _, number = line.partition("\t")
        if number.strip().isdigit():
            months[name.strip()] = int(number)
    # Longest first, so "written by" is tried before "by".
    ordered = {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in words.items()}
    return BylineWords(ordered, agencies, months)
