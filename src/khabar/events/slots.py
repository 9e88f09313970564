"""Case markers after names, pronoun slots, and the running history of a document."""

from __future__ import annotations

from khabar.events.context import Cues, DocView, SentenceView, Slot
from khabar.events.text import Word, key

_SPEECH = frozenset(key(w) for w in ("कहा", "बताया", "दावा", "कहना"))
_PLACE_ANAPHORS = (("इसी", "शहर"), ("उसी", "शहर"), ("इस", "शहर"), ("इसी", "जगह"))
_ANAPHOR_FIRST = frozenset(key(a[0]) for a in _PLACE_ANAPHORS)
_SELF = frozenset({"ne", "nom"})
_PLACES = frozenset({"city", "region", "location", "facility"})


def marker_at(ws: list[Word], j: int, cues: Cues) -> tuple[str, int]:
    """The case marker starting at word ``j`` (after skipping particles) and where it ends."""
    while j < len(ws) and ws[j].key in cues.particles:
        j += 1
    if j >= len(ws):
        return "nom", j
    for phrase, name in cues.marker_first.get(ws[j].key, ()):
        if tuple(w.key for w in ws[j : j + len(phrase)]) == phrase:
            return name, j + len(phrase)
    return "nom", j


def mark_slots(view: SentenceView, dv: DocView) -> None:
    """Fill ``marker`` and ``after`` of every slot; conjoined names share the last marker."""
    slots = sorted(view.slots, key=lambda s: s.i0)
    starts = {s.i0: s for s in slots}
    for slot in slots:
        if slot.pronoun and slot.marker != "nom":
            continue
        _mark_one(view, slot, starts, dv)
    for k in range(len(slots) - 1, -1, -1):
        if slots[k].marker == "conj":
            nxt = starts.get(slots[k].after)
            slots[k].marker, slots[k].after = (nxt.marker, nxt.after) if nxt else ("nom", 0)
    view.slots = slots


def _mark_one(view: SentenceView, slot: Slot, starts: dict[int, Slot], dv: DocView) -> None:
    ws, cues = view.ws, dv.cues
    j = slot.i1
    if j < len(ws) and ws[j].key in cues.conj and (j + 1) in starts:
        slot.marker, slot.after = "conj", j + 1
        return
    nxt = next((k for k in (j + 1, j + 2) if k in starts), None)
    if nxt is not None and any(w.key in cues.spokes for w in ws[j:nxt]):
        dv.history.principal[starts[nxt].entity] = slot.entity
        dv.history.spokes.add(starts[nxt].entity)
        slot.marker, slot.after = "mod", nxt
        return
    name, after = marker_at(ws, j, cues)
    if name != "gen":
        slot.marker, slot.after = name, after
        return
    for k in range(after, min(after + 4, len(ws))):
        if k in starts and starts[k].etype in ("person", "organisation", "media", "group"):
            between = {w.key for w in ws[after:k]}
            dv.history.principal.setdefault(starts[k].entity, slot.entity)
            if between & cues.spokes:
                dv.history.principal[starts[k].entity] = slot.entity
                dv.history.spokes.add(starts[k].entity)
            slot.marker, slot.after = "mod", k
            return
        if ws[k].key in cues.boundaries:
            break
    head = after + 1 if after < len(ws) and ws[after].key == key("एक") else after
    size = agent_head(ws, head, cues)
    if size:
        slot.marker, slot.after = marker_at(ws, head + size, cues)
        return
    slot.marker, slot.after = "gen", after


def agent_head(ws: list[Word], i: int, cues: Cues) -> int:
    """How many words from ``i`` name a group or office a genitive name may act through
    ("सेना", "प्रधानमंत्री", "रक्षा मंत्री", "केंद्रीय गृह मंत्री"); 0 if none."""
    if i < len(ws) and ws[i].key in cues.agent_heads:
        return 1
    for size in (2, 3):
        last = i + size - 1
        if last >= len(ws) or ws[last].key not in cues.offices:
            continue
        if all(w.key not in cues.marker_first and w.key not in cues.boundaries
               for w in ws[i:last]):
            return size
    return 0


