"""Casualties in a sentence: killed and injured counts, digits or Hindi number words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from khabar.document import Casualties
from khabar.events.text import PhraseIndex, Word, key, load_data, phrase_key

_WINDOW = 5


@dataclass(frozen=True)
class Numbers:
    exact: dict[str, int]
    approximate: dict[str, int]
    multiplier: dict[str, int]
    killed: PhraseIndex
    injured: PhraseIndex


def keyed(table: dict[str, int]) -> dict[str, int]:
    return {key(k): int(v) for k, v in table.items()}


@cache
def numbers(lang: str = "hi") -> Numbers:
    n = load_data(lang, "events/numbers")
    c = load_data(lang, "events/cues")["casualties"]
    return Numbers(keyed(n["exact"]), keyed(n["approximate"]), keyed(n["multiplier"]),
                   PhraseIndex([phrase_key(p) for p in c["killed"]]),
                   PhraseIndex([phrase_key(p) for p in c["injured"]]))


def number_at(ws: list[Word], i: int) -> tuple[int, bool] | None:
    """The number written at word ``i`` (with a following multiplier), and if approximate."""
    nb = numbers()
    k = ws[i].key.replace(",", "")
    if k.isdigit():
        value, approx = int(k), False
    elif k in nb.exact:
        value, approx = nb.exact[k], False
    elif k in nb.approximate:
        return nb.approximate[k], True
    else:
        return None
    if i + 1 < len(ws) and ws[i + 1].key in nb.multiplier and value < 1000:
        value *= nb.multiplier[ws[i + 1].key]
    return value, approx


def _count_before(ws: list[Word], j: int) -> tuple[int, bool] | None:
    for i in range(j - 1, max(-1, j - 1 - _WINDOW), -1):
        found = number_at(ws, i)
        if found is not None:
            return found
    return None


def _match(keys: list[str], i: int, phrases: PhraseIndex) -> bool:
    return phrases.at(keys, i) is not None


def casualties(ws: list[Word]) -> Casualties | None:
    """Killed and injured counts stated in these words, or None when none is stated."""
    nb = numbers()
    out = Casualties()
    keys = [w.key for w in ws]
    for i in range(len(ws)):
        for phrases, field_name in ((nb.killed, "killed"), (nb.injured, "injured")):
            if getattr(out, field_name) is None and _match(keys, i, phrases):
                found = _count_before(ws, i)
                if found is not None:
                    setattr(out, field_name, found[0])
                    out.approximate = out.approximate or found[1]
    return out if out.killed is not None or out.injured is not None else None
