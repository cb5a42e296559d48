"""The typer app every command module registers on, its one error boundary, and the options
commands share.

Every command runs inside `error_boundary` (as pre-commit's `error_handler`): a
`TranslateError` prints its `path:line: what — what to do` line and exits with its code;
anything else is a bug, reported in one line that names a log file holding the traceback,
exit 3. Commands themselves never catch errors to print them.
"""

from __future__ import annotations

import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from .. import __version__
from ..errors import TranslateError, UsageError

BUG_EXIT = 3


@contextmanager
def error_boundary() -> Iterator[None]:
    """Map what a command raises to one `error:` line and an exit code."""
    try:
        yield
    except TranslateError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(error.exit_code) from None
    except (typer.Exit, typer.Abort, TyperException, EOFError):
        raise  # exits, Ctrl-C, end of input and typer's own usage errors: typer reports them
    except BrokenPipeError:
        raise  # the reader went away (`translate status | head`): typer exits quietly
    except Exception as error:  # noqa: BLE001 - the one place a bug becomes a message
        report = "".join([f"translate {__version__}: {' '.join(sys.argv)}\n", *traceback.format_exception(error)])
        try:
            where = f"the traceback in {crash_log(report)}"
        except OSError:
            typer.echo(report, err=True, nl=False)
            where = "the traceback above"
        typer.echo(f"error: unexpected {type(error).__name__}: {error} — this is a bug in translate;"
                   f" please report it with {where}", err=True)
        raise typer.Exit(BUG_EXIT) from None


def crash_log(report: str) -> Path:
    """Write an unexpected error's report where the user can find it (XDG's cache); its path."""
    from ..site.files import user_cache_dir

    path = user_cache_dir() / "translate.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report, encoding="utf-8")
    return path


class _Group(TyperGroup):
    """The root command: every subcommand (nested groups included) runs in `error_boundary`."""

    def invoke(self, ctx: Any) -> Any:
        with error_boundary():
            return super().invoke(ctx)


app = typer.Typer(
    name="translate",
    cls=_Group,
    help="Translate a Hugo site's Chinese posts into sibling language files, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def is_terminal() -> bool:
    return sys.stdout.isatty()


# Options shared by the commands, spelled and checked once.

SITE = typer.Option(Path("."), "--site", help="The Hugo site folder.")
PATHS = typer.Argument(None, help="Posts or folders (default: all).")


def format_option(*choices: str, help: str | None = None) -> Any:
    """`--format`, one of `choices` (the first is the default)."""

    def check(value: str) -> str:
        if value not in choices:
            raise UsageError(f"--format {value}: unknown", hint=f"use {', '.join(choices)}")
        return value

    return typer.Option(choices[0], "--format", help=help or f"{', '.join(choices[:-1])} or {choices[-1]}.",
                        callback=check)


def to_option(help: str) -> Any:
    """`--to LANG`: a target language."""
    return typer.Option(None, "--to", help=help)
