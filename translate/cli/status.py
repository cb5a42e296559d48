"""`translate status`: one table of every post × language."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from .app import PATHS, SITE, app, format_option


@app.command()
def status(
    paths: List[Path] = PATHS,
    fmt: str = format_option("text", "json"),
    site: Path = SITE,
    glossary: bool = typer.Option(True, "--glossary/--no-glossary", help="Show posts a glossary edit will re-translate."),
) -> None:
    """Show every post × language: up to date, stale, missing, orphaned, diverged, review counts."""
    from ..site.config import load_config
    from ..status.render import status_json, status_table
    from ..status.state import collect_state, site_made_with

    config = load_config(site)
    terms = None
    if glossary and config.glossary_paths:
        from ..glossary.matcher import load_glossary

        terms = load_glossary(config.glossary_paths)
    state = collect_state(config, paths or [], terms, site_made_with(config))
    typer.echo(status_json(state) if fmt == "json" else status_table(state, config))
