"""Document-level label consistency for the NER tagger's output.

A name the tagger recognises once in a document is usually the same kind of name everywhere in
it, while the tagger, seeing one sentence at a time, misses some of its mentions. This pass
copies a confident span's type to the other, untagged, occurrences of the same token sequence
in the sentences nearby, and (for people) to a lone mention of the family name.
"""

from __future__ import annotations

from collections.abc import Sequence

from khabar.entities.features import fold
from khabar.entities.nerdata import spans

PROPAGATED = ("NEP", "NEL", "NEO")
WINDOW = 8
_MAX_LEN = 6


def _candidates(
    keys: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], stop: frozenset[str]
) -> list[dict[tuple[str, ...], str]]:
    """Per sentence: the token sequences tagged as PER/LOC/ORG there, with their type."""
    out: list[dict[tuple[str, ...], str]] = []
    for sentence_keys, sentence_tags in zip(keys, tags, strict=True):
        found: dict[tuple[str, ...], str] = {}
        for kind, start, end in spans(sentence_tags):
            if kind not in PROPAGATED or end - start > _MAX_LEN:
                continue
            phrase = tuple(sentence_keys[start:end])
            if len(phrase) == 1 and (phrase[0] in stop or len(phrase[0]) < 3):
                continue
            found.setdefault(phrase, kind)
            if kind == "NEP" and end - start >= 2 and sentence_keys[end - 1] not in stop:
                found.setdefault(("\x00", sentence_keys[end - 1]), kind)
        out.append(found)
    return out


def _window_table(
    candidates: Sequence[dict[tuple[str, ...], str]], index: int
) -> dict[str, dict[tuple[str, ...], str]]:
    table: dict[str, dict[tuple[str, ...], str]] = {}
    for other in range(max(0, index - WINDOW), min(len(candidates), index + WINDOW + 1)):
        for phrase, kind in candidates[other].items():
            first = phrase[1] if phrase[0] == "\x00" else phrase[0]
            table.setdefault(first, {}).setdefault(phrase, kind)
    return table


Table = dict[str, dict[tuple[str, ...], str]]


def _fill(keys: Sequence[str], tags: list[str], table: Table) -> None:
    n = len(keys)
    i = 0
    while i < n:
        options = table.get(keys[i])
        best: tuple[int, str] | None = None
        if options and tags[i] == "O":
            for phrase, kind in options.items():
                length = 1 if phrase[0] == "\x00" else len(phrase)
                body = phrase[1:] if phrase[0] == "\x00" else phrase
                if tuple(keys[i : i + length]) != body:
                    continue
                if all(tag == "O" for tag in tags[i : i + length]) and (
                    best is None or length > best[0]
                ):
                    best = (length, kind)
        if best is None:
            i += 1
            continue
        length, kind = best
        tags[i] = "B-" + kind
        for j in range(i + 1, i + length):
            tags[j] = "I-" + kind
        i += length


def propagate(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], stop: frozenset[str]
) -> list[list[str]]:
    """Tags with each PER/LOC/ORG name copied to its untagged repeats nearby.

    ``stop`` holds folded function words (postpositions, titles, cue words) that never become
    a one-word name. Only tokens the tagger left as ``O`` are changed.
    """
    keys = [[fold(token) for token in sentence] for sentence in sentences]
    candidates = _candidates(keys, tags, stop)
    out: list[list[str]] = []
    for index, sentence_tags in enumerate(tags):
        filled = list(sentence_tags)
        if filled:
            _fill(keys[index], filled, _window_table(candidates, index))
        out.append(filled)
    return out
