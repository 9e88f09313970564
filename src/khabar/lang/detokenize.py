"""Text from a token list (as in CoNLL corpora such as IL-NER), with each token's offsets.

``spaced`` joins tokens with single spaces. ``natural`` attaches punctuation the way Hindi
news writes it: no space before ``, । ॥ ) ] } ? ! ; % ” ’ .``, none after ``( [ { “ ‘``, and
straight quotes alternate between opening (glued to the next token) and closing (glued to
the previous one). Used to compare khabar's tokens and sentences with a corpus's.
"""

from __future__ import annotations

from collections.abc import Sequence

NO_SPACE_BEFORE = frozenset([",", "।", "॥", ")", "]", "}", "?", "!", ";", "%", "”", "’", "."])
NO_SPACE_AFTER = frozenset(["(", "[", "{", "“", "‘"])
TOGGLING = frozenset(["'", '"'])

Rebuilt = tuple[str, list[tuple[int, int]]]


def spaced(tokens: Sequence[str]) -> Rebuilt:
    """Tokens joined by single spaces, and each token's ``(start, end)``."""
    spans, pos = [], 0
    for tok in tokens:
        spans.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return " ".join(tokens), spans


def natural(tokens: Sequence[str]) -> Rebuilt:
    """Tokens joined as running text (see the module docstring), and each token's offsets."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, glue_next = 0, True
    is_open = dict.fromkeys(TOGGLING, False)
    for tok in tokens:
        closing = tok in TOGGLING and is_open[tok]
        if not (glue_next or tok in NO_SPACE_BEFORE or closing):
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        glue_next = tok in NO_SPACE_AFTER or (tok in TOGGLING and not closing)
        if tok in TOGGLING:
            is_open[tok] = not closing
    return "".join(parts), spans
