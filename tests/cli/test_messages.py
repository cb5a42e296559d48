"""Messages for common mistakes name the real problem and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app

from support.sites import write_post

runner = CliRunner()


def test_diff_of_a_post_that_does_not_exist(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)
    result = runner.invoke(app, ["diff", "content/posts/nonexist.md"])
    assert result.exit_code == 2
    assert result.output == "error: content/posts/nonexist.md: no such file — pass a source post, e.g. content/posts/foo.md\n"


def test_diff_of_a_sibling_names_the_source(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_post(site, "posts/a.en.md", "---\ntitle: A\n---\n")
    monkeypatch.chdir(site)
    result = runner.invoke(app, ["diff", "content/posts/a.en.md", "--to", "en"])
    assert result.exit_code == 2 and "is the en translation, not a source post — pass its source, content/posts/a.md" in result.output


def test_diff_to_the_source_language(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 甲\n---\n")
    monkeypatch.chdir(site)
    result = runner.invoke(app, ["diff", "content/posts/a.md", "--to", "zh-CN"])
    assert result.exit_code == 2 and "that is the source language" in result.output


def test_models_install_of_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nonexist.argosmodel"
    result = runner.invoke(app, ["models", "install", "--file", str(missing)])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {missing}: no such file — pass the path of a downloaded .argosmodel")
    assert "not a zip" not in result.output


def test_installing_from_the_index_without_the_argos_extra_says_how(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "argostranslate", None)  # as on the main install: not importable
    result = runner.invoke(app, ["models", "install", "zh", "en"])
    assert result.exit_code == 2
    assert "pip install 'translate[argos]'" in result.output and "--file PATH.argosmodel" in result.output


def test_counts_agree_with_their_nouns(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 甲\n---\n\n正文。\n")
    result = runner.invoke(app, ["check", "--site", str(site)])
    assert result.exit_code == 1 and result.output.splitlines()[-1] == "1 problem"
