"""Where the repository and the things tests need from outside it are, and `require`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
EXAMPLE_POST = REPO / "content" / "posts" / "deepseek-hedge-funds.md"
FINANCE = REPO / "translate" / "glossary" / "data" / "finance.csv"  # the built-in finance glossary


def require(available: object, what: str) -> None:
    """An outside thing a test needs (Hugo, Chromium, ../shared). Locally its absence skips
    with how to get it; under CI (CI=true, as .ci/run runs) it fails, so CI always runs the
    real test."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: .ci/run must provide it")
    pytest.skip(what)


def hugo_path() -> str:
    """Debian's `hugo`, which the end-to-end tests build sites with (skip or fail through `require`)."""
    import shutil

    hugo = shutil.which("hugo")
    require(hugo, "hugo: apt-get install hugo")
    return str(hugo)
