"""The CLI's commands as click sees them, for tests that walk every one."""

from __future__ import annotations

import typer

from translate.cli import app


def command_paths() -> list[tuple[str, object]]:
    """(`translate review list`, its click command) for every leaf command."""
    root = typer.main.get_command(app)
    found = []

    def walk(group, prefix: str) -> None:  # typer vendors click: duck-type its groups
        for name, command in sorted(group.commands.items()):
            path = f"{prefix} {name}"
            if hasattr(command, "commands"):
                walk(command, path)
            else:
                found.append((path, command))

    walk(root, "translate")
    return found
