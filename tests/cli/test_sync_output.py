"""`translate sync` output on a small site: summary, -v, --quiet, --format json, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app

from support.sites import write_post

runner = CliRunner()
POST = "---\ntitle: 高盛报告\n---\n\n高盛表示，利润增长5%。\n"


def sync(site: Path, *args: str):
    return runner.invoke(app, ["sync", "--engine", "pseudo", "--site", str(site), *args])


def test_default_is_the_summary_and_verbose_names_every_file(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    write_post(site, "posts/b.md", POST.replace("高盛", "摩根大通"))
    result = sync(site)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == ["posts: 2 translated, 0 unchanged, 0 failed  (zh-CN → en)",
                                              "segments: 4 translated, 0 reused, 0 reused site-wide"]
    assert "wrote" not in result.output
    write_post(site, "posts/c.md", POST)
    verbose = sync(site, "-v")
    assert "wrote content/posts/c.en.md" in verbose.output and "wrote content/posts/a.en.md" not in verbose.output
    assert verbose.output.splitlines()[-2] == "posts: 1 translated, 2 unchanged, 0 failed  (zh-CN → en)"


def test_a_failed_post_is_an_error_line_and_exit_1_and_quiet_prints_only_that(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    write_post(site, "posts/bad.md", "---\ntitle: [unclosed\n---\n\n正文。\n")
    result = sync(site, "--quiet")
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith("error: ") and "content/posts/bad.md:2: front matter" in line
    again = sync(site)
    assert again.exit_code == 1 and "1 failed" in again.output
    assert [l for l in again.output.splitlines() if "error" in l] == [line]  # "error" only for the failure


def test_format_json_is_the_whole_report(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    result = sync(site, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["counts"]["posts"]["translated"] == 1 and data["return_code"] == 0
    (post,) = data["posts"]
    assert post["path"] == "content/posts/a.md" and "content/posts/a.en.md" in post["written"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "zh-CN"], "error: --to zh-CN: that is the source language, which is never translated into — pass a target: en"),
        (["--device", "tpu"], "error: --device tpu: unknown — use cpu, cuda, auto"),
        (["-v", "-q"], "error: --verbose and --quiet contradict each other — pass one of them"),
    ],
)
def test_impossible_options_are_usage_errors(site: Path, args: list[str], message: str) -> None:
    write_post(site, "posts/a.md", POST)
    result = sync(site, *args)
    assert result.exit_code == 2 and result.output == message + "\n"


def test_a_sibling_passed_as_the_post_names_its_source(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_post(site, "posts/a.md", POST)
    sync(site)
    monkeypatch.chdir(site)
    result = sync(site, "content/posts/a.en.md")
    assert result.exit_code == 2
    assert result.output == ("error: content/posts/a.en.md is the en translation, not a source post — pass its source,"
                             " content/posts/a.md\n")
