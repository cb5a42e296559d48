"""`translate diff POST`: what changed in the source since the sibling was made."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import SITE, app, to_option, use_colour


@app.command()
def diff(
    post: Path = typer.Argument(..., help="The source post."),
    to: Optional[str] = to_option("Target language (default: every target)."),
    site: Path = SITE,
) -> None:
    """Show, block by block, how the source changed since its translation was made."""
    from ..site.config import load_config
    from ..status.diff import source_diff
    from ..status.render import diff_terminal

    colour = use_colour()
    config = load_config(site)
    languages = config.targets if to is None else [config.named_language(to)]
    found = False
    for language in languages:
        for block in source_diff(config, post, language):
            found = True
            where = f"{post}:{block.line}" if block.line else f"{post}: (removed)"
            typer.echo(f"{where} [{language.lang.tag}] {block.key}")
            typer.echo("  " + diff_terminal(block.ops, colour).replace("\n", "\n  "))
    if not found:
        typer.echo("no source changes since the translation was made")
