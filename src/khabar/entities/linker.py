"""Entity linking: a mention's text to a knowledge-base entity, with a score.

Candidates come from the exact word key (spelling variants folded), the script-neutral Latin
key (किरबी ~ Kirby) and a fuzzy score over Latin keys (misspellings). Each candidate is scored
by how its name matched, its prior, whether its type fits the mention's label, and context in
the sentence: countries named nearby and role words before the mention ("रूस के रक्षा मंत्री"
favours Russia's defence minister). Below ``threshold`` a mention stays unlinked rather than
wrong. Document-level resolution (short forms, document-local entities) is in
:mod:`khabar.entities.resolve`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from rapidfuzz import fuzz, process

from khabar.entities.index import NameIndex, phrase_key, read_lines, read_rows
from khabar.kb.model import KBEntity, Role
from khabar.lang.translit import name_key

# Which entity types fit a mention label (tagger labels and gazetteer types).
LABEL_TYPES: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "location": frozenset({"country", "region", "city", "location", "facility"}),
    "organisation": frozenset({"organisation", "media", "group", "facility"}),
}
_MATCH_WEIGHT = {"exact": 1.0, "latin": 0.92, "fuzzy": 0.85}
SINGLE_WORD_FUZZY_MIN = 88.0


@dataclass(frozen=True, slots=True)
class Context:
    """What the sentence around a mention says: countries named, role words before it."""

    countries: frozenset[str] = frozenset()
    roles: tuple[Role, ...] = ()


@dataclass(slots=True)
class Link:
    entity: KBEntity
    score: float
    how: str


@dataclass
class Linker:
    index: NameIndex
    threshold: float = 0.62
    fuzzy_min: float = 82.0
    home_country: str = "IND"
    margin: float = 0.03
    word_prior: float = 0.55
    role_phrases: list[tuple[str, Role]] = field(default_factory=list)
    _cache: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict, repr=False)
    titles: frozenset[str] = field(default=frozenset(), repr=False)

    def __post_init__(self) -> None:
        self.titles = frozenset(phrase_key(t) for t in read_lines("name_titles.txt"))
        if not self.role_phrases:
            rows = read_rows("role_words.tsv")
            pairs = [(phrase_key(r[0]), Role.parse(r[1])) for r in rows if len(r) > 1]
            self.role_phrases = sorted(pairs, key=lambda p: -len(p[0]))

    # -- candidates ----------------------------------------------------------------------
    def candidates(self, text: str) -> list[tuple[str, str, float]]:
        """(entity id, how, name similarity) for a mention text (cached per linker)."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._candidates(text)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[text] = cached
        return cached

    def _candidates(self, text: str) -> list[tuple[str, str, float]]:
        out: dict[str, tuple[str, float]] = {}
        hit = self.index.hits.get(phrase_key(text))
        if hit is not None and hit.kind == "demonym":
            out[hit.ids[0]] = ("exact", 1.0)
        for entity_id in self.index.candidates_exact(text):
            out.setdefault(entity_id, ("exact", 1.0))
        for entity_id in self.index.candidates_latin(text):
            out.setdefault(entity_id, ("latin", 1.0))
        if not out:
            bare = self._without_titles(text)
            if bare != text:
                return self.candidates(bare)
            for entity_id, ratio in self._fuzzy(name_key(text)):
                out.setdefault(entity_id, ("fuzzy", ratio))
        return [(k, how, sim) for k, (how, sim) in out.items()]

    def _without_titles(self, text: str) -> str:
        """The mention without leading titles and role words (डॉ., प्रधानमंत्री, General)."""
        words = text.split()
        n = 0
        while n < len(words) - 1 and phrase_key(words[n]) in self.titles:
            n += 1
        return " ".join(words[n:]) if n else text

    def _fuzzy(self, key: str) -> list[tuple[str, float]]:
        return list(_fuzzy_lookup(self.index, key, self.fuzzy_min))

    # -- scoring ---------------------------------------------------------------------------
    def link(self, text: str, label: str = "", context: Context = Context()) -> Link | None:
        """The best entity for a mention, or None when nothing scores above the threshold.

        A candidate found only by its Latin key or fuzzily must also beat the runner-up by
        ``margin``; when two entities are that close, the mention stays unlinked.
        """
        ranked: list[Link] = []
        for entity_id, how, sim in self.candidates(text):
            entity = self.index.kb.get(entity_id)
            if entity is not None:
                ranked.append(Link(entity, self.score(entity, how, sim, label, context), how))
        if not ranked:
            return None
        ranked.sort(key=lambda lk: -lk.score)
        best = ranked[0]
        if best.score < self.threshold:
            return None
        if best.how != "exact" and len(ranked) > 1 and best.score - ranked[1].score < self.margin:
            return None
        if best.how == "fuzzy" and " " not in text.strip() and best.entity.prior < self.word_prior:
            return None  # a misspelt single word must be a well-known name (not a small town)
        return best

    def score(
        self, entity: KBEntity, how: str, sim: float, label: str, context: Context
    ) -> float:
        score = _MATCH_WEIGHT[how] * sim * 0.8 + 0.15 * entity.prior
        allowed = LABEL_TYPES.get(label)
        if allowed is not None and label not in ("", entity.type):
            score += 0.05 if entity.type in allowed else -0.25
        if entity.type == "other":
            score -= 0.1
        if entity.country and entity.country in context.countries:
            score += 0.05
        elif entity.country == self.home_country:
            score += 0.02
        score += _role_bonus(entity, context)
        return max(0.0, min(1.0, score))

    def context(self, words_before: Sequence[str], countries: Sequence[str]) -> Context:
        """Context from the keys of the words just before a mention and the countries near."""
        before = " ".join(words_before)
        roles = tuple(r for phrase, r in self.role_phrases if phrase and before.endswith(phrase))
        return Context(frozenset(countries), roles[:1])


