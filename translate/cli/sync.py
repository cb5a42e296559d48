"""`translate sync`: translate new and changed posts into their siblings."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import app, fail
from ..errors import TranslateError


@app.command()
def sync(
    paths: List[Path] = typer.Argument(None, help="Posts or folders to sync (default: the whole content dir)."),
    to: List[str] = typer.Option([], "--to", help="Only these target languages (repeatable)."),
    engine: Optional[str] = typer.Option(None, "--engine", help="argos (default) or pseudo."),
    device: Optional[str] = typer.Option(None, "--device", help="cpu (default) or cuda, passed to CTranslate2."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be translated; write nothing."),
    site: Path = typer.Option(Path("."), "--site", help="The Hugo site folder."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on a terminal."),
    shard: Optional[str] = typer.Option(
        None, "--shard", metavar="I/N",
        help="Only part I of N (1-based) of the posts, chosen by a hash of each post's path: N CI jobs never touch the same files.",
    ),
) -> None:
    """Translate new and changed source posts into sibling files; exit 0 ok, 1 a post failed, 2 usage/config."""
    from ..runner import run_sync  # heavy imports only when the command runs

    try:
        report = run_sync(site, paths or [], to, engine, device, dry_run, progress, shard=shard)
    except TranslateError as error:
        fail(error)
    raise typer.Exit(report.return_code)
