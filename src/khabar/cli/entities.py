"""``khabar entities``: the entities most often mentioned, or those co-occurring with one."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from khabar.cli.common import fail, out
from khabar.cli.store_common import DbOption, Limit, open_store
from khabar.errors import KhabarError


def register(app: typer.Typer) -> None:
    app.command("entities")(entities_command)


def entities_command(
    db: DbOption = None,
    with_: Annotated[
        str | None,
        typer.Option("--with", help="Entities found in the same documents as this one."),
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="person, country, city …")] = None,
    limit: Limit = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """Top entities by number of documents (or co-occurrence with --with)."""
    from khabar.store.summary import cooccurring, top_entities

    store = open_store(db)
    try:
        rows = (cooccurring(store, with_, limit=limit) if with_
                else top_entities(store, limit=limit, type_=type_))
    except KhabarError as exc:
        fail(exc)
    finally:
        store.close()
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    title = f"Entities with {with_}" if with_ else "Top entities"
    table = Table(title=title, title_justify="left")
    for name in ("name", "kb id", "type", "country", "documents"):
        table.add_column(name, justify="right" if name == "documents" else "left")
    for row in rows:
        table.add_row(row["name"], row["kb_id"] or "", row["type"], row["country"] or "",
                      str(row["documents"]))
    out.print(table)
