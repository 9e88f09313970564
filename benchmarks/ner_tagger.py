"""NER tagger speed on one core: sentences per second for the shipped model.

    .venv/bin/python benchmarks/ner_tagger.py [--repeat 3]

Tags the IL-NER Hindi test sentences (tokens only) sentence by sentence with ``tag`` and as
one document with ``tag_document`` (plus the consistency pass), each ``--repeat`` times after
a warm-up pass, and prints the best rate. The word-feature cache is cleared before each timed
pass so the figure is not a pure cache hit.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from khabar.entities.nerdata import read_conll
from khabar.entities.tagger import NerTagger

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "il-ner" / "Hindi" / "Hindi-test.txt"


def best_rate(run: Callable[[], object], tagger: NerTagger, count: int, repeat: int) -> float:
    best = 0.0
    for _ in range(repeat):
        tagger.clear_cache()
        started = time.perf_counter()
        run()
        best = max(best, count / (time.perf_counter() - started))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sentences = [tokens for tokens, _ in read_conll(args.data)]
    tokens = sum(len(s) for s in sentences)
    tagger = NerTagger()
    tagger.tag_document(sentences)  # warm-up: open the model, load lexicons

    def per_sentence() -> object:
        return [tagger.tag(s) for s in sentences]

    def as_document() -> object:
        return tagger.tag_document(sentences)

    rate_sentence = best_rate(per_sentence, tagger, len(sentences), args.repeat)
    rate_document = best_rate(as_document, tagger, len(sentences), args.repeat)
    sys.stdout.write(
        f"{len(sentences)} sentences, {tokens} tokens ({tokens / len(sentences):.1f}/sentence)\n"
        f"tag (one sentence at a time): {rate_sentence:,.0f} sentences/s\n"
        f"tag_document (with the consistency pass): {rate_document:,.0f} sentences/s\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
