"""`translate init`: set a Hugo site up for translate, writing only what is missing."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import SITE, app

PRE_COMMIT = """repos:
  - repo: https://github.com/your-org/translate
    rev: v{version}
    hooks:
      - id: translate-check"""


@app.command()
def init(site: Path = SITE) -> None:
    """Write translate.toml, the banner partial, a GitHub workflow and a .gitattributes line; never overwrite."""
    from .. import __version__
    from ..init.scaffold import init_site

    report = init_site(site)
    for path, what in report.written:
        typer.echo(f"wrote {path} — {what}")
    if report.kept and not report.written:
        typer.echo(f"already set up: {', '.join(report.kept)} left as they are")
    elif report.kept:
        typer.echo(f"left as they are: {', '.join(report.kept)}")
    for note in report.notes:
        typer.echo(note)
    if report.written:
        typer.echo("for pre-commit, paste into .pre-commit-config.yaml:")
        typer.echo("  " + PRE_COMMIT.format(version=__version__).replace("\n", "\n  "))
    typer.echo(f"next: {report.next_command}")
