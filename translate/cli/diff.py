"""`translate diff POST`: what changed in the source since the sibling was made."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .app import SITE, app, to_option


@app.command()
def diff(
    post: Path = typer.Argument(..., help="The source post."),
    to: Optional[str] = to_option("Target language (default: every target)."),
    colour: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour (default: on a terminal)."),
    site: Path = SITE,
) -> None:
    """Show, block by block, how the source changed since its translation was made."""
    from ..site.config import load_config
    from ..status.diff import source_diff
    from ..status.render import diff_terminal

    use_colour = sys.stdout.isatty() if colour is None else colour
    config = load_config(site)
    languages = config.targets if to is None else [config.named_language(to)]
    found = False
    for language in languages:
        for block in source_diff(config, post, language):
            found = True
            where = f"{post}:{block.line}" if block.line else f"{post}: (removed)"
            typer.echo(f"{where} [{language.lang.tag}] {block.key}")
            typer.echo("  " + diff_terminal(block.ops, use_colour).replace("\n", "\n  "))
    if not found:
        typer.echo("no source changes since the translation was made")
