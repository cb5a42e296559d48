"""The typer app every command module registers on, and the one error handler."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

from ..errors import TranslateError

app = typer.Typer(
    name="translate",
    help="Translate a Hugo site's Chinese posts into sibling language files, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(error: TranslateError) -> NoReturn:
    """Print a user error as `path:line: what — what to do` and exit with its code."""
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


def is_terminal() -> bool:
    return sys.stdout.isatty()
