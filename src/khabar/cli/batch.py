"""Many documents from one source (a folder, WARC, feed, JSONL, CSV, sitemap): a progress
bar while they are analysed, then counts — read, extracted, duplicate, rejected by reason.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from khabar.cli.common import err, out
from khabar.document import Document, Rejection
from khabar.errors import KhabarError
from khabar.pipeline import Pipeline
from khabar.sources.base import RawRecord, ReadStats, document_from_record, iter_records

REASONS = {
    "E101": "not found", "E102": "unreadable", "E103": "empty",
    "E104": "binary", "E105": "undecodable", "E106": "too large", "E107": "fetch failed",
    "E108": "unsupported", "E109": "duplicate", "E110": "fetch refused",
}


@dataclass(slots=True)
class BatchCounts:
    read: int = 0
    extracted: int = 0
    duplicate: int = 0
    failed: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, doc: Document) -> None:
        self.read += 1
        if doc.rejected is not None:
            code = doc.rejected.code
            if code == "E109":
                self.duplicate += 1
                return
            self.rejected[code] += 1
            self.examples.setdefault(code, doc.rejected.reason)
        elif doc.errors:
            self.failed += 1
            self.examples.setdefault("step", doc.errors[0].message)
        else:
            self.extracted += 1


def analyze_source(
    pipeline: Pipeline, source: str, *, kind: str | None, as_json: bool
) -> Document | None:
    """One Document when ``source`` holds one; otherwise run the batch and return None."""
    stats = ReadStats()
    records = iter_records(source, kind=kind, options=pipeline.options, stats=stats)
    first = next(records, None)
    if first is None:
        return pipeline.run(Document(rejected=Rejection("E103", "the input holds no document",
                                                        "read")))
    second = next(records, None)
    if second is None:
        return pipeline.run(document_from_record(first))
    counts = run_batch(pipeline, itertools.chain([first, second], records), stats,
                       as_json=as_json)
    print_counts(counts, stats, to_stderr=as_json)
    if counts.extracted == 0:
        raise SystemExit(1)
    return None


def run_batch(
    pipeline: Pipeline, records: Iterator[RawRecord], stats: ReadStats, *,
    as_json: bool = False, total: int | None = None,
) -> BatchCounts:
    """Analyse every record with a progress bar; documents as JSON lines with ``as_json``."""
    counts = BatchCounts()
    seen: dict[str, str] = {}
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.completed} docs"), TimeElapsedColumn())
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("analysing", total=total)
        for doc in pipeline.pipe(_safe(records)):
            _dedup_across_windows(doc, seen)
            counts.add(doc)
            if as_json:
                print(doc.to_json(), flush=False)
            progress.update(task, advance=1,
                            description=f"{counts.extracted} extracted, "
                                        f"{counts.read - counts.extracted} not")
    return counts


def _safe(records: Iterator[RawRecord]) -> Iterator[RawRecord]:
    """The records; an error that stops the reader becomes one failed record."""
    try:
        yield from records
    except KhabarError as exc:
        yield RawRecord.failed(None, exc)


def _dedup_across_windows(doc: Document, seen: dict[str, str]) -> None:
    """The dedup step sees one window at a time (and one process); repeat the check here."""
    digest = doc.meta.content_hash
    if doc.rejected is not None or doc.errors or not digest or "dedup" not in doc.steps:
        return
    first = seen.setdefault(digest, doc.meta.canonical_url or doc.meta.path or doc.id)
    if first != (doc.meta.canonical_url or doc.meta.path or doc.id):
        doc.rejected = Rejection("E109", f"duplicate of {first} (same text)", "dedup")


def print_counts(counts: BatchCounts, stats: ReadStats, *, to_stderr: bool = False) -> None:
    console = err if to_stderr else out
    table = Table(title="Batch", title_justify="left", show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(justify="right")
    table.add_column(overflow="fold", style="dim")
    table.add_row("read", str(counts.read), "")
    table.add_row("extracted", str(counts.extracted), "")
    table.add_row("duplicate", str(counts.duplicate), "")
    for code, n in sorted(counts.rejected.items()):
        label = f"rejected {code} {REASONS.get(code, '')}".rstrip()
        table.add_row(label, str(n), f"e.g. {counts.examples[code]}")
    if counts.failed:
        table.add_row("step failed", str(counts.failed), f"e.g. {counts.examples['step']}")
    for reason, n in sorted(stats.skipped.items()):
        table.add_row(f"skipped: {reason}", str(n), "")
    console.print(table)
