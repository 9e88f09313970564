"""Who says so: "X के मुताबिक", "X ने कहा कि", "X की मानें तो", unnamed reports and sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from khabar.document import Attribution
from khabar.events.context import DocView, SentenceView, Slot
from khabar.events.text import PhraseIndex, key, load_data, phrase_key


@dataclass(frozen=True)
class AttrCues:
    according: PhraseIndex
    speech: PhraseIndex
    unnamed: frozenset[str]
    impersonal: PhraseIndex
    firsts: frozenset[str] = frozenset()  # keys any of the three phrase lists starts with


@dataclass(slots=True)
class Scoped:
    """An attribution and the first word it covers (0: the whole sentence)."""

    attribution: Attribution
    scope: int
    speaker: str | None = None


@cache
def attr_cues(lang: str = "hi") -> AttrCues:
    data = load_data(lang, "events/cues")["attribution"]
    according = PhraseIndex([phrase_key(p) for p in data["according"]])
    speech = PhraseIndex([phrase_key(p) for p in data["speech"]])
    impersonal = PhraseIndex([phrase_key(p) for p in data["impersonal"]])
    return AttrCues(
        according=according, speech=speech,
        unnamed=frozenset(key(w) for w in data["unnamed"]), impersonal=impersonal,
        firsts=frozenset(according.first) | frozenset(speech.first)
        | frozenset(impersonal.first),
    )


def _at(keys: list[str], i: int, phrases: PhraseIndex) -> tuple[str, ...] | None:
    return phrases.at(keys, i)


def find_attributions(view: SentenceView, dv: DocView) -> list[Scoped]:
    """Attributions in a sentence; named speakers are remembered for later pronouns."""
    ac = attr_cues()
    keys = [w.key for w in view.ws]
    ends = {s.i1: s for s in view.slots}
    out: list[Scoped] = []
    firsts = ac.firsts
    for i in [i for i, k in enumerate(keys) if k in firsts]:
        if (p := _at(keys, i, ac.according)) is not None:
            out.extend(_according(view, ends, i, p, ac))
        elif (p := _at(keys, i, ac.impersonal)) is not None:
            out.append(Scoped(_make(view, "unnamed", None, i, i + len(p)), i + len(p)))
        elif (p := _at(keys, i, ac.speech)) is not None:
            found = _speech(view, i, p)
            if found is not None:
                out.append(found)
                if found.speaker:
                    dv.history.speakers.append(found.speaker)
    return out


def _make(view: SentenceView, kind: str, source: str | None, i: int, j: int) -> Attribution:
    ws = view.ws
    cue_start, cue_end = ws[i].start, ws[j - 1].end
    return Attribution(kind="named" if kind == "named" else "unnamed", cue="",
                       source=source, start=cue_start, end=cue_end)


def _according(
    view: SentenceView, ends: dict[int, Slot], i: int, p: tuple[str, ...], ac: AttrCues
) -> list[Scoped]:
    slot = ends.get(i)
    if slot is not None:
        return [Scoped(_make(view, "named", slot.entity, slot.i0, i + len(p)), 0)]
    if i > 0 and view.ws[i - 1].key in ac.unnamed:
        j = i - 1
        while j > 0 and view.ws[j - 1].key in ac.unnamed | {key("मीडिया")}:
            j -= 1
        return [Scoped(_make(view, "unnamed", None, j, i + len(p)), 0)]
    return []


def _speech(view: SentenceView, i: int, p: tuple[str, ...]) -> Scoped | None:
    c = view.clause[i]
    ac = attr_cues()
    speakers = [s for s in view.slots if view.clause[s.i0] == c and s.i1 <= i
                and s.marker == "ne"]
    if speakers:
        s = speakers[-1]
        return Scoped(_make(view, "named", s.entity, s.i0, i + len(p)), i + len(p), s.entity)
    for j in range(i - 1, -1, -1):
        if view.clause[j] != c:
            break
        if view.ws[j].key in ac.unnamed:
            return Scoped(_make(view, "unnamed", None, j, i + len(p)), i + len(p))
    return None


def with_cues(doc_text: str, items: list[Scoped]) -> list[Scoped]:
    """Fill each attribution's ``cue`` with the text that carried it."""
    for s in items:
        a = s.attribution
        if a.start is not None and a.end is not None:
            a.cue = doc_text[a.start : a.end]
    return items
