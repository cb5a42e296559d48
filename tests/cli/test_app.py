"""The CLI's one error boundary and its shared options."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import translate.status.state as state
from translate.cli import app
from translate.cli.app import BUG_EXIT

runner = CliRunner()


def test_a_user_error_is_one_line_with_its_exit_code(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--site", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    assert "is not a directory — pass --site DIR" in result.output


def test_a_bug_is_one_line_naming_the_log_with_the_traceback(site: Path, isolated_home: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the state reader fell over")

    monkeypatch.setattr(state, "collect_state", broken)
    result = runner.invoke(app, ["check", "--site", str(site)])
    assert result.exit_code == BUG_EXIT == 3
    log = isolated_home / ".cache" / "translate" / "translate.log"
    assert result.output == (
        f"error: unexpected RuntimeError: the state reader fell over — this is a bug in translate;"
        f" please report it with the traceback in {log}\n"
    )
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "the state reader fell over" in text
    assert "in broken" in text  # the frame that raised


def test_without_a_writable_cache_the_traceback_goes_to_stderr(site: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the state reader fell over")

    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # no directory can be made under a file
    monkeypatch.setattr(state, "collect_state", broken)
    result = runner.invoke(app, ["check", "--site", str(site)])
    assert result.exit_code == BUG_EXIT
    assert "Traceback (most recent call last)" in result.output
    assert result.output.endswith("please report it with the traceback above\n")


@pytest.mark.parametrize("error", [BrokenPipeError(32, "Broken pipe"), EOFError()], ids=["pipe", "eof"])
def test_a_closed_pipe_or_end_of_input_is_not_a_bug(site: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                     error: Exception) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(state, "collect_state", broken)
    result = runner.invoke(app, ["status", "--site", str(site)])
    assert result.exit_code == 1  # as typer ends such a run: quietly, or "Aborted."
    assert "bug" not in result.output
    assert not (isolated_home / ".cache" / "translate" / "translate.log").exists()


def test_exits_pass_through_the_boundary(site: Path) -> None:
    assert runner.invoke(app, ["check", "--site", str(site)]).exit_code == 0
    (site / "content" / "posts" / "a.md").write_text("---\ntitle: 标题\n---\n\n正文。\n", encoding="utf-8")
    assert runner.invoke(app, ["check", "--site", str(site)]).exit_code == 1  # missing


@pytest.mark.parametrize(
    ("args", "choices"),
    [
        (["check", "--format", "xml"], "text, json, github"),
        (["status", "--format", "xml"], "text, json"),
        (["review", "list", "--format", "xml"], "text, json"),
        (["glossary", "check", "--format", "xml"], "text, json"),
        (["models", "list", "--format", "xml"], "text, json"),
    ],
)
def test_every_format_option_is_checked_the_same_way(site: Path, args: list[str], choices: str) -> None:
    result = runner.invoke(app, [*args, *(["--site", str(site)] if args[0] != "models" else [])])
    assert result.exit_code == 2
    assert result.output == f"error: --format xml: unknown — use {choices}\n"
