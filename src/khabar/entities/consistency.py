"""Document-level label consistency for the NER tagger's output.

A name the tagger recognises once in a document is usually the same kind of name everywhere in
it, while the tagger, seeing one sentence at a time, misses some of its mentions. This pass
copies a confident span's type to the other, untagged, occurrences of the same token sequence
in the sentences nearby.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from khabar.entities.nerdata import spans

PROPAGATED = ("NEP", "NEL", "NEO")
WINDOW = 16
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
        out.append(found)
    return out


Table = dict[str, dict[tuple[str, ...], str]]


def _window_table(candidates: Sequence[dict[tuple[str, ...], str]], index: int) -> Table:
    """Phrases found within ``WINDOW`` sentences of ``index``, keyed by their first token."""
    table: Table = {}
    for other in range(max(0, index - WINDOW), min(len(candidates), index + WINDOW + 1)):
        for phrase, kind in candidates[other].items():
            table.setdefault(phrase[0], {}).setdefault(phrase, kind)
    return table


def _fill(keys: Sequence[str], tags: list[str], table: Table) -> None:
    n = len(keys)
    i = 0
    while i < n:
        options = table.get(keys[i])
        best: tuple[int, str] | None = None
        if options and tags[i] == "O":
            for phrase, kind in options.items():
                length = len(phrase)
                if tuple(keys[i : i + length]) != phrase:
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


def tag_bracketed_short_forms(
    keys: Sequence[str], tags: list[str], is_short: Callable[[str], bool]
) -> None:
    """``NAME ( SHORT )``: an untagged one-token short form in brackets right after a tagged
    name takes the name's type (भारतीय उद्योग परिसंघ ( सीआईआई ))."""
    if "(" not in keys:  # most sentences: no bracket, nothing to read
        return
    for kind, _, end in spans(tags):
        if kind not in PROPAGATED or end + 2 >= len(keys):
            continue
        bracketed = keys[end] == "(" and keys[end + 2] == ")" and tags[end + 1] == "O"
        if bracketed and is_short(keys[end + 1]):
            tags[end + 1] = "B-" + kind


def retype_family_names(keys: Sequence[Sequence[str]], tags: list[list[str]]) -> None:
    """A one-token place or organisation that is the last word of a person's full name found in
    the same document is that person's family name (रमेश चौहान ... चौहान से)."""
    found = [spans(sentence_tags) for sentence_tags in tags]
    family = {
        sentence_keys[end - 1]
        for sentence_keys, sentence_spans in zip(keys, found, strict=True)
        for kind, start, end in sentence_spans
        if kind == "NEP" and end - start >= 2
    }
    if not family:
        return
    for sentence_keys, sentence_tags, sentence_spans in zip(keys, tags, found, strict=True):
        for kind, start, end in sentence_spans:
            if kind in ("NEL", "NEO") and end - start == 1 and sentence_keys[start] in family:
                sentence_tags[start] = "B-NEP"


def propagate(
    keys: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    stop: frozenset[str],
    is_short: Callable[[str], bool] | None = None,
) -> list[list[str]]:
    """Tags with bracketed short forms typed (when ``is_short`` is given), each PER/LOC/ORG
    name copied to its untagged repeats nearby, and lone family names of people retyped.

    ``keys`` are the sentences' folded tokens (``features.fold``); ``stop`` holds folded
    function words (postpositions, titles, cue words) that never become a one-word name. Names
    are copied only onto tokens the tagger left as ``O``.
    """
    first = [list(sentence_tags) for sentence_tags in tags]
    if is_short is not None:
        for sentence_keys, sentence_tags in zip(keys, first, strict=True):
            tag_bracketed_short_forms(sentence_keys, sentence_tags, is_short)
    candidates = _candidates(keys, first, stop)
    out: list[list[str]] = first
    if any(candidates):
        # a document no longer than the window reads one table everywhere
        whole = _window_table(candidates, 0) if len(candidates) <= WINDOW + 1 else None
        for index, filled in enumerate(first):
            if filled:
                _fill(keys[index], filled, whole or _window_table(candidates, index))
    retype_family_names(keys, out)
    return out


BRACKETS = frozenset("()[]")


def split_at_brackets(tokens: Sequence[str], tags: Sequence[str]) -> list[str]:
    """A PER/LOC/ORG span with a bracket inside becomes one span per bracketed part:
    "भारतीय उद्योग परिसंघ ( सीआईआई )" is a name and its short form, two mentions (IL-NER
    annotates such pairs as two names more often than as one; the linker then reads each)."""
    out = list(tags)
    for kind, start, end in spans(tags):
        if kind not in PROPAGATED or not any(t in BRACKETS for t in tokens[start:end]):
            continue
        part: list[int] = []
        for i in [*range(start, end), end]:
            if i < end and tokens[i] not in BRACKETS:
                part.append(i)
                continue
            if i < end:
                out[i] = "O"
            for n, j in enumerate(part):
                out[j] = ("B-" if n == 0 else "I-") + kind
            part = []
    return out
