"""From a Document with sentences and entity mentions to merged events."""

from __future__ import annotations

from collections import Counter
from functools import cache

from khabar.document import Casualties, Document, Event, Evidence, Place, TimeExpression
from khabar.events.attribution import Scoped, find_attributions, with_cues
from khabar.events.casualties import casualties
from khabar.events.context import PLACE_TYPES, DocView, SentenceView, Slot
from khabar.events.lexicon import Entry, Hit, lexicon
from khabar.events.merge import Candidate, merge, to_event
from khabar.events.modality import modality, unconfirmed_anaphor
from khabar.events.ontology import ontology
from khabar.events.roles import Roles, assign, clause_slots, fill_goal
from khabar.events.slots import add_pronouns, mark_slots, remember
from khabar.events.text import key, load_data
from khabar.events.time import anchor_date

_DEMAND = Entry(type="REQUEST", mode="demand")
_VAALA = frozenset(key(w) for w in ("वाले", "वाला", "वाली"))
_AUX = frozenset(key(w) for w in ("है", "हैं", "था", "थे", "थी", "थीं", "हो", "होंगे"))
_LINKS = frozenset(key(w) for w in ("की", "के", "का", "से"))
_RANK = {"city": 3, "location": 3, "facility": 3, "region": 2, "country": 1}


@cache
def _cue_words(lang: str = "hi") -> dict[str, str]:
    """Cue word -> incident subtype, for generic incident words."""
    table = load_data(lang, "events/incidents")["cues"]
    return {key(w): sub for sub, ws in table.items() for w in ws}


def extract_events(doc: Document, times: list[TimeExpression]) -> list[Event]:
    dv = DocView(doc)
    anchor = anchor_date(doc)
    year = anchor.year if anchor else None
    cands: list[Candidate] = []
    for view in dv.sentences:
        mark_slots(view, dv)
        add_pronouns(view, dv)
        attrs = with_cues(doc.text, find_attributions(view, dv))
        hits = _complements(view, _demands(view, dv, lexicon().find(view.ws,
                                                                   dv.cues.boundaries)))
        here = [c for k, h in enumerate(hits)
                if (c := _candidate(view, dv, h, k, hits, attrs, times, year)) is not None]
        _unconfirmed(view, here, cands)
        cands.extend(here)
        remember(view, dv)
    cands = _resolve_subtypes(cands, dv)
    return [to_event(c, n) for n, c in enumerate(merge(cands), start=1)]


def _demands(view: SentenceView, dv: DocView, hits: list[Hit]) -> list[Hit]:
    """"X को ... चाहिए" after a speech verb: a demand on X; triggers inside it are its content."""
    chahiye = key("चाहिए")
    for d, w in enumerate(view.ws):
        if w.key != chahiye:
            continue
        c = view.clause[d]
        if not any(s.marker == "ko" and view.clause[s.i0] == c for s in view.slots):
            continue
        hits = [h for h in hits if not (view.clause[h.anchor[0]] == c and h.anchor[0] < d)]
        hits.append(Hit(_DEMAND, (d, d + 1), (d, d + 1)))
    return sorted(hits, key=lambda h: h.anchor[0])


def _complements(view: SentenceView, hits: list[Hit]) -> list[Hit]:
    """Drop a trigger that only names what another one is about: "हमले की धमकी",
    "सहयोग करने से इनकार" (the threat and the refusal are the events)."""
    starts = {h.anchor[0] for h in hits}
    keep = []
    for h in hits:
        nxt = h.span[1]
        if h.entry.type != "INCIDENT" and nxt < len(view.ws) and view.ws[nxt].key in _LINKS and (
                nxt + 1 in starts or nxt + 2 in starts):
            continue
        keep.append(h)
    return keep


