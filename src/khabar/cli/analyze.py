"""``khabar analyze PATH|URL|-``: a readable report of one document, or its JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from khabar.cli.batch import analyze_source
from khabar.cli.common import fail, out
from khabar.cli.report_entities import print_entities
from khabar.cli.report_events import print_events
from khabar.document import Document
from khabar.errors import InputError, KhabarError


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)


def analyze_command(
    source: Annotated[str, typer.Argument(help="A file, a folder, a URL, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Document as JSON.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="A settings file (TOML).")] = None,
) -> None:
    """Analyse one document and print what khabar found in it."""
    from khabar.pipeline import Options, Pipeline

    try:
        pipeline = Pipeline(Options.load(config))
        kind = "stdin" if source == "-" else ("url" if "://" in source else "path")
        found = analyze_source(pipeline, source, kind=kind, as_json=as_json)
    except KhabarError as exc:
        fail(exc)
    if found is None:  # many documents: progress and counts were shown
        return
    doc = found
    if as_json:
        print(doc.to_json(indent=2))
    else:
        print_report(doc)
    if doc.rejected is not None:
        fail(InputError(f"{source}: {doc.rejected.reason}", code=doc.rejected.code))
    if doc.errors:
        first = doc.errors[0]
        fail(KhabarError(f"{source}: step {first.step} failed: {first.message}", code=first.code))


def print_report(doc: Document) -> None:
    meta = doc.meta
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for label, value in (
        ("title", meta.title),
        ("section", meta.section),
        ("byline", ", ".join(meta.authors) or None),
        ("published", meta.published.value if meta.published else None),
        ("language", _language(doc)),
        ("source", meta.url or meta.path or meta.source_kind),
        ("size", f"{len(doc.blocks)} blocks, {len(doc.sentences)} sentences, "
                 f"{len(doc.tokens)} tokens"),
    ):
        facts.add_row(label, value if value else "-")
    out.print(facts)
    _print_blocks(doc)
    _print_boilerplate(doc)
    print_entities(doc)
    print_events(doc)


def _language(doc: Document) -> str | None:
    if doc.language is None:
        return None
    score = f" ({doc.language_score:.2f})" if doc.language_score is not None else ""
    return doc.language + score


def _print_blocks(doc: Document) -> None:
    table = Table(title="Text", title_justify="left", show_lines=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind")
    table.add_column("lang", style="dim")
    table.add_column("text", overflow="fold")
    for i, block in enumerate(doc.blocks):
        table.add_row(str(i), block.kind, block.lang or "", doc.text[block.start : block.end])
    out.print(table)


def _print_boilerplate(doc: Document) -> None:
    if not doc.boilerplate:
        return
    table = Table(title="Removed boilerplate", title_justify="left")
    table.add_column("line", justify="right", style="dim")
    table.add_column("rule")
    table.add_column("text", overflow="fold")
    for item in doc.boilerplate:
        table.add_row(str(item.line), item.rule, item.text)
    out.print(table)
