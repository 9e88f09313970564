"""``khabar events``: stored events by entity, type, mode, country, modality, source, place,
date and outlet — as a table, JSON lines or CSV."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from khabar.cli.common import fail, out
from khabar.cli.store_common import (
    ActorCountry,
    DbOption,
    Entity,
    EventType,
    Limit,
    Modality,
    Mode,
    Outlet,
    Place,
    RecipientCountry,
    Since,
    Source,
    Text,
    Until,
    make_filters,
    open_store,
)
from khabar.errors import KhabarError


def register(app: typer.Typer) -> None:
    app.command("events")(events_command)


def events_command(
    db: DbOption = None,
    entity: Entity = None,
    event_type: EventType = None,
    mode: Mode = None,
    actor_country: ActorCountry = None,
    recipient_country: RecipientCountry = None,
    modality: Modality = None,
    source: Source = None,
    place: Place = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    text: Text = None,
    limit: Limit = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """List events matching every filter given, newest first."""
    from khabar.export.tables import flat, nested, write_csv
    from khabar.store.queries import query_events

    f = make_filters(text=text, entity=entity, event_type=event_type, mode=mode,
                     actor_country=actor_country, recipient_country=recipient_country,
                     modality=modality, source=source, place=place, since=since, until=until,
                     outlet=outlet, limit=limit)
    store = open_store(db)
    try:
        found = query_events(store, f)
    except KhabarError as exc:
        fail(exc)
    finally:
        store.close()
    if as_json:
        for rec in found:
            print(json.dumps(nested(rec), ensure_ascii=False, default=str))
    elif as_csv:
        write_csv(map(flat, found), sys.stdout)
    else:
        print_events(found)


def _names(people: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] or "?" for p in people)


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def print_events(found: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(found)} events", title_justify="left")
    for name in ("id", "day", "type", "actors", "recipients", "place", "modality", "source"):
        table.add_column(name, overflow="fold")
    table.add_column("evidence", overflow="fold", max_width=48)
    for rec in found:
        kind = rec["type"] + (f"/{rec['mode'] or rec['subtype']}"
                              if rec["mode"] or rec["subtype"] else "")
        modality = rec["modality"] + (" (unconfirmed)" if rec["unconfirmed"] else "")
        sources = ", ".join(s["name"] or s["cue"] for s in rec["sources"])
        table.add_row(str(rec["id"]), rec["day"] or "", kind, _names(rec["actors"]),
                      _names(rec["recipients"]), rec["place_name"] or rec["place_text"] or "",
                      modality, sources,
                      _clip(" ".join((rec["evidence"] or "").split()), 90))
    out.print(table)
