"""`translate sync`: translate new and changed posts into their siblings."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..errors import UsageError
from .app import PATHS, SITE, app, choice_option, format_option, sibling_error, to_option

if TYPE_CHECKING:
    from ..pipeline.sync import SyncReport
    from ..site.config import SiteConfig


@app.command()
def sync(
    paths: List[Path] = PATHS,
    to: List[str] = to_option("Only these target languages (repeatable)."),
    engine: Optional[str] = typer.Option(None, "--engine", help="argos (default) or pseudo."),
    device: Optional[str] = choice_option("--device", None, "cpu", "cuda", "auto",
                                          help="cpu (default), cuda or auto, passed to CTranslate2."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be translated; write nothing."),
    site: Path = SITE,
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on a terminal."),
    shard: Optional[str] = typer.Option(
        None, "--shard", metavar="I/N",
        help="Only part I of N (1-based) of the posts, chosen by a hash of each post's path: N CI jobs never touch the same files.",
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Every file written and every finding, one a line."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors (posts that failed)."),
    fmt: str = format_option("text", "json", help="text or json (the whole report)."),
) -> None:
    """Translate new and changed source posts into sibling files; exit 0 ok, 1 a post failed, 2 usage/config."""
    from ..pipeline.setup import set_up  # heavy imports only when the command runs
    from ..pipeline.sync import sync as run_sync

    if verbose and quiet:
        raise UsageError("--verbose and --quiet contradict each other", hint="pass one of them")
    run = set_up(site, to or [], engine, device, shard)
    shown = progress and fmt == "text" and not quiet and sys.stderr.isatty() and not dry_run
    with ProgressBar(shown) as bar:
        report = run_sync(run, paths=paths or [], dry_run=dry_run, on_total=bar.start, on_progress=bar.update)
    if paths and not report.posts:
        raise nothing_to_sync(run.config, paths)
    if fmt == "json":
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(report, run.config, verbose=verbose, quiet=quiet)
    raise typer.Exit(report.return_code)


def nothing_to_sync(config: "SiteConfig", paths: List[Path]) -> UsageError:
    """`sync foo.en.md`: say why nothing was chosen (a sibling, or no source posts there)."""
    return sibling_error(config, paths[0]) or UsageError(
        f"no {config.source.lang.tag} source posts in {', '.join(map(str, paths))}",
        hint=f"pass posts written in {config.source.label()} or folders holding them")


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


def print_report(report: "SyncReport", config: "SiteConfig", *, verbose: bool = False, quiet: bool = False) -> None:
    """Failed posts as `error:` lines (always); with -v every file and finding; else a summary."""
    from ..pipeline.sync import COUNTERS
    from ..problems import printable  # a file name never starts a line of its own
    from ..status.summary import count_rows, finding_line, findings_summary

    for post in report.posts:
        if post.state == "failed":
            typer.echo(f"error: {post.message}", err=True)
    if quiet:
        return
    findings = [f for post in report.posts if post.state != "failed" for f in post.findings]
    if verbose:
        verb = "would write" if report.dry_run else "wrote"
        for post in report.posts:
            if post.state == "skipped":
                typer.echo(printable(f"skipped {post.path}: {post.message}"))
            for finding in post.findings if post.state != "failed" else ():
                typer.echo(finding_line(finding))
            for path in post.written:
                typer.echo(printable(f"{verb} {path}"))
            noted = [f"{getattr(post, k)} {COUNTERS[k]}" for k in ("human_edits", "stale", "retired") if getattr(post, k)]
            if noted:  # a person's text was touched: say where
                typer.echo(printable(f"{post.path}: {', '.join(noted)}"))
    targets = ", ".join(t.lang.tag for t in config.targets) or "no targets"
    for line in count_rows(report, f"{config.source.lang.tag} → {targets}"):
        typer.echo(line)
    if not verbose:
        for line in findings_summary(findings):
            typer.echo(line)
