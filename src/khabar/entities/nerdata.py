"""IL-NER style data: the CoNLL reader and an entity-level (exact span) scorer.

The scorer follows seqeval's default (conlleval) reading of BIO tags: an entity starts at a
``B-`` tag, or at any other non-``O`` tag whose type differs from the previous tag's; it
continues over ``I-`` tags of the same type. Precision, recall and F1 are micro-averaged over
exact spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Sentence = tuple[list[str], list[str]]
Span = tuple[str, int, int]

PER_LOC_ORG = ("NEP", "NEL", "NEO")


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of (tokens, tags) from a ``token<TAB>tag`` file with blank-line separators."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, tags))
                    tokens, tags = [], []
                continue
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0]:
                continue
            tokens.append(parts[0])
            tags.append(parts[-1].strip() or "O")
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def _ends(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
    if prev_tag in ("E", "S"):
        return True
    if prev_tag in ("B", "I") and tag in ("B", "S", "O"):
        return True
    return prev_tag not in ("O", ".") and prev_type != kind


def _starts(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
    if tag in ("B", "S"):
        return True
    if prev_tag in ("E", "S", "O") and tag in ("E", "I"):
        return True
    return tag not in ("O", ".") and prev_type != kind


def spans(tags: Sequence[str]) -> list[Span]:
    """Entity spans ``(type, start, end)`` (end exclusive) of one BIO tag sequence, read the way
    seqeval's default mode reads them (a malformed ``-NEO`` tag still opens an NEO entity)."""
    if tags.count("O") == len(tags):  # most sentences: nothing to read
        return []
    # Only tags other than O and the tag right after each can change the reading: a run of O
    # leaves the state at ("O", "_"), which is set again when positions are skipped.
    busy = [i for i, chunk in enumerate(tags) if chunk != "O"]
    padded = [*tags, "O"]
    out: list[Span] = []
    prev_tag, prev_type, begin, last = "O", "", 0, -1
    for i in sorted({*busy, *(i + 1 for i in busy)}):
        if 0 < i != last + 1:
            prev_tag, prev_type = "O", "_"
        last, chunk = i, padded[i]
        tag = chunk[:1]
        kind = chunk[1:].split("-", maxsplit=1)[-1] or "_"
        if _ends(prev_tag, tag, prev_type, kind):
            out.append((prev_type, begin, i))
        if _starts(prev_tag, tag, prev_type, kind):
            begin = i
        prev_tag, prev_type = tag, kind
    return out


def to_bioes(tags: Sequence[str]) -> list[str]:
    """BIOES (single-token ``S-``, last token ``E-``) tags for clean BIO tags; the model is
    trained on these, which separates one-word names from the edges of longer ones."""
    out = ["O"] * len(tags)
    for kind, start, end in spans(tags):
        if kind == "_":
            continue
        if end - start == 1:
            out[start] = "S-" + kind
            continue
        out[start], out[end - 1] = "B-" + kind, "E-" + kind
        for i in range(start + 1, end - 1):
            out[i] = "I-" + kind
    return out


def join_names(first: Sequence[str], second: Sequence[str]) -> list[str]:
    """``first``'s tags plus ``second``'s PER/LOC/ORG names that overlap no name of
    ``first`` (two taggers' names joined)."""
    out = list(first)
    taken = spans(first)
    for kind, start, end in spans(second):
        if kind in PER_LOC_ORG and not any(s < end and start < e for _, s, e in taken):
            out[start:end] = ["B-" + kind] + ["I-" + kind] * (end - start - 1)
    return out


def to_bio(tag: str) -> str:
    """The BIO form of one BIOES tag."""
    if tag[:2] == "S-":
        return "B-" + tag[2:]
    if tag[:2] == "E-":
        return "I-" + tag[2:]
    return tag


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


def score(
    gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]
) -> dict[str, Counts]:
    """Per-type counts plus ``"ALL"`` (every type) and ``"PER_LOC_ORG"`` (NEP, NEL, NEO)."""
    table: dict[str, Counts] = {}
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        gold_set = set(spans(gold_tags))
        pred_set = set(spans(pred_tags))
        for kind, *_ in gold_set | pred_set:
            table.setdefault(kind, Counts())
        for span in gold_set & pred_set:
            table[span[0]].tp += 1
        for span in pred_set - gold_set:
            table[span[0]].fp += 1
        for span in gold_set - pred_set:
            table[span[0]].fn += 1
    per_type = dict(sorted(table.items()))
    for name, kinds in (("ALL", tuple(per_type)), ("PER_LOC_ORG", PER_LOC_ORG)):
        total = Counts()
        for kind in kinds:
            part = per_type.get(kind, Counts())
            total.tp += part.tp
            total.fp += part.fp
            total.fn += part.fn
        per_type[name] = total
    return per_type

