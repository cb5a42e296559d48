"""Every command: `--help`, one vocabulary of flags, JSON that parses, and the tool's own
`error:` line with exit 2 for a usage mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app

from support.cli import command_paths
from support.sites import write_post

runner = CliRunner()
COMMANDS = command_paths()
IDS = [path for path, _ in COMMANDS]
# Spellings one vocabulary replaces: a target is --to, posts are positional, colour is global.
RETIRED = {"--lang", "--language", "--target", "--post", "--posts", "--color", "--no-color", "--colour"}
POST = "---\ntitle: 高盛报告\n---\n\n高盛表示，利润增长5%。\n"


def options(command) -> set[str]:
    return {name for param in command.params for name in getattr(param, "opts", []) if name.startswith("-")}


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_and_flag_names(path: str, command) -> None:
    result = runner.invoke(app, [*path.split()[1:], "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert not options(command) & RETIRED, f"{path}: {sorted(options(command) & RETIRED)}"
    formats = [p for p in command.params if "--format" in getattr(p, "opts", [])]
    if formats:
        bad = runner.invoke(app, [*path.split()[1:], "--format", "xml"])
        assert bad.exit_code == 2 and bad.output.startswith("error: --format xml: unknown — use text, json")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_a_bad_option_is_one_error_line_with_exit_2(path: str, command) -> None:
    result = runner.invoke(app, [*path.split()[1:], "--no-such-flag"])
    assert result.exit_code == 2
    assert result.output == f"error: no such option: --no-such-flag — see `{path} --help`\n"


def test_root_options(site: Path) -> None:
    assert runner.invoke(app, ["--version"]).output.startswith("translate ")
    bad = runner.invoke(app, ["--color", "sometimes", "status", "--site", str(site)])
    assert bad.exit_code == 2 and bad.output == "error: --color sometimes: unknown — use auto, always, never\n"
    missing = runner.invoke(app, ["diff"])
    assert missing.exit_code == 2 and missing.output.startswith("error: missing argument")


JSON_RUNS = [
    ["sync", "--engine", "pseudo", "--format", "json", "--dry-run"],
    ["status", "--format", "json"],
    ["check", "--format", "json"],
    ["diff", "content/posts/a.md", "--format", "json"],
    ["review", "list", "--format", "json"],
    ["glossary", "check", "--format", "json"],
    ["glossary", "lint", "--format", "json"],
    ["glossary", "list", "--format", "json"],
    ["models", "list", "--format", "json"],
]


def test_every_format_json_parses(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_post(site, "posts/a.md", POST)
    monkeypatch.chdir(site)
    covered = set()
    runner.invoke(app, ["sync", "--engine", "pseudo", "--site", str(site)])
    (item, *_) = json.loads(runner.invoke(app, ["review", "list", "--format", "json", "--site", str(site)]).stdout)
    for args in [*JSON_RUNS, ["review", "show", item["id"], "--format", "json"]]:
        extra = [] if args[0] == "models" else ["--site", str(site)]
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code in (0, 1), (args, result.output)
        json.loads(result.stdout)
        covered.add("translate " + " ".join(a for a in args if not a.startswith("-") and a not in ("json", "pseudo")
                                           and "/" not in a and a != item["id"]))
    with_format = {path for path, command in COMMANDS if "--format" in options(command)}
    assert with_format == covered
