"""``khabar search QUERY``: full-text search over stored documents (Hindi, English, or Hindi
reached through Latin transliteration), with outlet, date and entity filters."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from khabar.cli.common import fail, out
from khabar.cli.store_common import DbOption, Entity, Limit, Outlet, Since, Until, open_store
from khabar.cli.store_common import make_filters as _filters
from khabar.errors import KhabarError


def register(app: typer.Typer) -> None:
    app.command("search")(search_command)


def search_command(
    query: Annotated[str, typer.Argument(help="Words that must all occur (any script).")],
    db: DbOption = None,
    entity: Entity = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """Find documents holding every word of QUERY ("putin" also finds पुतिन)."""
    from khabar.store.queries import search

    f = _filters(text=query, entity=entity, outlet=outlet, since=since, until=until,
                 limit=limit)
    store = open_store(db)
    try:
        hits = search(store, f)
    except KhabarError as exc:
        fail(exc)
    finally:
        store.close()
    if as_json:
        for hit in hits:
            print(json.dumps(hit, ensure_ascii=False))
        return
    table = Table(title=f"{len(hits)} documents", title_justify="left")
    for name in ("id", "day", "outlet", "title", "snippet"):
        table.add_column(name, overflow="fold")
    for hit in hits:
        table.add_row(str(hit["id"]), hit["published_day"] or "", hit["outlet"] or "",
                      hit["title"] or "", hit["snippet"])
    out.print(table)
