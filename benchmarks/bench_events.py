"""Speed of the full text -> events pipeline on one core.

Input: the Hindi newspaper files under ``../shared/data/hindi-newspaper-text`` (each file a
document: several articles of one paper and day, about 8 KB). Timed: the whole default
pipeline (decode, extract, language, sentences, tokens, entities, link, times, events) in one
process, after one warm-up document (resources load lazily). Also timed on the same
documents: the ``times`` + ``events`` steps alone. Prints documents/second, sentences/second
and events found.

Run: ``.venv/bin/python benchmarks/bench_events.py [--files 120] [--repeat 1]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.document import Document  # noqa: E402
from khabar.pipeline import Pipeline, Step  # noqa: E402

TEXT = ROOT / ".." / "shared" / "data" / "hindi-newspaper-text"
EVENT_STEPS = ("times", "events")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = sorted(TEXT.rglob("*-*-*.txt"))[: args.files]
    pipeline = Pipeline()
    pipeline("रूस ने यूक्रेन पर हमला किया।", kind="text")
    spent = _time_steps(pipeline)
    docs: list[Document] = []
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        docs = list(pipeline.pipe(files))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(docs) * args.repeat
    sentences = sum(len(d.sentences) for d in docs) * args.repeat
    events = sum(len(d.events) for d in docs)
    errors = sum(1 for d in docs if not d.ok)
    share = ", ".join(f"{name} {sec / max(cpu, 1e-9):.0%}" for name, sec in spent.items())
    ev_steps = [s for s in pipeline.steps if s.name in EVENT_STEPS]
    t1, c1 = time.perf_counter(), time.process_time()
    for doc in docs:
        doc.times.clear()
        doc.events.clear()
        for step in ev_steps:
            step(doc)
    ev_wall, ev_cpu = time.perf_counter() - t1, time.process_time() - c1
    print(f"documents: {len(docs)} files x {args.repeat}, {sentences // args.repeat} sentences, "
          f"{events} events, {errors} with errors or rejected")
    print(f"full pipeline: {n / wall:.1f} docs/s wall, {n / cpu:.1f} docs/s CPU, "
          f"{sentences / wall:.0f} sentences/s")
    print(f"times+events steps only: {len(docs) / ev_wall:.1f} docs/s wall, "
          f"{len(docs) / ev_cpu:.1f} docs/s CPU, {sentences / args.repeat / ev_cpu:.0f} "
          "sentences/s CPU")
    print(f"CPU share by step: {share}")
    return 0


class _Timed(Step):
    """A step that adds the CPU seconds of the step it wraps to ``spent``."""

    def __init__(self, inner: Step, spent: dict[str, float]) -> None:
        super().__init__(inner.options)
        self.inner, self.spent = inner, spent
        self.label = inner.name
        spent[inner.name] = 0.0
        if hasattr(inner, "prepare"):
            self.prepare = inner.prepare

    def __call__(self, doc: Document) -> None:
        c = time.process_time()
        try:
            self.inner(doc)
        finally:
            self.spent[self.label] += time.process_time() - c


def _time_steps(pipeline: Pipeline) -> dict[str, float]:
    """Wrap every step of ``pipeline`` so its CPU seconds add up in the returned dict."""
    spent: dict[str, float] = {}
    pipeline.steps = [type(f"Timed_{step.name}", (_Timed,), {"name": step.name})(step, spent)
                      for step in pipeline.steps]
    return spent


if __name__ == "__main__":
    raise SystemExit(main())
