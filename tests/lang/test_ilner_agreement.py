"""Token boundaries agree with the IL-NER Hindi corpus tokens on >= 99 % of them.

Each corpus sentence is rebuilt as text two ways and tokenised again:
``spaced`` joins the tokens with single spaces (any split inside a word, e.g. at a vowel
sign or virama, costs agreement); ``natural`` attaches punctuation the way Hindi news writes
it (no space before ``, । ) ? ! ; %``, none after ``(``, straight quotes alternate opening /
closing), so a tokenizer that fails to split punctuation off also loses agreement.
Agreement = share of corpus token spans reproduced exactly (recall) and share of predicted
spans that are corpus spans (precision), over train + dev + test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.entities.nerdata import read_conll
from khabar.lang.agreement import sentence_agreement, token_agreement
from khabar.lang.detokenize import Rebuilt, natural, spaced


@pytest.fixture(scope="module")
def corpus(seed_path: Path) -> list[list[str]]:
    """IL-NER Hindi from ../shared (found beside the seed; skipped with it when absent)."""
    folder = seed_path.parents[1] / "data" / "il-ner" / "Hindi"
    out: list[list[str]] = []
    for split in ("train", "dev", "test"):
        out += [tokens for tokens, _ in read_conll(folder / f"Hindi-{split}.txt")]
    return out


@pytest.mark.realdata
@pytest.mark.parametrize("rebuild", [spaced, natural], ids=["spaced", "natural"])
def test_token_boundaries_agree_with_il_ner(
    corpus: list[list[str]], rebuild: Callable[[list[str]], Rebuilt]
) -> None:
    assert len(corpus) > 13000
    for sentence in corpus:  # the rebuilt text slices back to the corpus tokens
        text, gold = rebuild(sentence)
        assert [text[a:b] for a, b in gold] == sentence
    recall, precision, _ = token_agreement(corpus, rebuild)
    assert recall >= 0.99, recall
    assert precision >= 0.99, precision


@pytest.mark.realdata
def test_sentence_boundaries_on_il_ner_paragraphs(corpus: list[list[str]]) -> None:
    """IL-NER sentences (natural text) joined five to a paragraph, then split again.

    Every boundary after a sentence that ends with a terminator must be found (>= 99 %), and
    splits inside corpus sentences (abbreviations, list numbers, decimals) stay rare (<= 1 %
    of sentences). A corpus sentence without a terminator (a heading) cannot be found once
    joined to the next one by a space, so those boundaries are not counted.
    """
    found_share, false_rate, counted = sentence_agreement(corpus)
    assert counted > 9000
    assert found_share >= 0.99, found_share
    assert false_rate <= 0.01, false_rate
