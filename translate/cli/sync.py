"""`translate sync`: translate new and changed posts into their siblings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from .app import SITE, app, to_option

if TYPE_CHECKING:
    from ..pipeline.sync import SyncReport
    from ..site.config import SiteConfig


@app.command()
def sync(
    paths: List[Path] = typer.Argument(None, help="Posts or folders to sync (default: the whole content dir)."),
    to: List[str] = to_option("Only these target languages (repeatable)."),
    engine: Optional[str] = typer.Option(None, "--engine", help="argos (default) or pseudo."),
    device: Optional[str] = typer.Option(None, "--device", help="cpu (default) or cuda, passed to CTranslate2."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be translated; write nothing."),
    site: Path = SITE,
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on a terminal."),
    shard: Optional[str] = typer.Option(
        None, "--shard", metavar="I/N",
        help="Only part I of N (1-based) of the posts, chosen by a hash of each post's path: N CI jobs never touch the same files.",
    ),
) -> None:
    """Translate new and changed source posts into sibling files; exit 0 ok, 1 a post failed, 2 usage/config."""
    from ..pipeline.setup import set_up  # heavy imports only when the command runs
    from ..pipeline.sync import sync as run_sync

    run = set_up(site, to or [], engine, device, shard)
    with ProgressBar(progress and sys.stderr.isatty() and not dry_run) as bar:
        report = run_sync(run, paths=paths or [], dry_run=dry_run, on_total=bar.start, on_progress=bar.update)
    print_report(report, run.config)
    raise typer.Exit(report.return_code)


class ProgressBar:
    """typer's progress bar on stderr, shown only when asked and once the total is known."""

    def __init__(self, wanted: bool) -> None:
        self.wanted = wanted
        self.bar = None

    def start(self, total: int) -> None:
        if self.wanted and total:
            self.bar = typer.progressbar(length=total, label="translating", file=sys.stderr)
            self.bar.__enter__()

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def print_report(report: "SyncReport", config: "SiteConfig") -> None:
    from ..pipeline.sync import COUNTERS

    for post in report.posts:
        if post.state == "failed":
            typer.echo(f"error: {post.message}", err=True)
        elif post.state == "skipped":
            typer.echo(f"skipped {post.path}: {post.message}")
        for finding in post.findings:
            typer.echo(str(finding))
        if post.written:
            verb = "would write" if report.dry_run else "wrote"
            for path in post.written:
                typer.echo(f"{verb} {path}")
        noted = [f"{getattr(post, k)} {COUNTERS[k]}" for k in ("human_edits", "stale", "retired") if getattr(post, k)]
        if noted:  # a person's text was touched: say where
            typer.echo(f"{post.path}: {', '.join(noted)}")
    verb = "would translate" if report.dry_run else "translated"
    typer.echo(
        f"{report.count('translated')} posts {verb}, {report.count('unchanged')} unchanged, "
        f"{report.count('failed')} failed, {report.count('skipped')} skipped; {report.segments} segments {verb}"
        f" ({config.source.label()} → {', '.join(t.label() for t in config.targets) or 'no targets'})"
    )
    if not report.dry_run and any(report.total(k) for k in COUNTERS):
        typer.echo("segments: " + ", ".join(f"{report.total(k)} {label}" for k, label in COUNTERS.items()))
