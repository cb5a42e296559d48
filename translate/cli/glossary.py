"""`translate glossary …`: manage the glossary files."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..errors import UsageError
from .app import PATHS, SITE, app, format_option

glossary_app = typer.Typer(help="Check and manage glossary files.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


def site_glossaries(site: Path) -> list[Path]:
    """The site's glossary files: from translate.toml when there is a Hugo config, else glossary/*.csv."""
    from ..site.config import find_hugo_config, load_config

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
    site: Path = SITE,
    errors_only: bool = typer.Option(False, "--errors-only", help="Hide warnings."),
) -> None:
    """Report duplicate, conflicting, shadowed or unmatchable terms; exit 1 on errors."""
    from ..glossary.lint import has_errors, lint_glossary
    files = list(paths) if paths else site_glossaries(site)
    problems = lint_glossary(files)
    for problem in problems:
        if problem.severity == "error" or not errors_only:
            typer.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    typer.echo(f"{len(files)} file(s): {errors} error(s), {len(problems) - errors} warning(s)")
    if has_errors(problems):
        raise typer.Exit(1)


@glossary_app.command("check")
def check(
    paths: List[Path] = PATHS,
    fmt: str = format_option("text", "json"),
    site: Path = SITE,
) -> None:
    """Glossary compliance of existing siblings, human edits included; exit 1 when a term is missing."""
    import json

    from ..glossary.compliance import glossary_compliance
    from ..glossary.matcher import load_glossary
    from ..site.config import load_config

    config = load_config(site)
    if not config.glossary_paths:
        raise UsageError("the site has no glossary files", hint="add glossary/*.csv or list them in translate.toml")
    results = glossary_compliance(config, load_glossary(config.glossary_paths), paths or [])
    if fmt == "json":
        typer.echo(json.dumps([
            {"source": r.source, "sibling": r.sibling, "language": r.language, "expected": r.expected,
             "found": r.found, "missing": [m.__dict__ for m in r.missing], "forbidden": r.forbidden}
            for r in results
        ], ensure_ascii=False, indent=2))
    else:
        for r in results:
            typer.echo(f"{r.sibling}: {r.found}/{r.expected} terms found" + ("" if r.ok else f", {len(r.missing)} missing"))
            for m in r.missing:
                typer.echo(f"  {r.source}:{m.line}: {m.source} should be translated as {m.expected!r}")
            for variant in r.forbidden:
                typer.echo(f"  {r.sibling}: forbidden variant {variant!r} used")
    raise typer.Exit(0 if all(r.ok for r in results) else 1)
