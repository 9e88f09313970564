"""Candidates (one per trigger mention), their merging into events, and confidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from khabar.document import Attribution, Casualties, Event, Evidence, Place, TimeExpression
from khabar.events.lexicon import Entry
from khabar.events.ontology import ontology

_PLACE_RANK = {"city": 3, "location": 3, "facility": 3, "region": 2, "country": 1}
_TIE = ("hypothetical", "future", "negated", "asserted", "historical")


@dataclass(slots=True)
class Candidate:
    entry: Entry
    type: str
    mode: str | None
    sentence: int
    evidence: Evidence
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    core: frozenset[str] = frozenset()
    subtype: str | None = None
    mode_specific: bool = False
    place: Place | None = None
    place_rank: int = 0
    time: TimeExpression | None = None
    casualties: Casualties | None = None
    modality: str = "asserted"
    unconfirmed: bool = False
    attributions: list[Attribution] = field(default_factory=list)
    more: list[Candidate] = field(default_factory=list)
    carried: bool = False  # a light verb or a verb carried the trigger (not a bare noun)

    @property
    def historical(self) -> bool:
        return self.modality == "historical"


def _times_agree(a: TimeExpression | None, b: TimeExpression | None) -> bool:
    if a is None or b is None:
        return True
    return (a.value == b.value and a.value is not None) or a.text == b.text


def compatible(a: Candidate, b: Candidate) -> bool:
    if a.type != b.type or a.historical != b.historical or not _times_agree(a.time, b.time):
        return False
    if a.entry.incident and not a.core and not b.core:
        return a.subtype == b.subtype
    if not (a.core & b.core) or not (a.core <= b.core or b.core <= a.core):
        return False
    if ontology().symmetric(a.type, a.mode):
        return True
    return not a.actors or not b.actors or bool(set(a.actors) & set(b.actors))


def absorb(a: Candidate, b: Candidate) -> None:
    """Merge candidate ``b`` (a later mention) into ``a``."""
    a.more.append(b)
    a.actors += [x for x in b.actors if x not in a.actors and x not in a.recipients]
    a.recipients += [x for x in b.recipients if x not in a.recipients and x not in a.actors
                     and (x in b.core or not a.recipients)]
    a.core = a.core | b.core
    if b.mode_specific and not a.mode_specific:
        a.mode, a.mode_specific = b.mode, True
    if b.place is not None and b.place_rank > a.place_rank:
        a.place, a.place_rank = b.place, b.place_rank
    a.time = a.time or b.time
    a.casualties = _max_casualties(a.casualties, b.casualties)
    a.unconfirmed = a.unconfirmed or b.unconfirmed
    for attr in b.attributions:
        if not any((x.kind, x.source) == (attr.kind, attr.source) for x in a.attributions):
            a.attributions.append(attr)


def _max_casualties(a: Casualties | None, b: Casualties | None) -> Casualties | None:
    if a is None or b is None:
        return a or b
    return Casualties(_larger(a.killed, b.killed), _larger(a.injured, b.injured),
                      a.approximate or b.approximate)


def _larger(x: int | None, y: int | None) -> int | None:
    return y if x is None or (y is not None and y > x) else x


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Group mentions of one event: the first mention absorbs the later compatible ones."""
    out: list[Candidate] = []
    for c in cands:
        target = next((e for e in out if compatible(e, c)), None)
        if target is None:
            out.append(c)
        else:
            absorb(target, c)
    return out


def _vote(c: Candidate) -> str:
    counts = Counter([c.modality] + [m.modality for m in c.more])
    best = max(counts.values())
    return next(m for m in _TIE if counts.get(m) == best)


def confidence(c: Candidate) -> float:
    base = 0.65 if c.carried else (0.6 if c.entry.incident else 0.5)
    score = base + 0.1 * bool(c.actors) + 0.1 * bool(c.recipients) + 0.05 * len(c.more)
    if c.entry.incident:
        score += 0.05 * bool(c.place) + 0.05 * bool(c.casualties)
    return round(min(score, 0.95), 2)


def _place_vote(c: Candidate) -> Place | None:
    """The place named by most mentions; ties go to the more specific, then the first."""
    pairs = [(p, r) for p, r in [(c.place, c.place_rank)] + [(m.place, m.place_rank)
                                                            for m in c.more] if p is not None]
    if not pairs:
        return None
    counts = Counter(p.entity or p.text for p, _ in pairs)
    ranks = {p.entity or p.text: r for p, r in pairs}
    best = max(counts, key=lambda k: (counts[k], ranks.get(k, 0)))
    return next(p for p, _ in pairs if (p.entity or p.text) == best)


def to_event(c: Candidate, n: int) -> Event:
    return Event(
        id=f"ev{n}", type=c.type, mode=c.mode, subtype=c.subtype,
        cameo=ontology().cameo(c.type, c.mode), actors=list(c.actors),
        recipients=list(c.recipients), place=_place_vote(c), time=c.time, casualties=c.casualties,
        modality=_vote(c),  # type: ignore[arg-type]
        unconfirmed=c.unconfirmed, attributions=list(c.attributions),
        evidence=[c.evidence] + [m.evidence for m in c.more], confidence=confidence(c),
    )
