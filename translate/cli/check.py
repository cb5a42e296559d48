"""`translate check`: the CI gate. Reads files and memory only; exit 0 clean, 1 policy failures, 2 usage."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..errors import UsageError
from .app import PATHS, SITE, app, format_option

HELP = """Fail CI when translations need work. Exit codes: 0 clean, 1 policy failures, 2 usage or config error
or a post whose files or memory cannot be read (reported as `unreadable`, whatever --fail-on says).

--fail-on takes a comma-separated list of: missing, stale, orphaned, diverged, unreviewed, glossary, numbers
(default: missing,stale,orphaned,diverged)."""


@app.command(help=HELP)
def check(
    paths: List[Path] = PATHS,
    fail_on: str = typer.Option("missing,stale,orphaned,diverged", "--fail-on", help="Problem kinds that fail."),
    fmt: str = format_option("text", "json", "github", help="text, json or github (workflow annotations)."),
    site: Path = SITE,
) -> None:
    from ..site.config import load_config
    from ..status.render import check_output
    from ..status.state import KINDS, UNREADABLE, collect_state

    kinds = [k.strip() for k in fail_on.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise UsageError(f"--fail-on {','.join(unknown)}: unknown", hint=f"choose from {', '.join(KINDS)}")
    config = load_config(site)
    problems = [p for p in collect_state(config, paths or []).problems() if p.kind in kinds or p.kind == UNREADABLE]
    output = check_output(problems, fmt)
    if output:
        typer.echo(output)
    raise typer.Exit(2 if any(p.kind == UNREADABLE for p in problems) else 1 if problems else 0)
