"""Storage and search speed: ingest documents/second into SQLite and PostgreSQL (pipeline time
and storage time apart), and search latency on a database of at least 100,000 documents.

Input: ``../shared/data/hindi-newspaper-text`` split into articles (a short line after a blank
line starts one). Part 1 runs the full default pipeline over ``--articles`` of them (timed
apart), then stores the analysed Documents into a fresh SQLite file and, when a PostgreSQL URL
is given (``--pg`` or ``KHABAR_TEST_PG_URL``), into a fresh PostgreSQL schema. Part 2 builds a
SQLite database of ``--search-docs`` documents made from the real articles (each one a new mix
of three articles' paragraphs, with its own outlet and day; no pipeline) and times searches:
frequent, middling and rare Hindi words, two-word queries, and Latin-script queries answered
through transliteration keys, 20 hits each.

Run: ``.venv/bin/python benchmarks/bench_store.py [--articles 600] [--search-docs 100000]``
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from khabar.document import Block, Document, Metadata, PublishedTime  # noqa: E402
from khabar.store import Store  # noqa: E402
from khabar.store.queries import Filters, search  # noqa: E402
from khabar.store.terms import words  # noqa: E402
from store_data import day_of, newspaper_files, outlet_of, split_articles  # noqa: E402

TEXT = ROOT / ".." / "shared" / "data" / "hindi-newspaper-text"


def articles() -> list[tuple[str, str, str]]:
    out = []
    for path in newspaper_files(TEXT):
        for text in split_articles(path.read_text(encoding="utf-8", errors="replace")):
            out.append((outlet_of(path, TEXT), day_of(path), text))
    return out


def analyse(items: list[tuple[str, str, str]]) -> tuple[list[Document], float, float]:
    from khabar.pipeline import Pipeline

    t0 = time.perf_counter()
    pipeline = Pipeline()
    pipeline.run(Document(text="रूस"))  # load models outside the timed part
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(pipeline.pipe(text for _, _, text in items))
    seconds = time.perf_counter() - t0
    for doc, (outlet, day, _) in zip(docs, items, strict=True):
        doc.meta.site_name = doc.meta.site_name or outlet
        doc.meta.published = doc.meta.published or PublishedTime(day, "path")
    return docs, seconds, load


def store_rate(db: str, docs: list[Document]) -> tuple[float, float, int]:
    """Storage wall seconds, this process's CPU seconds, documents inserted."""
    with Store.open(db) as store:
        cpu = time.process_time()
        report = store.ingest(docs, pipeline_version="bench", batch_size=256)
        return report.storage_seconds, time.process_time() - cpu, report.inserted


def pg_schema(url: str) -> str:
    import psycopg

    from khabar.store import resolve_url

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    plain = resolve_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def synthetic(items: list[tuple[str, str, str]], n: int, seed: int = 7) -> list[Document]:
    """``n`` documents, each the title of one real article and paragraphs of three."""
    rng = random.Random(seed)
    paragraphs = [[p for p in text.split("\n\n") if p] for _, _, text in items]
    out = []
    for i in range(n):
        picks = [rng.randrange(len(items)) for _ in range(3)]
        outlet, day, _ = items[picks[0]]
        parts = [paragraphs[picks[0]][0]] + [p for k in picks for p in paragraphs[k][1:3]]
        text, blocks, pos = "", [], 0
        for j, part in enumerate(parts):
            blocks.append(Block("title" if j == 0 else "paragraph", pos, pos + len(part)))
            text += part + "\n\n"
            pos = len(text)
        meta = Metadata(content_hash=f"{i:064x}", title=parts[0], site_name=outlet,
                        published=PublishedTime(day, "path"), source_kind="text")
        out.append(Document(id=f"{i:016x}", text=text, language="hi", meta=meta,
                            blocks=blocks))
    return out


def queries(docs: list[Document], rng: random.Random) -> list[str]:
    freq = Counter(w for d in docs[:5000] for w in set(words(d.text)))
    pool = [w for w, _ in freq.most_common() if len(w) > 2 and not w.isascii()]
    mid = len(pool) // 2
    picks = rng.sample(pool[:50], 40) + rng.sample(pool[mid - 500 : mid + 500], 40)
    picks += rng.sample(pool[-2000:], 40)
    picks += [f"{a} {b}" for a, b in zip(rng.sample(pool[:300], 40), rng.sample(pool[:2000], 40),
                                          strict=True)]
    picks += ["korona", "dilli", "modi", "lakhanu", "bihar", "patna", "sarkar", "lockdown"] * 5
    return picks


def search_latency(db: str, docs: list[Document]) -> dict[str, float]:
    with Store.open(db) as store:
        rng = random.Random(11)
        qs = queries(docs, rng)
        for q in qs[:20]:
            search(store, Filters(text=q, limit=20))  # warm the page cache
        times = []
        for q in qs:
            t0 = time.perf_counter()
            search(store, Filters(text=q, limit=20))
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        return {"queries": len(times), "median_ms": statistics.median(times),
                "p95_ms": times[int(0.95 * len(times)) - 1], "max_ms": times[-1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--search-docs", type=int, default=100_000)
    parser.add_argument("--pg", default=os.environ.get("KHABAR_TEST_PG_URL"))
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--search-only", metavar="DB",
                        help="Only time searches on a search database an earlier run built.")
    args = parser.parse_args()
    items = articles()
    print(f"{len(items)} articles in {TEXT.name}")
    if args.search_only:
        return report_latency(args.search_only, synthetic(items, 5000))
    sample = items[:: max(1, len(items) // args.articles)][: args.articles]
    docs, pipe_s, load_s = analyse(sample)
    n_events = sum(len(d.events) for d in docs)
    print(f"pipeline: {len(docs)} docs in {pipe_s:.1f} s = {len(docs) / pipe_s:.1f} docs/s "
          f"(model load {load_s:.1f} s apart); {n_events} events, "
          f"{sum(len(d.entities) for d in docs)} entities")
    work = Path(tempfile.mkdtemp(dir=args.workdir, prefix="khabar-bench-"))
    secs, cpu, n = store_rate(str(work / "ingest.db"), docs)
    print(f"storage sqlite: {n} docs in {secs:.2f} s = {n / secs:.0f} docs/s "
          f"(client CPU {cpu:.2f} s = {n / cpu:.0f} docs/CPU-s)")
    if args.pg:
        secs, cpu, n = store_rate(pg_schema(args.pg), docs)
        print(f"storage postgresql: {n} docs in {secs:.2f} s = {n / secs:.0f} docs/s "
              f"(client CPU {cpu:.2f} s = {n / cpu:.0f} docs/CPU-s)")
    if args.search_docs <= 0:
        return 0
    big = synthetic(items, args.search_docs)
    db = str(work / "search.db")
    secs, cpu, n = store_rate(db, big)
    size = Path(db).stat().st_size / 2**20
    print(f"search db: {n} docs stored in {secs:.1f} s = {n / secs:.0f} docs/s "
          f"(CPU {n / cpu:.0f} docs/CPU-s), {size:.0f} MiB")
    return report_latency(db, big)


def report_latency(db: str, docs: list[Document]) -> int:
    with Store.open(db) as store:
        n = store.count_documents()
    lat = search_latency(db, docs)
    print(f"search sqlite ({n} docs): {lat['queries']:.0f} queries, median "
          f"{lat['median_ms']:.1f} ms, p95 {lat['p95_ms']:.1f} ms, max {lat['max_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
