"""Speed and memory of the entity steps: gazetteer matching + NER tagging + linking.

Input: Hindi newspaper files under ``../shared/data/hindi-newspaper-text`` (unlabelled text),
read and split into sentences and tokens by the pipeline's earlier steps (not timed). Timed:
the ``entities`` step (gazetteer, plus the NER tagger: the BiLSTM-CRF by default, ``--tagger
crf`` for the CRF) and the ``link`` step, on one core, run the way the pipeline runs them
(each step's ``prepare`` on the window of documents, then each document). Prints
sentences/second, the one-off knowledge-base load time and the peak resident memory of the
process with the knowledge base loaded.

Run: ``.venv/bin/python benchmarks/bench_entities.py [--files 40] [--no-tagger]
[--tagger bilstm|crf] [--model M]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.document import Document  # noqa: E402
from khabar.pipeline import Options, Pipeline  # noqa: E402

TEXT = ROOT / ".." / "shared" / "data" / "hindi-newspaper-text"
PRE = ["decode", "extract", "language", "sentences", "tokens"]


def documents(n_files: int) -> list[Document]:
    files = sorted(TEXT.rglob("*.txt"))[:n_files]
    pipeline = Pipeline(steps=PRE)
    return [pipeline(path) for path in files]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--no-tagger", action="store_true")
    parser.add_argument("--tagger", choices=("bilstm", "crf"), default="bilstm")
    parser.add_argument("--model", type=Path, help="another model file (.npz or crfsuite)")
    args = parser.parse_args()
    options = Options.load(
        overrides={"entities": {"use_tagger": not args.no_tagger, "tagger": args.tagger}}
    )
    docs = documents(args.files)
    sentences = sum(len(d.sentences) for d in docs)
    steps = Pipeline(options, steps=[*PRE, "entities", "link"]).steps[-2:]
    if args.model is not None and not args.no_tagger:
        from khabar.entities.tagger import tagger_for

        steps[0].__dict__["_tagger"] = tagger_for(args.model)
    t0 = time.perf_counter()
    from khabar.entities.index import get_index

    get_index()
    load = time.perf_counter() - t0
    warm = Document(text="रूस")
    for step in steps:
        getattr(step, "prepare", lambda docs: None)([warm])
        step(warm)
    t1, c1 = time.perf_counter(), time.process_time()
    for step in steps:
        prepare = getattr(step, "prepare", None)
        if prepare is not None:
            prepare(docs)
        for doc in docs:
            step(doc)
    elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    mentions = sum(len(d.mentions) for d in docs)
    linked = sum(1 for d in docs for m in d.mentions if m.entity and ":" not in m.entity[:4])
    tagger = "yes" if any(m.source == "tagger" for d in docs for m in d.mentions) else "no"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents {len(docs)}, sentences {sentences}, mentions {mentions} "
          f"({linked} to KB entities), tagger spans: {tagger}")
    print(f"knowledge base + index load: {load:.2f} s wall (once per process)")
    print(f"entities + link: {elapsed:.2f} s wall = {sentences / elapsed:,.0f} sentences/s; "
          f"{cpu:.2f} s CPU = {sentences / cpu:,.0f} sentences/s per core")
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
