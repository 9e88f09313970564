"""Actors, recipients, goal and place of a trigger from the case markers of its clause."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.events.context import PLACE_TYPES, DocView, SentenceView, Slot
from khabar.events.lexicon import Hit

# A bare (nominative) city or region is a place, not an actor ("मुंबई में" aside).
_NOT_SUBJECT = frozenset({"city", "region", "location", "facility"})
_DEFAULT = {"ne": "actor", "ko": "recipient", "saath": "participant", "khilaf": "recipient",
            "se": "none", "par": "none", "gen": "none", "mein": "none"}


@dataclass(slots=True)
class Roles:
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    goal: Slot | None = None
    place: Slot | None = None

    def add(self, role: str, entity: str) -> None:
        target = {"actor": self.actors, "recipient": self.recipients,
                  "participant": self.participants}.get(role)
        if target is not None and entity not in target:
            target.append(entity)


def claimed(view: SentenceView, hits: list[Hit]) -> dict[int, int]:
    """Slot index -> hit index, for names whose marker sits right before a trigger."""
    out: dict[int, int] = {}
    for k, slot in enumerate(view.slots):
        for h, hit in enumerate(hits):
            if hit.anchor[0] - 1 <= slot.after <= hit.anchor[0]:
                out[k] = h
    return out


def clause_slots(view: SentenceView, hit: Hit, dv: DocView) -> list[int]:
    """Indexes of the slots in the trigger's clause (or the clause a relative one hangs on)."""
    c = view.clause[hit.anchor[0]]
    inside = [k for k, s in enumerate(view.slots) if view.clause[s.i0] == c]
    lo, _ = view.clause_range(c)
    if not inside and c > 0 and view.ws[lo].key in dv.cues.relative:
        inside = [k for k, s in enumerate(view.slots) if view.clause[s.i0] == c - 1]
    return inside


def assign(view: SentenceView, hit: Hit, k_hit: int, hits: list[Hit], dv: DocView,
           symmetric: bool) -> Roles:
    roles = Roles()
    entry = hit.entry
    owner = claimed(view, hits)
    dative: list[str] = []
    places: list[Slot] = []
    for k in clause_slots(view, hit, dv):
        slot = view.slots[k]
        if owner.get(k, k_hit) != k_hit and slot.marker not in ("ne", "nom"):
            continue
        is_place = slot.etype in PLACE_TYPES
        if entry.needs == "goal" and is_place and hit.anchor[0] - 2 <= slot.i1 <= hit.anchor[0] \
                and slot.marker in entry.goal:
            roles.goal = slot
            continue
        if slot.marker == "gen" and not _gen_reaches(view, slot.after, hit.anchor[0], dv):
            continue
        if slot.marker == "nom":
            if not roles.actors and slot.etype not in _NOT_SUBJECT:
                roles.actors.append(slot.entity)
            continue
        role = entry.role(slot.marker, _DEFAULT.get(slot.marker, "none"))
        if role == "none":
            if slot.marker in ("mein", "par") and is_place:
                places.append(slot)
            elif slot.marker == "ko":
                dative.append(slot.entity)
            continue
        roles.add(role, slot.entity)
    roles.place = best_place(places, hit.anchor[0])
    _settle(roles, symmetric, dative)
    return roles


def _gen_reaches(view: SentenceView, after: int, anchor: int, dv: DocView) -> bool:
    """A genitive governs the trigger noun right after it, or after modifiers of that noun
    ("नेपाल की हर संभव मदद")."""
    if anchor - 1 <= after <= anchor:
        return True
    between = view.ws[after:anchor]
    return 0 < len(between) <= 3 and all(w.key in dv.cues.gen_modifiers for w in between)


def best_place(places: list[Slot], anchor: int) -> Slot | None:
    """A known place (in the KB) over a document-local one ("उत्तरी तट"), में over पर, nearest."""
    if not places:
        return None
    return min(places, key=lambda s: (s.entity.startswith("doc:"), s.marker != "mein",
                                      abs(anchor - s.i1)))


def _settle(roles: Roles, symmetric: bool, dative: list[str]) -> None:
    if not roles.actors and dative:
        roles.actors.append(dative[0])
    for p in roles.participants:
        if p in roles.actors or p in roles.recipients:
            continue
        if symmetric and not roles.actors:
            roles.actors.append(p)
        else:
            roles.recipients.append(p)
    roles.participants = []
    roles.recipients = [r for r in roles.recipients if r not in roles.actors]
    if symmetric and not roles.actors and len(roles.recipients) >= 2:
        roles.actors.append(roles.recipients.pop(0))


def fill_goal(roles: Roles, dv: DocView) -> None:
    """A visit goes to its goal: the goal is the place; the recipient its country or itself."""
    if roles.goal is None:
        return
    if roles.place is None:
        roles.place = roles.goal
    if not roles.recipients:
        country = dv.country_of(roles.goal.entity)
        roles.recipients.append(country or roles.goal.entity)
