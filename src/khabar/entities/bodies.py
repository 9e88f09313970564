"""Public bodies named after a place: "समस्तीपुर पुलिस", "लखनऊ नगर निगम", "बिहार सरकार".

A place mention followed by a body word or phrase (``data/place_bodies.txt``) becomes one
organisation mention covering both. The linker then finds it in the knowledge base ("दिल्ली
पुलिस") or makes it a document-local organisation, which can act in events ("समस्तीपुर
पुलिस ने … गिरफ्तार किया"); the place alone cannot (places are not actors).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from khabar.document import Mention, Token
from khabar.entities.index import read_lines
from khabar.lang.normalize import match_key

PLACES = frozenset({"city", "region", "location", "country"})


@cache
def body_phrases() -> tuple[tuple[str, ...], ...]:
    """The body phrases as match keys, longest first."""
    phrases = {tuple(match_key(w) for w in line.split()) for line in read_lines("place_bodies.txt")}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def add_bodies(text: str, tokens: Sequence[Token], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each place that a body phrase follows (nothing but spaces between,
    no other mention on the phrase) widened into an organisation mention (source ``cue``)."""
    if not tokens:
        return mentions
    starts = [t.start for t in tokens]
    begins = {m.start for m in mentions}
    out: list[Mention] = []
    for mention in mentions:
        end = _body_end(text, tokens, starts, mention, begins) if mention.label in PLACES else 0
        if not end:
            out.append(mention)
            continue
        out.append(Mention(mention.start, end, text[mention.start : end], "organisation",
                           score=mention.score, source="cue"))
    return out


def _body_end(text: str, tokens: Sequence[Token], starts: list[int], mention: Mention,
              begins: set[int]) -> int:
    """Where the body phrase after ``mention`` ends, or 0."""
    i = bisect_left(starts, mention.end)
    if i >= len(tokens) or text[mention.end : tokens[i].start].strip() or starts[i] in begins:
        return 0
    for phrase in body_phrases():
        last = i + len(phrase) - 1
        if last < len(tokens) and all(
            match_key(text[t.start : t.end]) == key
            for t, key in zip(tokens[i : last + 1], phrase, strict=True)
        ):
            if any(t.start in begins for t in tokens[i : last + 1]):
                return 0
            return tokens[last].end
    return 0
