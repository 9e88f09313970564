"""``khabar kb``: look names up in the knowledge base, check a file of your own entities.

Your own entities join the knowledge base through settings: list the files under
``[kb] user_files`` in a settings file given with ``--config`` (CSV, TSV or JSONL; see
``khabar kb check --help`` for the columns).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from khabar.cli.common import fail, out
from khabar.errors import KhabarError

kb_app = typer.Typer(help="The knowledge base: look names up, check your own entity files.",
                     no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")


@kb_app.command("lookup")
def lookup_command(
    name: Annotated[str, typer.Argument(help="A name in any script: पुतिन, Kirby, शरजेई शोइजू.")],
    label: Annotated[str, typer.Option(help="person, location or organisation.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Which knowledge-base entity a name links to, and the candidates it was chosen from."""
    from khabar.entities.index import get_index
    from khabar.entities.linker import Linker

    linker = Linker(get_index())
    link = linker.link(name, label)
    rows = []
    for entity_id, how, sim in linker.candidates(name)[:10]:
        entity = linker.index.kb.get(entity_id)
        if entity is not None:
            rows.append({"id": entity.id, "type": entity.type, "name": entity.name,
                         "hi": entity.name_hi, "country": entity.country, "how": how,
                         "similarity": round(sim, 3)})
    if as_json:
        best = link.entity.id if link else None
        print(json.dumps({"name": name, "link": best, "candidates": rows}, ensure_ascii=False))
        return
    out.print(f"{name} → " + (f"{link.entity.name} ({link.entity.id}, score {link.score:.2f})"
                              if link else "no link"))
    table = Table(title="Candidates", title_justify="left")
    for column in ("id", "type", "name", "hi", "country", "how", "similarity"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row[c] or "") for c in row))
    if rows:
        out.print(table)


@kb_app.command("check")
def check_command(
    path: Annotated[Path, typer.Argument(help="A CSV, TSV or JSONL file of entities.")],
) -> None:
    """Read a file of your own entities and show what it adds.

    Columns: id (optional), type, en, hi, aliases (| between names, any script), country
    (ISO alpha-3), roles (role[:portfolio]@ISO3-or-id, ; between roles), name_<lang>, lat, lon.
    """
    from khabar.kb.loader import load_kb
    from khabar.kb.userfile import read_user_file

    try:
        entities = list(read_user_file(path))
    except KhabarError as exc:
        fail(exc)
    shipped = load_kb()
    table = Table(title=f"{len(entities)} entities in {path.name}", title_justify="left")
    for column in ("id", "type", "name", "names", "country", "status"):
        table.add_column(column, overflow="fold")
    for entity in entities:
        names = sum(len(v) for v in entity.names.values())
        status = "adds names to a known entity" if entity.id in shipped else "new"
        table.add_row(entity.id, entity.type, entity.name, str(names), entity.country or "",
                      status)
    out.print(table)


@kb_app.command("stats")
def stats_command() -> None:
    """Entities in the shipped knowledge base by type and by source."""
    from khabar.kb.loader import load_kb

    kb = load_kb()
    types: dict[str, int] = {}
    sources: dict[str, int] = {}
    for entity in kb:
        types[entity.type] = types.get(entity.type, 0) + 1
        for source in entity.sources:
            sources[source] = sources.get(source, 0) + 1
    out.print(f"{len(kb)} entities")
    for title, counts in (("type", types), ("source", sources)):
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("entities", justify="right")
        for key, value in sorted(counts.items(), key=lambda kv: -kv[1]):
            table.add_row(key, str(value))
        out.print(table)