def _role_bonus(entity: KBEntity, context: Context) -> float:
    bonus = 0.0
    for wanted in context.roles:
        for role in entity.roles:
            if role.role != wanted.role:
                continue
            if wanted.portfolio and role.portfolio != wanted.portfolio:
                continue
            country_fits = not context.countries or role.of in context.countries or (
                entity.country in context.countries
            )
            bonus = max(bonus, 0.15 if country_fits else 0.05)
    return bonus


@lru_cache(maxsize=50_000)
def _fuzzy_cached(index_id: int, key: str, fuzzy_min: float) -> tuple[tuple[str, float], ...]:
    index = _INDEXES_BY_ID[index_id]
    if " " not in key:  # one word: short keys meet too many names by chance (झापा ~ Japan)
        if len(key) < 5:
            return ()
        fuzzy_min = max(fuzzy_min, SINGLE_WORD_FUZZY_MIN)
    choices = _choices(index_id, key[:1], len(key))
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=fuzzy_min, limit=5)
    out: list[tuple[str, float]] = []
    for choice, ratio, _ in found:
        for entity_id in index.latin.get(choice, []):
            out.append((entity_id, ratio / 100))
    return tuple(out)


@lru_cache(maxsize=4096)
def _choices(index_id: int, first: str, length: int) -> list[str]:
    """The Latin keys of a bucket within 3 characters of ``length``, in bucket order."""
    bucket = _INDEXES_BY_ID[index_id].buckets.get(first, [])
    by_length = _positions_by_length(index_id, first)
    near = range(length - 3, length + 4)
    return [bucket[i] for i in sorted(chain.from_iterable(by_length.get(n, ()) for n in near))]


@lru_cache(maxsize=512)
def _positions_by_length(index_id: int, first: str) -> dict[int, list[int]]:
    """Positions in a bucket of its keys of each length (a bucket is scanned once)."""
    out: dict[int, list[int]] = {}
    for i, k in enumerate(_INDEXES_BY_ID[index_id].buckets.get(first, [])):
        out.setdefault(len(k), []).append(i)
    return out


_INDEXES_BY_ID: dict[int, NameIndex] = {}


def _fuzzy_lookup(index: NameIndex, key: str, fuzzy_min: float) -> tuple[tuple[str, float], ...]:
    _INDEXES_BY_ID[id(index)] = index
    return _fuzzy_cached(id(index), key, fuzzy_min)
