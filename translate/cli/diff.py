"""`translate diff POST…`: what changed in the source since the sibling was made."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import UsageError
from .app import SITE, app, format_option, sibling_error, to_option, use_colour


@app.command()
def diff(
    paths: List[Path] = typer.Argument(..., metavar="PATHS…", help="Source posts."),
    to: Optional[str] = to_option("Target language (default: every target)."),
    fmt: str = format_option("text", "json"),
    site: Path = SITE,
) -> None:
    """Show, block by block, how the source changed since its translation was made."""
    from ..site.config import load_config
    from ..status.diff import source_diff
    from ..status.render import diff_terminal

    config = load_config(site)
    languages = config.targets if to is None else [config.named_target(to)]
    colour = use_colour()
    found = []
    for post in paths:
        if not post.is_file():
            raise UsageError(f"{post}: no such file", hint="pass a source post, e.g. content/posts/foo.md")
        wrong = sibling_error(config, post)
        if wrong is not None:
            raise wrong
        for language in languages:
            for block in source_diff(config, post, language):
                found.append({"post": str(post), "line": block.line, "language": language.lang.tag, "key": block.key,
                              "old": block.old, "new": block.new})
                if fmt == "text":
                    where = f"{post}:{block.line}" if block.line else f"{post}: (removed)"
                    typer.echo(f"{where} [{language.lang.tag}] {block.key}")
                    typer.echo("  " + diff_terminal(block.ops, colour).replace("\n", "\n  "))
    if fmt == "json":
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif not found:
        typer.echo("no source changes since the translation was made")