def add_pronouns(view: SentenceView, dv: DocView) -> None:
    """Slots for वह / उन्होंने / दोनों नेता / इसी शहर, resolved from what came before."""
    cues, ws = dv.cues, view.ws
    taken = {i for s in view.slots for i in range(s.i0, s.i1)}
    # what a pronoun slot starts with
    starts = cues.pron_subject | cues.pair | cues.bodies | _ANAPHOR_FIRST
    for p, w in enumerate(ws):
        if w.key not in starts or p in taken:
            continue
        if w.key in cues.bodies:
            body = _named_body(view, dv, p)
            if body:
                slot = Slot(body, dv.etype(body), p, p + 1, pronoun=True)
                slot.marker, slot.after = marker_at(ws, p + 1, cues)
                view.slots.append(slot)
        elif w.key in cues.pron_subject:
            ent = _resolve_subject(view, dv, p)
            if ent:
                marker = "ne" if w.key.endswith(key("ने")) else "nom"
                slot = Slot(ent, dv.etype(ent), p, p + 1, marker, p + 1, True)
                if marker == "nom":
                    slot.marker, slot.after = marker_at(ws, p + 1, cues)
                view.slots.append(slot)
        elif w.key in cues.pair and p + 1 < len(ws) and ws[p + 1].key in cues.pair_heads:
            _add_pair(view, dv, p, cues.pair_heads[ws[p + 1].key])
        elif dv.history.city and w.key in _ANAPHOR_FIRST and any(
            tuple(x.key for x in ws[p : p + 2]) == tuple(key(a) for a in pa)
            for pa in _PLACE_ANAPHORS
        ):
            slot = Slot(dv.history.city, "city", p, p + 2, pronoun=True)
            slot.marker, slot.after = marker_at(ws, p + 2, cues)
            view.slots.append(slot)
    view.slots.sort(key=lambda s: s.i0)


def _named_body(view: SentenceView, dv: DocView, p: int) -> str | None:
    """"पुलिस ने" after "समस्तीपुर पुलिस": the latest organisation (this sentence before the
    word, then earlier ones) whose name ends with the word."""
    word = view.ws[p].key
    here = [s.entity for s in view.slots if s.i1 <= p and not s.pronoun]
    for entity in reversed([e for _, e, _ in dv.history.names] + here):
        found = dv.entities.get(entity)
        if found is None or found.type != "organisation":
            continue
        if any(key(last) == word
               for name in (found.name, found.name_hi or "")
               for last in name.split()[-1:]):
            return entity
    return None


def _resolve_subject(view: SentenceView, dv: DocView, p: int) -> str | None:
    c = view.clause[p]
    follows = {w.key for w, cl in zip(view.ws[p:], view.clause[p:], strict=False) if cl == c}
    if follows & _SPEECH and dv.history.speakers:
        return dv.history.speakers[-1]
    here = [s for s in view.slots if s.i1 <= p and s.marker in _SELF and not s.pronoun
            and s.etype not in _PLACES]
    if here:
        return here[-1].entity
    prev = view.index - 1
    subj = [e for i, e in dv.history.subjects if i == prev]
    if subj:
        return subj[-1]
    names = [e for i, e, t in dv.history.names if i == prev and t not in _PLACES]
    return names[-1] if names else None


def _add_pair(view: SentenceView, dv: DocView, p: int, etype: str) -> None:
    seen: list[str] = []
    for _, ent, t in reversed(dv.history.names):
        if (etype == "any" or t == etype) and ent not in seen:
            seen.append(ent)
        if len(seen) == 2:
            break
    if len(seen) < 2:
        return
    marker, after = marker_at(view.ws, p + 2, dv.cues)
    a, b = reversed(seen)
    view.slots.append(Slot(a, dv.etype(a), p, p + 1, marker, after, True))
    view.slots.append(Slot(b, dv.etype(b), p + 1, p + 2, marker, after, True))


def remember(view: SentenceView, dv: DocView) -> None:
    """Add this sentence's names and subjects to the document history."""
    h = dv.history
    for s in view.slots:
        h.names.append((view.index, s.entity, s.etype))
        if s.marker in _SELF and s.etype not in _PLACES:
            h.subjects.append((view.index, s.entity))
        if s.etype == "city":
            h.city = s.entity

