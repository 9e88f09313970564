"""IL-NER reading: the span reader against a plain token-by-token reading of seqeval's rules."""

from __future__ import annotations

import random

from khabar.entities.nerdata import Span, _ends, _starts, join_names, spans, to_bio, to_bioes


def _plain_spans(tags: list[str]) -> list[Span]:
    """Every position read in turn (the reader skips runs of O; the answers must agree)."""
    out: list[Span] = []
    prev_tag, prev_type, begin = "O", "", 0
    for i, chunk in enumerate([*tags, "O"]):
        tag = chunk[:1]
        kind = chunk[1:].split("-", maxsplit=1)[-1] or "_"
        if _ends(prev_tag, tag, prev_type, kind):
            out.append((prev_type, begin, i))
        if _starts(prev_tag, tag, prev_type, kind):
            begin = i
        prev_tag, prev_type = tag, kind
    return out


def test_span_reader_agrees_with_the_plain_reading_on_odd_sequences() -> None:
    rng = random.Random(11)
    pool = ["O", "O", "O", "B-NEP", "I-NEP", "B-NEO", "I-NEO", "E-NEL", "S-NEL", "-NEO", "-",
            "I-NEL", "."]
    for _ in range(3000):
        tags = [rng.choice(pool) for _ in range(rng.randint(1, 12))]
        assert spans(tags) == _plain_spans(tags), tags


def test_bioes_round_trip() -> None:
    tags = ["B-NEP", "I-NEP", "O", "B-NEL", "O", "B-NEO", "I-NEO", "I-NEO"]
    bioes = to_bioes(tags)
    assert bioes == ["B-NEP", "E-NEP", "O", "S-NEL", "O", "B-NEO", "I-NEO", "E-NEO"]
    assert [to_bio(tag) for tag in bioes] == tags


def test_join_names_adds_only_names_that_overlap_none() -> None:
    first = ["B-NEP", "I-NEP", "O", "O", "O", "B-NETI"]
    second = ["O", "B-NEL", "I-NEL", "O", "B-NEO", "I-NEO"]
    assert join_names(first, second) == first  # the NEL crosses a name, the NEO a time
    second = ["B-NEL", "O", "O", "B-NEO", "I-NEO", "O"]
    assert join_names(first, second) == ["B-NEP", "I-NEP", "O", "B-NEO", "I-NEO", "B-NETI"]
    assert join_names(["O", "O"], ["B-NETI", "B-NEP"]) == ["O", "B-NEP"]
