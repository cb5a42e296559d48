"""`translate models list|install`: the Argos packages the argos engine can use."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Optional

import typer

from ..errors import UsageError
from .app import app, format_option

models_app = typer.Typer(help="List and install Argos translation models (packages).", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
def list_command(fmt: str = format_option("text", "json")) -> None:
    """Show installed packages: languages, name, version, size on disk."""
    from ..engines.packages import installed_packages, packages_dir

    from ..engines.calibration import read_record

    packages = installed_packages()
    records = {p.path: read_record(p) for p in packages}
    if fmt == "json":
        rows = [{**p.to_json(), "calibration": asdict(r) if (r := records[p.path]) else None} for p in packages]
        typer.echo(json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False))
        return
    if not packages:
        typer.echo(f"no Argos packages in {packages_dir()} — install one: translate models install zh en")
        return
    for p in packages:
        size = p.size_bytes() / 1e6
        note = f"  (not usable: {p.unsupported})" if p.unsupported else ""
        typer.echo(f"{p.from_code} → {p.to_code}  {p.name}  {p.version}  {size:.1f} MB  {p.path}{note}")
        record = records[p.path]
        typer.echo(f"    {record.summary() if record else 'protection: not calibrated yet (sync calibrates it on first use)'}")


@models_app.command("install")
def install_command(
    source: Optional[str] = typer.Argument(None, help="source language, e.g. zh"),
    target: Optional[str] = typer.Argument(None, help="target language, e.g. en"),
    file: Optional[Path] = typer.Option(None, "--file", help="install this .argosmodel file (offline)"),
) -> None:
    """Install a package from the Argos index (`install zh en`) or a file (`--file X.argosmodel`)."""
    from ..engines.packages import install_file, install_pair
    from ..site.languages import parse_lang

    if file is not None:
        if source or target:
            raise UsageError("give either languages or --file, not both", hint="e.g. translate models install zh en")
        if not file.is_file():
            raise UsageError(f"{file}: no such file", hint="pass the path of a downloaded .argosmodel package,"
                             " or install from the Argos index: translate models install zh en")
        info = install_file(file)
    elif source and target:
        pair = parse_lang(source).argos_code, parse_lang(target).argos_code
        with typer.progressbar(length=1, label=f"downloading {pair[0]} → {pair[1]}") as bar:
            def progress(done: int, total: int | None) -> None:
                if total:
                    bar.length = total
                    bar.update(done - bar.pos)

            info = install_pair(*pair, progress=progress)
    else:
        raise UsageError("say which model to install", hint="translate models install zh en, or --file PATH.argosmodel")
    typer.echo(f"installed {info.label} ({info.from_code} → {info.to_code}) in {info.path}")
    if not info.unsupported:
        from ..engines.argos import ArgosEngine
        from ..engines.calibration import calibrate

        record = calibrate(ArgosEngine(), info)
        typer.echo(f"  {record.summary()}" if record else "  protection: placeholders (no probe set for this pair)")