def _candidate(view: SentenceView, dv: DocView, hit: Hit, k: int, hits: list[Hit],
               attrs: list[Scoped], times: list[TimeExpression],
               year: int | None) -> Candidate | None:
    entry = hit.entry
    type_ = entry.type
    roles = Roles() if entry.incident and type_ == "INCIDENT" else \
        assign(view, hit, k, hits, dv, ontology().symmetric(type_, entry.mode))
    if entry is _DEMAND:
        _demand_roles(view, hit, roles, attrs, dv)
    if not _needs_met(view, hit, roles, dv):
        return None
    goal = roles.goal.entity if roles.goal else None
    fill_goal(roles, dv)
    roles.recipients[:] = [r for r in roles.recipients if r not in roles.actors]
    if entry.needs in ("goal", "pair") and not roles.recipients:
        return None
    core = frozenset(x for x in roles.actors + roles.recipients
                     if x != goal and (goal is None or x != dv.country_of(goal)))
    if not entry.incident and not entry.family and not roles.actors:
        return None
    ws = view.ws
    trig = (ws[hit.span[0]].start, ws[hit.span[1] - 1].end)
    cand = Candidate(entry, type_, entry.mode, view.index,
                     Evidence(view.index, view.start, view.end, *trig),
                     roles.actors, roles.recipients, core)
    cand.carried = hit.lv is not None or entry.verb or entry is _DEMAND
    _mode(view, hit, cand)
    if cand.subtype == "-":
        return None
    cand.modality = modality(view, hit, year)
    _place(view, dv, hit, roles, cand)
    cand.time = _time(view, hit, times)
    if entry.incident or type_ == "ASSAULT":
        cand.casualties = casualties(ws) or _next_casualties(view, dv)
    cand.attributions = [s.attribution for s in attrs if s.scope <= hit.anchor[0]]
    return cand


def _next_casualties(view: SentenceView, dv: DocView) -> Casualties | None:
    """Counts stated in the next sentence ("... हादसा हुआ। इसमें 5 लोगों की मौत हो गई।")."""
    if view.index + 1 >= len(dv.sentences):
        return None
    nxt = dv.sentences[view.index + 1]
    if lexicon().find(nxt.ws, dv.cues.boundaries):
        return None
    return casualties(nxt.ws)


def _needs_met(view: SentenceView, hit: Hit, roles: Roles, dv: DocView) -> bool:
    """Verb triggers (मिलना, जाना, पहुंचना) need an actor and their goal or partner, and
    are no event as participles ("भारत आने वाले यात्री": coming travellers)."""
    if hit.entry.needs and not roles.actors:
        return False
    if hit.entry.verb and _participle(view, hit.span[1]):
        return False
    if hit.entry.needs == "goal":
        return roles.goal is not None
    if hit.entry.needs == "pair":
        return bool(roles.recipients)
    if hit.entry.needs == "se":
        return any(view.slots[k].marker == "se" and view.slots[k].i1 <= hit.anchor[0]
                   and view.slots[k].etype not in PLACE_TYPES - {"country"}
                   for k in clause_slots(view, hit, dv))
    return True


def _participle(view: SentenceView, j: int) -> bool:
    keys = [w.key for w in view.ws[j : j + 2]]
    return len(keys) == 2 and keys[0] in _VAALA and keys[1] not in _AUX


def _demand_roles(view: SentenceView, hit: Hit, roles: Roles, attrs: list[Scoped],
                  dv: DocView) -> None:
    speakers = [s.speaker for s in attrs if s.speaker and s.scope <= hit.anchor[0]]
    if speakers:
        actor = dv.history.represented(speakers[-1])
        roles.actors[:] = [actor]
        roles.recipients[:] = [r for r in roles.recipients if r != actor]
    c = view.clause[hit.anchor[0]]
    ko = [s.entity for s in view.slots
          if s.marker == "ko" and view.clause[s.i0] == c and s.i1 <= hit.anchor[0]]
    roles.recipients[:] = [r for r in ko[:1] if r not in roles.actors]


