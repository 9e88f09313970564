"""``khabar export --format jsonl|csv|parquet|gdelt``: events (or documents) to files that
pandas, DuckDB, Spark and GDELT-based scripts read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import err, fail
from khabar.cli.store_common import (
    DbOption,
    Entity,
    EventType,
    Modality,
    Outlet,
    Since,
    Until,
    make_filters,
    open_store,
)
from khabar.errors import ConfigError, KhabarError


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


def export_command(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or gdelt.")],
    db: DbOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--out", help="Output file (gdelt: a prefix for two files; default stdout)."),
    ] = None,
    table: Annotated[
        str, typer.Option("--table", help="events, or documents (jsonl only).")] = "events",
    entity: Entity = None,
    event_type: EventType = None,
    modality: Modality = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
) -> None:
    """Export events (filters as in `khabar events`) or whole documents."""
    from khabar.export.tables import FORMATS, export_documents_jsonl, export_events

    if fmt not in FORMATS:
        fail(ConfigError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}"))
    if table not in ("events", "documents"):
        fail(ConfigError(f"unknown table {table!r}: events or documents"))
    if table == "documents" and fmt != "jsonl":
        fail(ConfigError("documents export as jsonl only (the Document JSON form)"))
    f = make_filters(entity=entity, event_type=event_type, modality=modality, since=since,
                     until=until, outlet=outlet)
    store = open_store(db)
    try:
        if table == "documents":
            written = export_documents_jsonl(store, output)
        else:
            written = export_events(store, fmt, output, f)
    except (KhabarError, OSError) as exc:
        fail(exc)
    finally:
        store.close()
    for path, n in written.items():
        err.print(f"{n} rows → {path}", highlight=False)
