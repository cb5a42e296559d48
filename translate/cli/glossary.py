"""`translate glossary …`: manage the glossary files."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..errors import TranslateError, UsageError
from .app import app, fail

glossary_app = typer.Typer(help="Check and manage glossary files.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


def site_glossaries(site: Path) -> list[Path]:
    """The site's glossary files: from translate.toml when there is a Hugo config, else glossary/*.csv."""
    from ..config import find_hugo_config, load_config

    if find_hugo_config(site) is not None:
        paths = list(load_config(site).glossary_paths)
    else:
        paths = sorted((site / "glossary").glob("*.csv"))
    if not paths:
        raise UsageError(f"no glossary files in {site / 'glossary'}",
                         hint="create glossary/finance.csv or pass the files to lint")
    return paths


@glossary_app.command("lint")
def lint(
    paths: List[Path] = typer.Argument(None, help="Glossary CSV files (default: the site's)."),
    site: Path = typer.Option(Path("."), "--site", help="The Hugo site folder."),
    errors_only: bool = typer.Option(False, "--errors-only", help="Hide warnings."),
) -> None:
    """Report duplicate, conflicting, shadowed or unmatchable terms; exit 1 on errors."""
    from ..glossary_lint import has_errors, lint_glossary

    try:
        files = list(paths) if paths else site_glossaries(site)
        problems = lint_glossary(files)
    except TranslateError as error:
        fail(error)
    for problem in problems:
        if problem.severity == "error" or not errors_only:
            typer.echo(f"{problem.severity}: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    typer.echo(f"{len(files)} file(s): {errors} error(s), {len(problems) - errors} warning(s)")
    if has_errors(problems):
        raise typer.Exit(1)
