"""Shared CLI pieces: consoles, the one-line error, the --verbose switch."""

from __future__ import annotations

import logging
import sys
from typing import NoReturn

from rich.console import Console
from rich.markup import escape

from khabar.errors import KhabarError

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class State:
    verbose: bool = False


def setup_logging(verbose: bool) -> None:
    State.verbose = verbose
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def fail(exc: BaseException, exit_code: int = 1) -> NoReturn:
    """Print one clear line (the traceback only with --verbose) and exit."""
    if State.verbose:
        err.print_exception()
    if isinstance(exc, KhabarError):
        line = f"{exc.code}: {exc.message}"
    else:
        line = f"{type(exc).__name__}: {exc}"
    err.print(f"[bold red]error[/] {escape(line)}", markup=True, highlight=False)
    raise SystemExit(exit_code)
