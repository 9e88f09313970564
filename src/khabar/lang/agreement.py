"""How far khabar's tokens and sentences agree with a tokenised corpus (IL-NER).

Shared by ``eval/text_layer_eval.py`` (which prints the figures) and the tests (which hold
the floors), so both measure the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from khabar.lang.detokenize import Rebuilt, natural
from khabar.lang.sentences import split_sentences
from khabar.lang.tokens import Tokenizer

TERMINATORS = ("।", "?", "!", ".", "॥")


def token_agreement(
    sentences: Sequence[list[str]], rebuild: Callable[[list[str]], Rebuilt]
) -> tuple[float, float, int]:
    """(recall, precision, gold tokens) of khabar's token boundaries on rebuilt sentences."""
    tokenizer = Tokenizer()
    gold_n = pred_n = both = 0
    for sentence in sentences:
        text, gold = rebuild(sentence)
        pred = {(a, b) for a, b, _ in tokenizer.spans(text)}
        gold_set = set(gold)
        gold_n += len(gold_set)
        pred_n += len(pred)
        both += len(gold_set & pred)
    return both / max(gold_n, 1), both / max(pred_n, 1), gold_n


def sentence_agreement(
    sentences: Sequence[list[str]], per_block: int = 5
) -> tuple[float, float, int]:
    """Corpus sentences (natural text) joined ``per_block`` to a paragraph, split again:
    (share of boundaries found after a terminated sentence, false splits per sentence,
    boundaries counted). A sentence without a terminator (a heading) cannot be found once
    joined to the next by a space, so its boundary is not counted."""
    texts = [natural(s)[0] for s in sentences]
    counted = found = false_splits = 0
    for i in range(0, len(texts), per_block):
        group = texts[i : i + per_block]
        block = " ".join(group)
        ends: dict[int, bool] = {}
        pos = 0
        for text in group:
            pos += len(text)
            ends[pos] = text.rstrip("\"'”’)").endswith(TERMINATORS)
            pos += 1
        predicted = {end for _, end in split_sentences(block)}
        for end, terminated in ends.items():
            if end < len(block) and terminated:
                counted += 1
                found += end in predicted
        false_splits += len(predicted - set(ends))
    return found / max(counted, 1), false_splits / max(len(texts), 1), counted
