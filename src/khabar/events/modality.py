"""Modality of a trigger from its clause: negated, hypothetical, future, historical, asserted."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from khabar.events.context import SentenceView
from khabar.events.lexicon import Hit
from khabar.events.text import PhraseIndex, key, load_data, phrase_key

_POSTPOSITIONS = frozenset(key(w) for w in ("में", "के", "की", "का", "से", "पर", "को"))
_YEAR_MIN, _YEAR_MAX = 1900, 2100


@dataclass(frozen=True)
class ModCues:
    future_suffixes: tuple[str, ...]
    future_phrases: tuple[tuple[str, ...], ...]
    hypothetical: frozenset[str]
    conditional: frozenset[str]
    negation: frozenset[str]
    historical_aux: frozenset[str]
    historical_phrases: tuple[tuple[str, ...], ...]
    unconfirmed: tuple[tuple[str, ...], ...]
    anaphors: dict[str, str]


@cache
def mod_cues(lang: str = "hi") -> ModCues:
    d = load_data(lang, "events/cues")["modality"]
    return ModCues(
        future_suffixes=tuple(key(s) for s in d["future_suffixes"]),
        future_phrases=tuple(phrase_key(p) for p in d["future_phrases"]),
        hypothetical=frozenset(key(w) for w in d["hypothetical"]),
        conditional=frozenset(key(w) for w in d["conditional"]),
        negation=frozenset(key(w) for w in d["negation"]),
        historical_aux=frozenset(key(w) for w in d["historical_aux"]),
        historical_phrases=tuple(phrase_key(p) for p in d["historical_phrases"]),
        unconfirmed=tuple(phrase_key(p) for p in d["unconfirmed"]),
        anaphors={key(k): v for k, v in d["anaphors"].items()},
    )


def _has_phrase(keys: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return _index(phrases).search(keys)


@cache
def _index(phrases: tuple[tuple[str, ...], ...]) -> PhraseIndex:
    return PhraseIndex(phrases)


def _past_year(keys: list[str], year: int | None) -> bool:
    for k in keys:
        if k.isdigit() and len(k) == 4 and _YEAR_MIN <= int(k) <= _YEAR_MAX:
            return year is None or int(k) < year
    return False


def modality(view: SentenceView, hit: Hit, year: int | None) -> str:
    """The modality of one trigger, judged on its own clause."""
    mc = mod_cues()
    lo, hi = view.clause_range(view.clause[hit.anchor[0]])
    keys = [w.key for w in view.ws]
    before, after = keys[lo : hit.anchor[0]], keys[hit.span[1] : hi]
    inner = keys[hit.anchor[1] : hit.span[1]] if hit.lv and hit.lv[0] >= hit.anchor[1] else []
    nxt = keys[hit.span[1]] if hit.span[1] < len(keys) else ""
    if set(before) & mc.conditional:
        return "hypothetical"
    if nxt in _POSTPOSITIONS:
        return "historical" if _past_year(before, year) else "asserted"
    # A bare noun ("... हो सकती है X की मुलाकात") takes its verb from anywhere in the clause.
    wide = before + after if hit.lv is None and not hit.entry.verb else after
    prev = keys[hit.span[0] - 1 : hit.span[0]] if hit.lv is not None else []
    if set(after[:4] + inner + prev) & mc.negation:
        return "negated"
    if set(wide) & mc.hypothetical:
        return "hypothetical"
    own = keys[hit.span[0] : hit.span[1]]
    if any(k.endswith(mc.future_suffixes) for k in wide + inner + own) \
            or _has_phrase(wide, mc.future_phrases):
        return "future"
    if set(after[:5]) & mc.historical_aux or _past_year(before + after, year):
        return "historical"
    return "asserted"


def unconfirmed_anaphor(view: SentenceView) -> tuple[bool, str | None]:
    """Whether the sentence says facts are not confirmed, and the event type it points at."""
    mc = mod_cues()
    keys = [w.key for w in view.ws]
    if not _has_phrase(keys, mc.unconfirmed):
        return False, None
    for i, k in enumerate(keys[:-1]):
        if k in (key("इस"), key("इसी"), key("उस")) and keys[i + 1] in mc.anaphors:
            return True, mc.anaphors[keys[i + 1]]
    return True, None
