"""Glue between the CLI and the library: load config, glossary, engine; render reports."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Sequence

import typer

from .config import SiteConfig, load_config
from .discover import parse_shard
from .engines.base import get_engine
from .errors import UsageError
from .glossary import Glossary, load_glossary
from .sync import SyncReport, sync


def load_site_glossary(config: SiteConfig) -> Glossary | None:
    return load_glossary(config.glossary_paths) if config.glossary_paths else None


def run_sync(
    site: Path, paths: Sequence[Path], to: Sequence[str], engine_name: str | None, device: str | None,
    dry_run: bool, progress: bool, shard: str | None = None,
) -> SyncReport:
    part = parse_shard(shard) if shard is not None else None  # bad input fails before any loading
    config = load_config(site)
    languages = []
    for tag in to:
        language = config.language(tag)
        if language is None:
            raise UsageError(
                f"--to {tag}: not a language of the Hugo site",
                hint=f"use one of {', '.join(l.key for l in config.languages)}",
            )
        languages.append(language)
    settings = config.engine_settings
    if device:
        settings = dataclasses.replace(settings, device=device)
    engine = get_engine(engine_name or config.engine, settings)
    glossary = load_site_glossary(config)
    bar_holder: dict = {}
    show_bar = progress and sys.stderr.isatty() and not dry_run

    def on_total(total: int) -> None:
        if show_bar and total:
            bar_holder["bar"] = typer.progressbar(length=total, label="translating", file=sys.stderr)
            bar_holder["bar"].__enter__()

    def on_progress(n: int) -> None:
        if "bar" in bar_holder:
            bar_holder["bar"].update(n)

    try:
        report = sync(
            config, engine, paths=paths, languages=languages, glossary=glossary, dry_run=dry_run, shard=part,
            on_total=on_total, on_progress=on_progress,
        )
    finally:
        if "bar" in bar_holder:
            bar_holder["bar"].__exit__(None, None, None)
    print_sync_report(report, config)
    return report


def print_sync_report(report: SyncReport, config: SiteConfig) -> None:
    for post in report.posts:
        if post.state == "failed":
            typer.echo(f"error: {post.message}", err=True)
        elif post.state == "skipped":
            typer.echo(f"skipped {post.path}: {post.message}")
        for tag in post.diverged:
            typer.echo(
                f"diverged {post.path} [{tag}]: the sibling's blocks no longer line up with the source; left untouched"
                " — run `translate status` and realign it by hand"
            )
        for tag, finding in post.findings:
            typer.echo(f"{finding.severity}: {post.path} [{tag}] {finding.check}: {finding.message}")
        if post.written:
            verb = "would write" if report.dry_run else "wrote"
            for path in post.written:
                typer.echo(f"{verb} {path}")
    verb = "would translate" if report.dry_run else "translated"
    typer.echo(
        f"{report.count('translated')} posts {verb}, {report.count('unchanged')} unchanged, "
        f"{report.count('failed')} failed, {report.count('skipped')} skipped; {report.segments} segments {verb}"
        f" ({config.source.label()} → {', '.join(t.label() for t in config.targets) or 'no targets'})"
    )
