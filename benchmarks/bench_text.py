"""Throughput of the text layer (normalise + language + sentences + tokens) on newspaper text.

Input: the daily files of ../shared/data/hindi-newspaper-text split into articles by
``benchmarks/corpus.py`` (a headline line after a blank line starts one; see there).

Each article becomes a Document the way the extract step builds one (``apply_extracted``:
title + paragraph blocks, every block normalised), then the ``language``, ``sentences`` and
``tokens`` steps run on it. Decoding, boilerplate removal and later steps are not included.
Run from the project root:

    .venv/bin/python benchmarks/bench_text.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from corpus import CORPUS, split_articles

from khabar.document import BlockKind, Document
from khabar.extract.base import Extracted, apply_extracted
from khabar.lang.steps import Language, Sentences, Tokens
from khabar.pipeline import Options


def build(article: list[str]) -> Document:
    blocks: list[tuple[BlockKind, str]] = [("title", article[0])]
    blocks += [("paragraph", p) for p in article[1:]]
    ext = Extracted(blocks=blocks)
    doc = Document()
    apply_extracted(doc, ext)
    return doc


def run_once(articles: list[list[str]], options: Options) -> tuple[float, float, int, int, int]:
    """(wall seconds, CPU seconds, sentences, tokens, rejected documents) of one pass."""
    steps = (Language(options), Sentences(options), Tokens(options))
    sentences = tokens = rejected = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for article in articles:
        doc = build(article)
        for step in steps:
            step(doc)
        sentences += len(doc.sentences)
        tokens += len(doc.tokens)
        rejected += doc.rejected is not None
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return wall, cpu, sentences, tokens, rejected


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus (best kept)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.glob("*/*/*.txt") if p.is_file())
    if not files:
        print(f"no daily files under {args.corpus}", file=sys.stderr)
        return 1
    articles = [a for p in files for a in split_articles(p.read_text(encoding="utf-8",
                                                                      errors="replace"))]
    chars = sum(len(line) for a in articles for line in a)
    options = Options.load()
    run_once(articles[:50], options)  # warm up: data files, regex compilation, key cache
    best = min((run_once(articles, options) for _ in range(max(1, args.repeat))),
               key=lambda r: r[0])
    seconds, cpu, sentences, tokens, rejected = best
    print(f"files {len(files)}  articles {len(articles)}  characters {chars:,}")
    print(f"sentences {sentences:,}  tokens {tokens:,}  rejected {rejected}")
    print(f"best of {args.repeat}: {seconds:.2f} s wall, {cpu:.2f} s CPU (one process)")
    for label, secs in (("wall", seconds), ("CPU", cpu)):
        print(f"{label:>4}: docs/s {len(articles) / secs:,.0f}  sentences/s {sentences / secs:,.0f}"
              f"  tokens/s {tokens / secs:,.0f}  characters/s {chars / secs:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
