"""`translate status`: one table of every post × language."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..errors import TranslateError, UsageError
from .app import app, fail


@app.command()
def status(
    paths: List[Path] = typer.Argument(None, help="Posts or folders (default: all)."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    site: Path = typer.Option(Path("."), "--site", help="The Hugo site folder."),
    glossary: bool = typer.Option(True, "--glossary/--no-glossary", help="Show posts a glossary edit will re-translate."),
) -> None:
    """Show every post × language: up to date, outdated, stale, missing, orphaned, diverged, review counts."""
    from ..config import load_config
    from ..reports import status_json, status_table
    from ..state import collect_state

    try:
        if fmt not in ("text", "json"):
            raise UsageError(f"--format {fmt}: unknown", hint="use text or json")
        config = load_config(site)
        terms = None
        if glossary and config.glossary_paths:
            from ..glossary import load_glossary

            terms = load_glossary(config.glossary_paths)
        state = collect_state(config, paths or [], terms)
    except TranslateError as error:
        fail(error)
    typer.echo(status_json(state) if fmt == "json" else status_table(state, config))
