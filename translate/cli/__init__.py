"""Command line: `main` only parses and dispatches; one module per command."""

from __future__ import annotations

import importlib
import pkgutil

from .app import app

# Every module in this package registers its commands on `app`; they import only typer
# and light modules at import time, so `translate --help` stays fast.
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module != "app":
        importlib.import_module(f"{__name__}.{_module}")


def main() -> None:
    app()
