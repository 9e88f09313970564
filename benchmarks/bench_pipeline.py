"""Documents/second of the full default pipeline (text → events) on newspaper articles.

Input: the daily files of ``../shared/data/hindi-newspaper-text`` split into articles by
``benchmarks/corpus.py`` (a headline line after a blank line starts one; see there). Each
article is fed as text (headline and paragraphs joined by blank lines) through
``khabar.Pipeline().pipe`` with the default steps (decode, extract, dedup, language,
sentences, tokens, entities, link, times, events), in one process; each document is counted
as it comes out and then dropped (as ``khabar ingest`` does), not kept. A warm-up run on a few
articles loads the lazy resources (knowledge base, index, tagger model, lexicons) first; it
is not timed. Prints documents/second and sentences/second by wall and CPU time, and the
CPU share of each step (measured by wrapping each step object; ``prepare`` included).

Run: ``.venv/bin/python benchmarks/bench_pipeline.py [--articles N] [--repeat 1]
[--tagger bilstm|crf]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CORPUS, corpus_articles  # noqa: E402

from khabar.document import Document  # noqa: E402
from khabar.pipeline import Pipeline, Step  # noqa: E402


class Timed:
    """A step proxy adding up the CPU time of ``__call__`` and ``prepare``."""

    def __init__(self, step: Step, cpu: defaultdict[str, float]) -> None:
        self._step = step
        self._cpu = cpu
        self.name = step.name
        self.requires = step.requires
        if hasattr(step, "prepare"):
            self.prepare = self._prepare

    def __call__(self, doc: Document) -> None:
        started = time.process_time()
        try:
            self._step(doc)
        finally:
            self._cpu[self.name] += time.process_time() - started

    def _prepare(self, docs: list[Document]) -> None:
        started = time.process_time()
        try:
            self._step.prepare(docs)  # type: ignore[attr-defined]
        finally:
            self._cpu[self.name] += time.process_time() - started

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._step, attr)


class Tally:
    """What the documents held, counted as they come out (then dropped, as ingest does)."""

    def __init__(self) -> None:
        self.docs = self.sentences = self.events = self.errors = 0
        self.rejected: Counter[str] = Counter()

    def add(self, doc: Document) -> None:
        self.docs += 1
        self.sentences += len(doc.sentences)
        self.events += len(doc.events)
        self.errors += len(doc.errors)
        if doc.rejected is not None:
            self.rejected[doc.rejected.code] += 1


def run_once(pipeline: Pipeline, texts: list[str]) -> tuple[float, float, Tally]:
    tally = Tally()
    started, cpu_started = time.perf_counter(), time.process_time()
    for doc in pipeline.pipe(texts):
        tally.add(doc)
    return time.perf_counter() - started, time.process_time() - cpu_started, tally


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="first N articles (0: all)")
    parser.add_argument("--repeat", type=int, default=1, help="passes (the fastest is kept)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--tagger", choices=("bilstm", "crf"), default=None,
                        help="the NER tagger (default: the settings' one)")
    args = parser.parse_args()
    articles = corpus_articles(args.corpus)
    if args.articles:
        articles = articles[: args.articles]
    if not articles:
        print(f"no articles under {args.corpus}", file=sys.stderr)
        return 1
    texts = ["\n\n".join(a) for a in articles]
    overrides = {"entities": {"tagger": args.tagger}} if args.tagger else None
    pipeline = Pipeline(overrides=overrides)
    list(pipeline.pipe(texts[:20]))  # warm-up: lazy resources load here, not timed
    best: tuple[float, float, Tally, defaultdict[str, float]] | None = None
    for _ in range(max(1, args.repeat)):
        cpu: defaultdict[str, float] = defaultdict(float)
        plain = [s._step if isinstance(s, Timed) else s for s in pipeline.steps]
        pipeline.steps = cast(list[Step], [Timed(s, cpu) for s in plain])
        wall, cpu_total, tally = run_once(pipeline, texts)
        if best is None or wall < best[0]:
            best = (wall, cpu_total, tally, cpu)
    assert best is not None
    report(articles, *best)
    return 0


def report(articles: list[list[str]], wall: float, cpu: float, tally: Tally,
           steps: defaultdict[str, float]) -> None:
    n, sentences = tally.docs, tally.sentences
    chars = sum(len(line) for a in articles for line in a)
    print(f"articles {n:,}  characters {chars:,}  sentences {sentences:,}  "
          f"events {tally.events:,}")
    print(f"rejected {sum(tally.rejected.values())} {dict(tally.rejected)}  "
          f"step errors {tally.errors}")
    print(f"{wall:.2f} s wall, {cpu:.2f} s CPU (one process)")
    for label, secs in (("wall", wall), ("CPU", cpu)):
        print(f"{label:>4}: docs/s {n / secs:,.0f}  sentences/s {sentences / secs:,.0f}")
    stepped = sum(steps.values())
    print(f"CPU by step (sum {stepped:.2f} s; the rest is reading, windows, checks):")
    for name, secs in steps.items():
        print(f"  {name:<10} {secs:6.2f} s  {100 * secs / cpu:5.1f}%")


if __name__ == "__main__":
    raise SystemExit(main())
