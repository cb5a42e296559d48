"""`translate glossary …`: the glossary in effect, its files checked, a built-in copied out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

from ..errors import UsageError
from .app import PATHS, SITE, app, echo_problems, format_option

glossary_app = typer.Typer(help="Check and manage glossary files.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


def site_glossaries(site: Path) -> list[Path]:
    """The glossary files in effect: translate.toml's when there is a Hugo config, else
    glossary/*.csv, else the built-in finance glossary."""
    from ..glossary.builtins import DEFAULT, builtin_path
    from ..site.config import find_hugo_config, load_config

    if find_hugo_config(site) is not None:
        paths = list(load_config(site).glossary_paths)
    else:
        paths = sorted((site / "glossary").glob("*.csv")) or [builtin_path(name) for name in DEFAULT]
    if not paths:
        raise no_glossary()
    return paths


def no_glossary() -> UsageError:
    return UsageError("the site uses no glossary (glossary = [] in translate.toml)",
                      hint='list files or a built-in there, e.g. glossary = ["finance", "glossary/*.csv"]')


@glossary_app.command("lint")
def lint(
    paths: List[Path] = typer.Argument(None, help="Glossary CSV files (default: the site's)."),
    site: Path = SITE,
    errors_only: bool = typer.Option(False, "--errors-only", help="Hide warnings."),
    fmt: str = format_option("text", "json", "github", help="text, json or github (workflow annotations)."),
) -> None:
    """Report duplicate, conflicting, shadowed or unmatchable terms; exit 1 on errors."""
    from ..glossary.builtins import is_builtin
    from ..glossary.lint import has_errors, lint_glossary
    from ..problems import count_of

    files = list(paths) if paths else site_glossaries(site)
    problems = lint_glossary(files)
    if not paths:  # a built-in is the product's to fix, not the site's: only its clashes with site rows
        problems = [p for p in problems if not is_builtin(p.path or "")]
    errors = sum(p.severity == "error" for p in problems)
    summary = f"{count_of(len(files), 'file')}: {count_of(errors, 'error')}, {count_of(len(problems) - errors, 'warning')}"
    echo_problems([p for p in problems if p.severity == "error" or not errors_only], fmt, summary)
    if has_errors(problems):
        raise typer.Exit(1)


@glossary_app.command("list")
def list_command(site: Path = SITE, fmt: str = format_option("text", "json")) -> None:
    """Show the glossary files in effect, in the order they win: site files, then built-ins."""
    from ..glossary.builtins import is_builtin, label
    from ..glossary.sheet import read_sheet

    root = site.resolve()
    entries = []
    for path in site_glossaries(site):
        sheet = read_sheet(path)
        entries.append({"name": label(path, root), "builtin": is_builtin(path), "path": str(path),
                        "rows": len(sheet.rows), "languages": list(sheet.langs)})
    if fmt == "json":
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    for entry in entries:
        typer.echo(f"{entry['name']}  {entry['rows']} rows  {','.join(entry['languages'])}")
    if any(e["builtin"] for e in entries):
        typer.echo("copy a built-in to edit it: translate glossary export NAME > glossary/NAME.csv")


@glossary_app.command("export")
def export(name: str = typer.Argument(..., help="A built-in glossary, e.g. finance.")) -> None:
    """Print a built-in glossary as CSV, to copy into the site and edit."""
    from ..glossary.builtins import builtin_names, builtin_path

    path = builtin_path(name)
    if path is None:
        raise UsageError(f"no built-in glossary {name!r}", hint=f"built-ins: {', '.join(builtin_names())}")
    out = typer.get_binary_stream("stdout")  # the file's bytes exactly, whatever the locale
    out.write(path.read_bytes())
    out.flush()


@glossary_app.command("check")
def check(
    paths: List[Path] = PATHS,
    fmt: str = format_option("text", "json"),
    site: Path = SITE,
) -> None:
    """Glossary compliance of existing siblings, human edits included; exit 1 when a term is missing."""
    from ..glossary.compliance import glossary_compliance
    from ..glossary.matcher import load_glossary
    from ..site.config import load_config

    config = load_config(site)
    if not config.glossary_paths:
        raise no_glossary()
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
