"""Per-sentence view of a document for event extraction: words, clauses, names with markers.

Names come from ``doc.mentions`` (with ``entity``); pronouns (वह, उन्होंने, दोनों नेता) and
"इसी शहर" become extra name slots resolved to an entity seen before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from khabar.document import Document, Entity
from khabar.events.text import Word, key, load_data, phrase_key, sentences, words

PLACE_TYPES = frozenset({"country", "region", "city", "location", "facility"})


@dataclass(slots=True)
class Slot:
    """A name (or resolved pronoun) in a sentence and the case marker after it."""

    entity: str
    etype: str
    i0: int
    i1: int
    marker: str = "nom"
    after: int = 0
    pronoun: bool = False


@dataclass(slots=True)
class SentenceView:
    index: int
    start: int
    end: int
    ws: list[Word]
    clause: list[int]
    slots: list[Slot] = field(default_factory=list)

    def clause_range(self, c: int) -> tuple[int, int]:
        """Words ``lo:hi`` of clause ``c`` ((0, 0) if it has none); clause indexes never
        decrease along a sentence, so the range is found by bisection."""
        lo, hi = bisect_left(self.clause, c), bisect_right(self.clause, c)
        return (lo, hi) if lo < hi else (0, 0)


@dataclass(frozen=True)
class Cues:
    boundaries: frozenset[str]
    relative: frozenset[str]
    markers: tuple[tuple[tuple[str, ...], str], ...]
    particles: frozenset[str]
    conj: frozenset[str]
    agent_heads: frozenset[str]
    offices: frozenset[str]
    spokes: frozenset[str]
    pron_subject: frozenset[str]
    pair: frozenset[str]
    pair_heads: dict[str, str]
    gen_modifiers: frozenset[str] = frozenset()
    bodies: frozenset[str] = frozenset()
    # ``markers`` grouped by their first key, longest first as in ``markers``.
    marker_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        default_factory=dict)


def keys(xs: list[str]) -> frozenset[str]:
    return frozenset(key(x) for x in xs)


@cache
def cues(lang: str = "hi") -> Cues:
    data = load_data(lang, "events/cues")
    mk = {k: v for k, v in data["markers"].items() if isinstance(v, str)}
    markers = tuple(sorted(((phrase_key(k), v) for k, v in mk.items()), key=lambda x: -len(x[0])))
    return Cues(
        boundaries=keys(data["clause"]["boundaries"]), relative=keys(data["clause"]["relative"]),
        markers=markers, particles=keys(data["markers"]["particles"]),
        conj=keys(data["markers"]["conjunctions"]), agent_heads=keys(data["agents"]["heads"]),
        offices=keys(data["agents"].get("offices", [])),
        spokes=keys(data["agents"]["spokesperson"]),
        pron_subject=keys(data["pronouns"]["subject"]), pair=keys(data["pronouns"]["pair"]),
        pair_heads={key(k): v for k, v in data["pronouns"]["pair_heads"].items()},
        gen_modifiers=keys(data["markers"].get("gen_modifiers", [])),
        bodies=keys(data["pronouns"].get("bodies", [])),
        marker_first=_by_first(markers),
    )


def _by_first(
    markers: tuple[tuple[tuple[str, ...], str], ...]
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, name in markers:
        if phrase:
            out.setdefault(phrase[0], []).append((phrase, name))
    return {k: tuple(v) for k, v in out.items()}


@dataclass
class History:
    """What earlier sentences said: subjects, all names, speakers, cities, principals."""

    subjects: list[tuple[int, str]] = field(default_factory=list)
    names: list[tuple[int, str, str]] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    city: str | None = None
    principal: dict[str, str] = field(default_factory=dict)
    spokes: set[str] = field(default_factory=set)

    def represented(self, entity: str) -> str:
        """Whom a spokesperson speaks for: up the chain of "X के ... प्रवक्ता Y"."""
        if entity not in self.spokes:
            return entity
        seen = {entity}
        while entity in self.principal and self.principal[entity] not in seen:
            entity = self.principal[entity]
            seen.add(entity)
        return entity


class DocView:
    """Sentences with slots, built once per document."""

    def __init__(self, doc: Document, lang: str = "hi") -> None:
        self.doc = doc
        self.cues = cues(lang)
        self.entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        self.history = History()
        self.sentences: list[SentenceView] = []
        by_start = sorted((m for m in doc.mentions if m.entity), key=lambda m: m.start)
        pos = 0
        for i, s in enumerate(sentences(doc)):
            ws = words(doc.text, s.start, s.end)
            view = SentenceView(i, s.start, s.end, ws, [])
            while pos < len(by_start) and by_start[pos].start < s.start:
                pos += 1
            j = pos
            bounds: tuple[list[int], list[int]] | None = None
            while j < len(by_start) and by_start[j].start < s.end:
                m = by_start[j]
                bounds = bounds or ([w.start for w in ws], [w.end for w in ws])
                self._add_slot(view, bounds, m.start, m.end, m.entity or "")
                j += 1
            inside = {k for slot in view.slots for k in range(slot.i0, slot.i1)}
            view.clause = _clauses(ws, self.cues.boundaries, inside)
            self.sentences.append(view)

    def etype(self, entity: str) -> str:
        e = self.entities.get(entity)
        return e.type if e else "other"

    def _add_slot(self, view: SentenceView, bounds: tuple[list[int], list[int]], start: int,
                  end: int, entity: str) -> None:
        """Words ``i0:i1`` of a mention: the first word ending after its start up to the first
        word starting at or after its end (word offsets increase: found by bisection)."""
        starts, ends = bounds
        i0 = bisect_right(ends, start)
        i1 = bisect_left(starts, end)
        if i0 < i1:
            view.slots.append(Slot(entity, self.etype(entity), i0, i1))

    def country_of(self, entity: str) -> str | None:
        """The document entity of the country a city lies in, if the document names it."""
        e = self.entities.get(entity)
        if e is None or e.type == "country" or not e.country:
            return None
        for other in self.entities.values():
            if other.type == "country" and e.country in (
                    other.kb_id, other.id, other.name, other.country):
                return other.id
        return None


def _clauses(ws: list[Word], boundaries: frozenset[str], inside: set[int]) -> list[int]:
    """Clause index of every word; a boundary word inside a name ("जो बाइडन") is no boundary."""
    out: list[int] = []
    current = done = 0
    for b in [k for k, w in enumerate(ws) if w.key in boundaries and k not in inside]:
        out.extend([current] * (b - done))  # words before boundary b stay in this clause
        current, done = current + 1, b
    out.extend([current] * (len(ws) - done))
    return out
