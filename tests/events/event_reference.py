"""The 11 events issue 5 expects on the reference page, and a matcher for them."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.document import Document, Entity, Event

# English name -> Wikidata QID (None when the test matches by name only).
QID: dict[str, str | None] = {
    "Russia": "Q159", "Ukraine": "Q212", "North Korea": "Q423", "United States": "Q30",
    "Kim Jong Un": "Q56226", "Vladimir Putin": "Q7747", "The New York Times": "Q9684",
    "White House": "Q35525", "Pyongyang": "Q18808", "Vladivostok": "Q959",
    "John Kirby": None, "Sergei Shoigu": None,
}


@dataclass
class Expected:
    type: str
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    dest: str | None = None
    modality: tuple[str, ...] = ()
    unconfirmed: bool | None = None
    sources: list[str] = field(default_factory=list)
    mode: str | None = None


EXPECTED = [
    Expected("REQUEST", ["Russia"], ["North Korea"], modality=("future",)),
    Expected("ASSAULT", parties=["Russia", "Ukraine"], modality=("asserted",)),
    Expected("CONSULT", parties=["Kim Jong Un", "Vladimir Putin"], dest="Vladivostok",
             modality=("hypothetical", "future"), unconfirmed=True,
             sources=["unnamed", "The New York Times"]),
    Expected("CONSULT", parties=["Russia", "North Korea"], modality=("asserted",),
             sources=["White House"]),
    Expected("CONSULT", ["Sergei Shoigu"], dest="Pyongyang", modality=("historical",),
             sources=["John Kirby"]),
    Expected("THREATEN", ["United States"], ["North Korea"], modality=("asserted",),
             mode="sanctions"),
    Expected("AGREE", parties=["Vladimir Putin", "Kim Jong Un"]),
    Expected("REQUEST", ["United States"], ["North Korea"]),
    Expected("CONSULT", ["North Korea"], dest="Vladivostok", modality=("historical",)),
    Expected("REQUEST", ["North Korea"], ["Russia"], modality=("asserted",)),
    Expected("CONSULT", ["Kim Jong Un"], dest="Vladivostok", modality=("historical",)),
]


def is_(entity: Entity | None, name: str) -> bool:
    if entity is None:
        return False
    qid = QID.get(name)
    return (qid is not None and entity.kb_id == qid) or entity.name.lower() == name.lower()


def _has(doc: Document, ids: list[str], names: list[str]) -> bool:
    ents = {e.id: e for e in doc.entities}
    return all(any(is_(ents.get(i), n) for i in ids) for n in names)


def _same_set(doc: Document, ids: list[str], names: list[str]) -> bool:
    ents = {e.id: e for e in doc.entities}
    return len(set(ids)) == len(names) and _has(doc, ids, names) and all(
        any(is_(ents.get(i), n) for n in names) for i in ids)


def matches(doc: Document, ev: Event, exp: Expected) -> bool:
    """Type, roles, destination, modality, unconfirmed, mode and sources as issue 5 asks."""
    ents = {e.id: e for e in doc.entities}
    if ev.type != exp.type or (exp.mode and ev.mode != exp.mode):
        return False
    if exp.parties and not _same_set(doc, ev.actors + ev.recipients, exp.parties):
        return False
    if not _has(doc, ev.actors, exp.actors) or not _has(doc, ev.recipients, exp.recipients):
        return False
    if exp.dest:
        where = ev.recipients + ([ev.place.entity] if ev.place and ev.place.entity else [])
        if not any(is_(ents.get(i), exp.dest) for i in where):
            return False
    if exp.modality and ev.modality not in exp.modality:
        return False
    if exp.unconfirmed is not None and ev.unconfirmed != exp.unconfirmed:
        return False
    have = ["unnamed" if a.kind == "unnamed" else a.source or "" for a in ev.attributions]
    return all(any(h == s if s == "unnamed" else is_(ents.get(h), s) for h in have)
               for s in exp.sources)


def score(doc: Document) -> tuple[list[int], int]:
    """Indexes of the expected events found (one event each) and the count of extra events."""
    used: set[int] = set()
    found: list[int] = []
    for k, exp in enumerate(EXPECTED):
        for n, ev in enumerate(doc.events):
            if n not in used and matches(doc, ev, exp):
                used.add(n)
                found.append(k)
                break
    return found, len(doc.events) - len(used)
