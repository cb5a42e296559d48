"""Every command is documented: it has help text and the README shows it."""

from __future__ import annotations

import pytest

from support.cli import command_paths
from support.paths import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "command"), command_paths(), ids=lambda v: v if isinstance(v, str) else "")
def test_command_is_documented(path: str, command) -> None:
    assert (command.help or "").strip(), f"{path} has no help text"
    assert path in README, f"README does not mention `{path}`"


def test_the_readme_starts_with_the_two_commands() -> None:
    blocks = README.split("```sh\n")[1:3]
    assert "translate sync" in blocks[0] and "pip install -e ." in blocks[0]
    assert "pytest" in blocks[1] and "pip install -e '.[test]'" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].split("\n")[0] in ci.splitlines()