def _mode(view: SentenceView, hit: Hit, cand: Candidate) -> None:
    entry = hit.entry
    prev = view.ws[hit.anchor[0] - 1].key if hit.anchor[0] > 0 else ""
    qual = dict(entry.qualifiers).get(prev)
    if entry.incident:
        cand.subtype = qual or (entry.subtype if not entry.family else None)
        if entry.type == "ASSAULT":
            cand.mode = entry.mode
        return
    if qual:
        cand.mode, cand.mode_specific = qual, True
        return
    cues = dict(entry.mode_cues)
    for w in view.ws:
        if w.key in cues:
            cand.mode, cand.mode_specific = cues[w.key], True
            return


def _place(view: SentenceView, dv: DocView, hit: Hit, roles: Roles, cand: Candidate) -> None:
    slot: Slot | None = roles.place
    if slot is None and hit.entry.incident:
        places = [s for s in view.slots if s.etype in PLACE_TYPES]
        if places:
            slot = min(places, key=lambda s: abs(s.i0 - hit.anchor[0]))
        elif view.index > 0:
            prev = dv.sentences[view.index - 1]
            earlier = [s for s in prev.slots if s.etype in PLACE_TYPES]
            if earlier:
                view = prev
                slot = earlier[-1]
    if slot is None:
        return
    s, e = view.ws[slot.i0].start, view.ws[slot.i1 - 1].end
    cand.place = Place(dv.doc.text[s:e], slot.entity, s, e)
    cand.place_rank = _RANK.get(slot.etype, 0)


def _time(view: SentenceView, hit: Hit, times: list[TimeExpression]) -> TimeExpression | None:
    lo, hi = view.clause_range(view.clause[hit.anchor[0]])
    start, end = view.ws[lo].start, view.ws[hi - 1].end
    inside = [t for t in times if start <= t.start < end]
    return inside[0] if inside else None


def _unconfirmed(view: SentenceView, here: list[Candidate], before: list[Candidate]) -> None:
    flag, target = unconfirmed_anaphor(view)
    if not flag:
        return
    for c in here:
        c.unconfirmed = True
    if here and target is None:
        return
    for c in reversed(before):
        if c.sentence < view.index - 2:
            break
        if target is None or c.type == target:
            c.unconfirmed = True
            return


def _resolve_subtypes(cands: list[Candidate], dv: DocView) -> list[Candidate]:
    counts: Counter[str] = Counter(c.subtype for c in cands if c.subtype)
    cue_words = _cue_words()
    doc_cues: Counter[str] = Counter(cue_words[w.key] for v in dv.sentences for w in v.ws
                                     if w.key in cue_words)
    out: list[Candidate] = []
    for c in cands:
        entry = c.entry
        if c.subtype is None and (entry.family or entry.anaphoric):
            c.subtype = _pick(c, dv, counts, cue_words, doc_cues)
            if c.subtype is None and entry.anaphoric:
                continue
        if (entry.incident or entry.family) and c.subtype is None and not c.core:
            continue
        if entry.incident and entry.type == "ASSAULT" and c.subtype and not c.actors:
            c.type = ontology().category(c.subtype) or c.type
        if entry.incident and entry.type == "INCIDENT":
            if c.subtype is None:
                continue
            c.type = ontology().category(c.subtype) or "INCIDENT"
        out.append(c)
    return out


def _pick(c: Candidate, dv: DocView, counts: Counter[str], cue_words: dict[str, str],
          doc_cues: Counter[str]) -> str | None:
    """A generic word's subtype: a cue in its sentence, else the document's most frequent
    specific subtype of its family, else the document's most frequent cue, else the default."""
    family = c.entry.family or tuple(s for s in counts if s)
    view = dv.sentences[c.sentence]
    for w in view.ws:
        sub = cue_words.get(w.key)
        if sub in family:
            return sub
    for table in (counts, doc_cues):
        ranked = [s for s, _ in table.most_common() if s in family]
        if ranked:
            return ranked[0]
    return c.entry.default or c.entry.subtype
