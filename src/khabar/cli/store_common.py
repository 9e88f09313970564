"""Options and helpers shared by the store commands (ingest, search, events, entities, stats,
export): ``--db``, the filter options, opening the store with a one-line error."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

from khabar.cli.common import fail
from khabar.errors import ConfigError, KhabarError

if TYPE_CHECKING:
    from khabar.store import Store
    from khabar.store.queries import Filters

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file (default ./khabar.db) or postgresql:// URL.",
                 envvar="KHABAR_DB"),
]
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def open_store(db: str | None) -> Store:
    from khabar.store import Store

    try:
        return Store.open(db)
    except KhabarError as exc:
        fail(exc)


def check_day(value: str | None, name: str) -> str | None:
    if value is not None and not _DAY.match(value):
        fail(ConfigError(f"{name} takes a date as YYYY-MM-DD, not {value!r}"))
    return value


Entity = Annotated[str | None, typer.Option("--entity", help="Entity: KB id or name (any script).")]
EventType = Annotated[str | None, typer.Option("--type", help="Event type, e.g. CONSULT.")]
Mode = Annotated[str | None, typer.Option("--mode", help="Event mode or incident subtype.")]
ActorCountry = Annotated[str | None, typer.Option("--actor-country", help="Actor's country code.")]
RecipientCountry = Annotated[
    str | None, typer.Option("--recipient-country", help="Recipient's country code.")]
Modality = Annotated[
    str | None,
    typer.Option("--modality", help="asserted, future, hypothetical, negated or historical."),
]
Source = Annotated[
    str | None, typer.Option("--source", help="Attribution source: a name, a cue, or 'unnamed'.")]
Place = Annotated[str | None, typer.Option("--place", help="Place: name or KB id.")]
Since = Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD).")]
Outlet = Annotated[str | None, typer.Option("--outlet", help="Outlet (site) name.")]
Text = Annotated[str | None, typer.Option("--text", help="Full-text query on the document.")]
Limit = Annotated[int, typer.Option("--limit", help="At most this many rows.", min=1)]


def make_filters(
    *, text: str | None = None, entity: str | None = None, event_type: str | None = None,
    mode: str | None = None, actor_country: str | None = None,
    recipient_country: str | None = None, modality: str | None = None,
    source: str | None = None, place: str | None = None, since: str | None = None,
    until: str | None = None, outlet: str | None = None, limit: int = 50,
) -> Filters:
    from khabar.store.queries import Filters

    return Filters(
        text=text, entity=entity, event_type=event_type, mode=mode,
        actor_country=actor_country, recipient_country=recipient_country, modality=modality,
        source=source, place=place, since=check_day(since, "--since"),
        until=check_day(until, "--until"), outlet=outlet, limit=limit,
    )
