"""A context cue: the unnamed items of a list whose other items are names of one kind.

In "कोल्हापुर , पुणे , सांगली , सतारा और सोलापुर" the tagger and the gazetteer find four places
and miss सतारा; a short item of a list (items separated by commas and conjunctions, the list
ending at sentence punctuation or brackets) becomes a name of the list's kind when at least
``min_names`` other items are exactly names of that kind and the item is at most ``max_words``
words long with no function word in it. Tuned on IL-NER Hindi dev (EVALUATION.md).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from khabar.document import Mention, Token
from khabar.entities.index import read_rows, word_key
from khabar.lang.resources import word_list

#: A mention label -> the kind of list it makes (and the label new items get).
KINDS = {
    "city": "location", "country": "location", "region": "location", "location": "location",
    "facility": "location", "person": "person", "organisation": "organisation",
    "media": "organisation", "group": "organisation",
}


@dataclass(frozen=True)
class ListCue:
    kinds: frozenset[str] = frozenset({"location", "person"})
    min_names: int = 2
    max_words: int = 3


@cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    rows = read_rows("list_words.tsv")
    separators = frozenset(r[1] for r in rows if len(r) > 1 and r[0] == "sep")
    ends = frozenset(r[1] for r in rows if len(r) > 1 and r[0] == "end")
    function = frozenset(word_key(w) for w in word_list("hi", "function_words.txt"))
    return separators, ends, function


def _lists(words: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Items (first, last token) of each run of separated items between list ends."""
    separators, ends, _ = _words()
    lists: list[list[tuple[int, int]]] = [[]]
    current: list[int] = []
    for i, word in enumerate([*words, "."]):
        if word not in separators and word not in ends:
            current.append(i)
            continue
        if current:
            lists[-1].append((current[0], current[-1]))
        current = []
        if word in ends:
            lists.append([])
    return [items for items in lists if len(items) >= 3]


def add_list_items(
    text: str, tokens: Sequence[Token], mentions: list[Mention], cue: ListCue
) -> list[Mention]:
    """``mentions`` plus the list items the cue names (source ``list``)."""
    if not tokens or not cue.kinds:
        return mentions
    words = [text[t.start : t.end] for t in tokens]
    starts = [t.start for t in tokens]
    by_token: dict[int, Mention] = {}
    for mention in mentions:  # tokens are in text order: only those from the mention's start
        i = bisect_left(starts, mention.start)
        while i < len(tokens) and tokens[i].end <= mention.end:
            by_token[i] = mention
            i += 1
    out = list(mentions)
    for items in _lists(words):
        kind = _list_kind(items, tokens, by_token, cue)
        if kind is None:
            continue
        for first, last in items:
            if _nameable(words, first, last, by_token, cue):
                start, end = tokens[first].start, tokens[last].end
                out.append(Mention(start, end, text[start:end], kind, score=0.5, source="list"))
    return out


def _list_kind(
    items: list[tuple[int, int]], tokens: Sequence[Token], by_token: dict[int, Mention],
    cue: ListCue,
) -> str | None:
    kinds: Counter[str] = Counter()
    for first, last in items:
        mention = by_token.get(first)
        if mention is None or mention.start != tokens[first].start:
            continue
        if mention.end == tokens[last].end and mention.label in KINDS:
            kinds[KINDS[mention.label]] += 1
    if not kinds:
        return None
    kind, count = kinds.most_common(1)[0]
    return kind if count >= cue.min_names and kind in cue.kinds else None


def _nameable(
    words: Sequence[str], first: int, last: int, by_token: dict[int, Mention], cue: ListCue
) -> bool:
    if last - first + 1 > cue.max_words:
        return False
    _, _, function = _words()
    for i in range(first, last + 1):
        if i in by_token or word_key(words[i]) in function:
            return False
        if not any(ch.isalpha() for ch in words[i]):
            return False
    return True
