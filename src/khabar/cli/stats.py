"""``khabar stats``: what a store holds — counts, languages, outlets, event types, runs."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from khabar.cli.common import fail, out
from khabar.cli.store_common import DbOption, open_store
from khabar.errors import KhabarError


def register(app: typer.Typer) -> None:
    app.command("stats")(stats_command)


def stats_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts of documents, entities, events, rejections and the latest ingest runs."""
    from khabar.store.summary import stats

    store = open_store(db)
    try:
        data = stats(store)
    except KhabarError as exc:
        fail(exc)
    finally:
        store.close()
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    out.print(f"[bold]{data['database']}[/] ({data['backend']})")
    _pairs("Counts", data["counts"])
    for title, key in (("Languages", "languages"), ("Outlets", "outlets"),
                       ("Event types", "event_types"), ("Modalities", "modalities"),
                       ("Rejected inputs", "rejection_codes")):
        if data[key]:
            _pairs(title, data[key])
    _runs(data["runs"])


def _pairs(title: str, values: dict[str, Any]) -> None:
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column()
    table.add_column(justify="right")
    for key, value in values.items():
        table.add_row(key, str(value))
    out.print(table)


def _runs(runs: list[dict[str, Any]]) -> None:
    if not runs:
        return
    table = Table(title="Latest ingest runs", title_justify="left")
    for name in ("id", "started", "status", "seen", "inserted", "updated", "unchanged",
                 "rejected", "version"):
        table.add_column(name)
    for run in runs:
        table.add_row(str(run["id"]), run["started_at"], run["status"], str(run["seen"]),
                      str(run["inserted"]), str(run["updated"]), str(run["unchanged"]),
                      str(run["rejected"]), run["pipeline_version"])
    out.print(table)
