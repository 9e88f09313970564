"""NER tagger speed on one core: sentences per second for both shipped models, side by side.

    .venv/bin/python benchmarks/ner_tagger.py [--repeat 3]

Tags the IL-NER Hindi test sentences (tokens only) with the CRF and the BiLSTM-CRF, each
sentence by sentence with ``tag``, as one batch (``tag_many``, the BiLSTM only: how the
pipeline runs it) and as one document with ``tag_document`` (plus the consistency pass), each
``--repeat`` times after a warm-up pass, the two models alternating; prints the best rates and
their ratio. The word caches are cleared before each timed pass so the figure is not a pure
cache hit.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from khabar.entities.nerdata import read_conll
from khabar.entities.neural import BiLstmTagger
from khabar.entities.tagger import NerTagger

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "il-ner" / "Hindi" / "Hindi-test.txt"


Tagger = NerTagger | BiLstmTagger


def rate(run: Callable[[], object], tagger: Tagger, count: int) -> float:
    """Sentences per CPU-second of one pass, caches emptied first."""
    tagger.clear_cache()
    started = time.process_time()
    run()
    return count / (time.process_time() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sentences = [tokens for tokens, _ in read_conll(args.data)]
    tokens = sum(len(s) for s in sentences)
    taggers: dict[str, Tagger] = {"crf": NerTagger(), "bilstm": BiLstmTagger()}
    runs: dict[str, Callable[[], object]] = {}
    for name, tagger in taggers.items():
        tagger.tag_document(sentences)  # warm-up: open the model, load lexicons
        runs[f"{name} tag"] = lambda t=tagger: [t.tag(s) for s in sentences]
        runs[f"{name} tag_document"] = lambda t=tagger: t.tag_document(sentences)
    runs["bilstm tag_many"] = lambda: taggers["bilstm"].tag_many(sentences)
    best = dict.fromkeys(runs, 0.0)
    for _ in range(args.repeat):  # the models alternate, so both see the same machine
        for label, run in runs.items():
            best[label] = max(best[label], rate(run, taggers[label.split()[0]], len(sentences)))
    per = tokens / len(sentences)
    lines = [f"{len(sentences)} sentences, {tokens} tokens ({per:.1f}/sentence)"]
    lines += [f"{label:<22} {value:8,.0f} sentences/s per CPU-second"
              for label, value in best.items()]
    ratio = best["bilstm tag_document"] / best["crf tag_document"]
    lines.append(f"bilstm / crf, tag_document: {ratio:.2f}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
