"""``khabar ingest SOURCE…``: analyse sources and store them (idempotent), with a progress bar,
counts and a summary of rejected inputs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from khabar.cli.common import err, fail, out
from khabar.cli.store_common import DbOption, open_store
from khabar.document import Document
from khabar.errors import KhabarError
from khabar.sources.base import RawRecord, iter_records

if TYPE_CHECKING:
    from khabar.pipeline import Options
    from khabar.store import IngestReport, Store


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)


def ingest_command(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs (WARC, JSONL …).")],
    db: DbOption = None,
    config: Annotated[Path | None, typer.Option("--config", help="A settings file (TOML).")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Pipeline processes.", min=1)] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Documents per transaction.", min=1)] = 64,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Outlet name for documents without one.")
    ] = None,
    version: Annotated[
        str | None, typer.Option("--pipeline-version", help="Override the pipeline version.")
    ] = None,
    reanalyse: Annotated[
        bool, typer.Option("--reanalyse", help="Analyse inputs the store holds already, too.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyse SOURCES and store documents, entities and events (re-running changes nothing)."""
    from khabar.pipeline import Options, Pipeline
    from khabar.store.skip import analyse_new
    from khabar.store.version import pipeline_version

    store = open_store(db)
    try:
        pipeline = Pipeline(Options.load(config))
        version = version or pipeline_version(pipeline.options)
        if reanalyse:
            analysed = pipeline.pipe(sources, workers=workers)
        else:
            analysed = analyse_new(store, _records(sources, pipeline.options), version,
                                   lambda recs: pipeline.pipe(recs, workers=workers))
        report = _run(store, _with_outlet(analysed, outlet), version, " ".join(sources),
                      batch_size, quiet)
    except KhabarError as exc:
        fail(exc)
    finally:
        store.close()
    print_report(report)


def _records(sources: list[str], options: Options) -> Iterator[RawRecord]:
    """Every input record of ``sources``; an unreadable source becomes a failed record."""
    for source in sources:
        try:
            yield from iter_records(source, options=options)
        except KhabarError as exc:
            yield RawRecord.failed(source, exc)


def _with_outlet(docs: Iterator[Document], outlet: str | None) -> Iterator[Document]:
    for doc in docs:
        if outlet and not doc.meta.site_name:
            doc.meta.site_name = outlet
        yield doc


def _run(store: Store, docs: Iterator[Document], version: str, sources: str,
         batch_size: int, quiet: bool) -> IngestReport:
    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/]"),
                  TextColumn("{task.completed} documents"), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("", total=None)
        counts: Counter[str] = Counter()

        def step(_doc: Document, outcome: str) -> None:
            counts[outcome] += 1
            bar.update(task, advance=1, description=", ".join(
                f"{k} {v}" for k, v in sorted(counts.items())))

        return store.ingest(docs, pipeline_version=version, sources=sources,
                            batch_size=batch_size, progress=step)


def print_report(report: IngestReport) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(justify="right")
    for label in ("seen", "inserted", "updated", "unchanged", "rejected"):
        table.add_row(label, str(getattr(report, label)))
    table.add_row("pipeline", f"{report.pipeline_seconds:.2f} s")
    table.add_row("storage", f"{report.storage_seconds:.2f} s")
    out.print(table)
    if report.reasons:
        reasons = Table(title="Rejected inputs", title_justify="left")
        reasons.add_column("code")
        reasons.add_column("documents", justify="right")
        reasons.add_column("for example", overflow="fold")
        for code, n in sorted(report.reasons.items(), key=lambda kv: -kv[1]):
            reasons.add_row(code, str(n), report.examples.get(code, ""))
        out.print(reasons)
