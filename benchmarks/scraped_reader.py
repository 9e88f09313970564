"""Throughput of the scraped-text reader (extract step, text pages) on real newspaper text.

Reads every file of ../shared/data/hindi-newspaper-text (headline lines and paragraphs, several
articles a file) with ``read_scraped`` and prints files/s, MB/s and lines/s, plus what the
reader made of the lines (block kinds, boilerplate rules). Run from the project root:

    .venv/bin/python benchmarks/scraped_reader.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from khabar.extract.scraped import read_scraped
from khabar.pipeline import Options

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "hindi-newspaper-text"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus (best kept)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.rglob("*.txt") if p.is_file())
    if not files:
        print(f"no .txt files under {args.corpus}", file=sys.stderr)
        return 1
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    config = Options.load().for_step("extract")
    read_scraped("warm up\n\nthe phrase lists", config=config)
    kinds: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    best = float("inf")
    for _ in range(max(1, args.repeat)):
        kinds.clear()
        rules.clear()
        start = time.perf_counter()
        for text in texts:
            ext = read_scraped(text, config=config)
            kinds.update(kind for kind, _ in ext.blocks)
            rules.update(b.rule for b in ext.boilerplate)
        best = min(best, time.perf_counter() - start)
    size = sum(len(t.encode("utf-8")) for t in texts)
    lines = sum(1 for t in texts for line in t.splitlines() if line.strip())
    print(f"files: {len(texts)}  size: {size / 1e6:.1f} MB  non-empty lines: {lines}")
    print(f"best of {args.repeat}: {best:.2f} s  ->  {len(texts) / best:.1f} files/s, "
          f"{size / 1e6 / best:.2f} MB/s, {lines / best:,.0f} lines/s")
    print("blocks:", dict(kinds.most_common()))
    print("boilerplate rules:", dict(rules.most_common(12)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
