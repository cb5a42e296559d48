"""The typer app every command module registers on, its one error boundary, and the options
commands share.

Every command runs inside `error_boundary` (as pre-commit's `error_handler`): a
`TranslateError` prints its `path:line: what — what to do` line and exits with its code;
anything else is a bug, reported in one line that names a log file holding the traceback,
exit 3. Commands themselves never catch errors to print them.
"""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup
from typer.exceptions import TyperException

from .. import __version__
from ..errors import TranslateError, UsageError

if TYPE_CHECKING:
    from ..problems import Problem
    from ..site.config import SiteConfig

BUG_EXIT = 3


@contextmanager
def error_boundary() -> Iterator[None]:
    """Map what a command raises to one `error:` line and an exit code."""
    try:
        yield
    except TranslateError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(error.exit_code) from None
    except ClickUsageError as error:  # a bad option or argument: the tool's own one line, exit 2
        typer.echo(f"error: {usage_message(error)}", err=True)
        raise typer.Exit(2) from None
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


def usage_message(error: ClickUsageError) -> str:
    """click's message for a command-line mistake, as `what — see translate X --help`."""
    message = error.format_message().rstrip(".")
    message = message[:1].lower() + message[1:]
    where = error.ctx.command_path if error.ctx is not None else "translate"
    return f"{message} — see `{where} --help`"


class _Group(TyperGroup):
    """The root command: parsing and every subcommand (nested groups included) run in
    `error_boundary`, so a usage mistake anywhere is one `error:` line and exit 2."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with error_boundary():
            return super().make_context(*args, **kwargs)

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


COLOR_CHOICES = ("auto", "always", "never")
_colour = {"mode": "auto"}  # set once per run by the root callback


def is_terminal() -> bool:
    return sys.stdout.isatty()


def use_colour() -> bool:
    """Whether to colour stdout: `--color always|never`, else on a terminal unless NO_COLOR is set."""
    mode = _colour["mode"]
    if mode != "auto":
        return mode == "always"
    return is_terminal() and not os.environ.get("NO_COLOR")


# Options shared by the commands, spelled and checked once.

SITE = typer.Option(Path("."), "--site", help="The Hugo site folder.")
PATHS = typer.Argument(None, help="Posts or folders (default: all).")


def choice_option(name: str, default: str | None, *choices: str, help: str, metavar: str | None = None) -> Any:
    """An option whose value must be one of `choices`; a wrong one is the usual `error:` line, exit 2."""
    return typer.Option(default, name, help=help, callback=lambda value: choice_check(name, value, choices),
                        metavar=metavar or "|".join(choices))


def choice_check(name: str, value: str | None, choices: Sequence[str]) -> str | None:
    if value is not None and value not in choices:
        raise UsageError(f"{name} {value}: unknown", hint=f"use {', '.join(choices)}")
    return value


def format_option(*choices: str, help: str | None = None) -> Any:
    """`--format`, one of `choices` (the first is the default)."""
    return choice_option("--format", choices[0], *choices, help=help or f"{', '.join(choices[:-1])} or {choices[-1]}.")


def to_option(help: str) -> Any:
    """`--to LANG`: a target language."""
    return typer.Option(None, "--to", metavar="LANG", help=help)


def sibling_error(config: "SiteConfig", path: Path) -> UsageError | None:
    """A usage error when `path` names a translation (`foo.en.md`) where a source post is wanted."""
    stem = path.name.rpartition(".")[0]
    _, dot, key = stem.rpartition(".")
    language = config.language(key) if dot else None
    if language is None or language == config.source:
        return None
    source = path.with_name(stem[: -len(key) - 1] + path.suffix)
    return UsageError(f"{path} is the {language.lang.tag} translation, not a source post",
                      hint=f"pass its source, {source}")


def echo_problems(problems: Sequence["Problem"], fmt: str, summary: str) -> None:
    """Problems one way for every command: text lines and a summary, JSON, or GitHub annotations."""
    import json

    from ..status.render import github_annotation, problems_json

    if fmt == "json":
        typer.echo(json.dumps({"ok": not any(p.severity == "error" for p in problems), "summary": summary,
                               "problems": problems_json(problems)}, ensure_ascii=False, indent=2))
    elif fmt == "github":
        for problem in problems:
            typer.echo(github_annotation(problem))
    else:
        for problem in problems:
            typer.echo(str(problem))
        typer.echo(summary)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"translate {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    color: str = choice_option("--color", "auto", *COLOR_CHOICES,
                               help="Colour the output: auto (on a terminal, unless NO_COLOR), always, never."),
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Translate a Hugo site's Chinese posts into sibling language files, offline."""
    _colour["mode"] = color
