"""Entry point of the ``khabar`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from khabar import __version__
from khabar.cli import analyze, entities, events, export, ingest, kb, search, stats
from khabar.cli.common import setup_logging

app = typer.Typer(
    name="khabar",
    help="Read news (Hindi first) and turn it into events: who did what to whom, where, when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
analyze.register(app)
kb.register(app)
for _store_command in (ingest, search, events, entities, stats, export):
    _store_command.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"khabar {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show details and tracebacks.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    setup_logging(verbose)


def main() -> None:
    app()
