"""Glossaries that ship inside the package (package data), named in `translate.toml` by name.

`glossary = ["finance", "glossary/*.csv"]` combines the built-in finance glossary with the
site's own files; a site that configures none and has no `glossary/*.csv` gets `finance`.
Site files always come before built-ins, so for one source term the site's row wins
(the matcher keeps a term's first row) and `glossary lint` says so.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DEFAULT = ("finance",)


def builtin_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in DATA.glob("*.csv")))


def builtin_path(name: str) -> Path | None:
    """The file of built-in glossary `name`, or None when there is none of that name."""
    path = DATA / f"{name}.csv"
    return path if name in builtin_names() else None


def is_builtin(path: Path | str) -> bool:
    return Path(path).resolve().parent == DATA


def label(path: Path | str, root: Path | None = None) -> str:
    """How a glossary file is named to a user: `finance (built-in)` or its site-relative path."""
    path = Path(path)
    if is_builtin(path):
        return f"{path.stem} (built-in)"
    if root is not None and path.resolve().is_relative_to(root):
        return path.resolve().relative_to(root).as_posix()
    return str(path)
