"""IL-NER Hindi sentences as token lists, and two ways of rebuilding their text.

``spaced``: tokens joined with single spaces (measures over-splitting: a word cut at a
vowel sign or virama shows up at once). ``natural``: punctuation attached the way Hindi news
writes it (no space before ``, । ) ? ! ; %``, none after ``(``; straight quotes alternate
opening / closing), which also measures under-splitting.
"""

from __future__ import annotations

from pathlib import Path

NO_SPACE_BEFORE = frozenset([",", "।", "॥", ")", "]", "}", "?", "!", ";", "%", "”", "’", "."])
NO_SPACE_AFTER = frozenset(["(", "[", "{", "“", "‘"])
TOGGLING = frozenset(["'", '"'])


def read_sentences(path: Path) -> list[list[str]]:
    sentences: list[list[str]] = []
    current: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            token = line.rstrip("\n").split("\t")[0].strip()
            if token:
                current.append(token)
            elif current:
                sentences.append(current)
                current = []
    if current:
        sentences.append(current)
    return sentences


def spaced(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, pos = [], 0
    for tok in tokens:
        spans.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return " ".join(tokens), spans


def natural(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue_next = True
    open_quote: dict[str, bool] = {q: False for q in TOGGLING}
    for tok in tokens:
        closing = tok in TOGGLING and open_quote[tok]
        glue = glue_next or tok in NO_SPACE_BEFORE or closing
        if not glue:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        glue_next = tok in NO_SPACE_AFTER or (tok in TOGGLING and not closing)
        if tok in TOGGLING:
            open_quote[tok] = not closing
    return "".join(parts), spans
