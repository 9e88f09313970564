"""Ways of reading a BiLSTM-CRF model's output differently, scored on IL-NER Hindi dev.

    .venv/bin/python eval/ner_decode_variants.py --model M.npz --crf C.crfsuite

``M.npz`` and ``C.crfsuite`` must be trained on train only (``train_ner_bilstm.py tune``,
``train_ner.py final --train-only``): dev is scored. Each line is PER/LOC/ORG F1 (P, R) and
the per-type F1 of one variant:

- ``model``: the model as shipped (bracket split included);
- ``+ crf names``: the CRF's PER/LOC/ORG names where the model has none;
- ``bonus B``: B added to every PER/LOC/ORG label's score before Viterbi (recall for
  precision);
- ``train names F/N``: a name annotated in train at least N times, and as its type in at least
  a share F of the times its words occur in train, tagged where the model has none.

Kept to show what was tried (EVALUATION.md, third session); none of these is shipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khabar.entities import neural
from khabar.entities.consistency import split_at_brackets
from khabar.entities.nerdata import (
    PER_LOC_ORG,
    Sentence,
    join_names,
    read_conll,
    score,
    spans,
)
from khabar.entities.neural import BiLstmTagger
from khabar.entities.tagger import NerTagger

ROOT = Path(__file__).resolve().parents[1]
ILNER = ROOT / ".." / "shared" / "data" / "il-ner" / "Hindi"
Phrase = tuple[str, ...]


def report(name: str, gold: list[list[str]], pred: list[list[str]]) -> None:
    table = score(gold, pred)
    main = table["PER_LOC_ORG"]
    kinds = "  ".join(f"{k}={table[k].f1:.3f}" for k in PER_LOC_ORG if k in table)
    sys.stdout.write(f"{name:<22} F1={main.f1:.4f} (P={main.precision:.3f} "
                     f"R={main.recall:.3f})  {kinds}\n")


def with_bonus(tagger: BiLstmTagger, sentences: list[list[str]], bonus: float) -> list[list[str]]:
    """Tags after adding ``bonus`` to the PER/LOC/ORG labels' scores."""
    labels = tagger._members[0].weights.labels
    columns = [i for i, label in enumerate(labels) if label[2:] in PER_LOC_ORG]
    original: Callable[..., Any] = neural._viterbi

    def shifted(emissions: Any, lengths: list[int], weights: Any) -> list[list[int]]:
        emissions = emissions.copy()
        emissions[:, :, columns] += bonus
        return original(emissions, lengths, weights)  # type: ignore[no-any-return]

    neural._viterbi = shifted
    try:
        tagger.clear_cache()
        return tagger.tag_many(sentences)
    finally:
        neural._viterbi = original


def train_names(train: list[Sentence]) -> tuple[dict[Phrase, Counter[str]], Counter[Phrase]]:
    """Per annotated PER/LOC/ORG phrase: its types' counts, and how often its words occur."""
    kinds: dict[Phrase, Counter[str]] = defaultdict(Counter)
    for tokens, tags in train:
        for kind, start, end in spans(tags):
            if kind in PER_LOC_ORG:
                kinds[tuple(tokens[start:end])][kind] += 1
    seen: Counter[Phrase] = Counter()
    for tokens, _ in train:
        for size in range(1, 6):
            for i in range(len(tokens) - size + 1):
                phrase = tuple(tokens[i : i + size])
                if phrase in kinds:
                    seen[phrase] += 1
    return kinds, seen


def lexicon_tags(tokens: list[str], kinds: dict[Phrase, Counter[str]], seen: Counter[Phrase],
                 share: float, least: int) -> list[str]:
    out = ["O"] * len(tokens)
    for size in range(5, 0, -1):
        for i in range(len(tokens) - size + 1):
            phrase = tuple(tokens[i : i + size])
            free = all(t == "O" for t in out[i : i + size])
            if phrase not in kinds or seen[phrase] < least or not free:
                continue
            kind, count = kinds[phrase].most_common(1)[0]
            if count / seen[phrase] >= share:
                out[i : i + size] = ["B-" + kind] + ["I-" + kind] * (size - 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="BiLSTM-CRF, train only")
    parser.add_argument("--crf", type=Path, required=True, help="CRF, train only")
    parser.add_argument("--data", type=Path, default=ILNER)
    args = parser.parse_args(argv)
    dev = read_conll(args.data / "Hindi-dev.txt")
    train = read_conll(args.data / "Hindi-train.txt")
    sentences = [tokens for tokens, _ in dev]
    gold = [tags for _, tags in dev]
    tagger = BiLstmTagger(args.model)
    model = tagger.tag_many(sentences)
    report("model", gold, model)
    crf = NerTagger(args.crf)
    report("+ crf names", gold, [split_at_brackets(s, join_names(m, crf.tag(s)))
                                 for s, m in zip(sentences, model, strict=True)])
    for bonus in (0.25, 0.5, 1.0):
        report(f"bonus {bonus}", gold, with_bonus(tagger, sentences, bonus))
    kinds, seen = train_names(train)
    for share, least in ((0.6, 3), (0.8, 3)):
        report(f"train names {share}/{least}", gold, [
            join_names(m, lexicon_tags(s, kinds, seen, share, least))
            for s, m in zip(sentences, model, strict=True)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
