"""The tool's own state: the lock and memory inside the real site, stale temp files
removed, write errors a post's error, unreadable state reported by `check` with exit 2."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support.sites import run_sync, write_post
from translate.cli import app
from translate.engines.pseudo import PseudoEngine
from translate.problems import Problem
from translate.status.render import github_annotation

runner = CliRunner()
POST = "---\ntitle: 标题\n---\n\n正文。\n"


def invoke(site: Path, *args: str):
    return runner.invoke(app, [*args, "--site", str(site)])


def test_a_state_folder_linked_outside_the_site_is_refused_and_no_lock_is_made_there(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (site / ".translate").symlink_to(outside)
    write_post(site, "posts/a.md", POST)
    result = invoke(site, "sync", "--engine", "pseudo")
    assert result.exit_code == 2 and "symlink" in result.output
    assert list(outside.iterdir()) == []


def test_a_memory_path_that_is_a_file_is_one_clear_error(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    (site / ".translate").mkdir()
    (site / ".translate/memory").write_text("oops", encoding="utf-8")
    for args in (("sync", "--engine", "pseudo"), ("check",), ("status",), ("review", "list")):
        result = invoke(site, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "memory folder is not a folder" in result.output and "unexpected" not in result.output


def test_a_run_removes_the_temp_files_a_killed_run_left_and_nothing_else(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    run_sync(site, PseudoEngine())
    posts, memory = site / "content/posts", site / ".translate/memory/posts"
    stale = [posts / ".a.en.md.translate.k2j4_x9a.tmp", memory / ".a.md.jsonl.translate.0abcdefg.tmp",
             posts / ".a.en.md.k2j4_x9a.tmp", memory / ".a.md.pending.abcdefgh.tmp"]  # (as earlier versions named them)
    mine = [posts / ".notes.tmp", posts / "draft.translate.tmp"]  # not names the tool makes
    for path in stale + mine:
        path.write_text("left over", encoding="utf-8")
    run_sync(site, PseudoEngine())
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in mine)


@pytest.mark.parametrize("where", ["content/posts", ".translate/memory"])
def test_a_write_refused_by_the_system_fails_that_post_and_leaves_no_pending_file(site: Path, monkeypatch, where: str) -> None:
    """As a read-only folder would (the tests run as root, so chmod cannot show it)."""
    write_post(site, "posts/a.md", POST)
    write_post(site, "posts/b.md", POST.replace("正文", "另一篇"))
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).as_posix().endswith(where + "/posts") or str(dir).endswith(where):
            raise PermissionError(13, "Permission denied", str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    report = run_sync(site, PseudoEngine())
    assert [p.state for p in report.posts] == ["failed", "failed"]
    assert all("Permission denied" in p.message and "writable" in p.message for p in report.posts)
    assert not [p for p in site.rglob("*") if p.name.endswith((".pending", ".tmp"))]
    monkeypatch.setattr(tempfile, "mkstemp", real)
    assert run_sync(site, PseudoEngine()).return_code == 0  # and the next run carries on


@pytest.mark.parametrize("header", ['{"targets": []}', '{"targets": null}', "[1, 2]", "not json"])
def test_check_reports_a_post_with_an_unreadable_memory_header_and_exits_2_with_json(site: Path, header: str) -> None:
    write_post(site, "posts/a.md", POST)
    write_post(site, "posts/b.md", POST.replace("正文", "另一篇"))
    run_sync(site, PseudoEngine())
    memory = site / ".translate/memory/posts/a.md.jsonl"
    memory.write_text(header + "\n" + memory.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    result = invoke(site, "check", "--format", "json")
    assert result.exit_code == 2, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [p["path"] for p in problems if p["kind"] == "unreadable"] == [".translate/memory/posts/a.md.jsonl"]
    status = invoke(site, "status")
    assert status.exit_code == 0 and "unreadable" in status.output and "content/posts/b.md" in status.output


def test_diff_of_a_path_outside_the_site_is_a_usage_error(site: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text(POST, encoding="utf-8")
    result = invoke(site, "diff", str(tmp_path / "outside.md"))
    assert result.exit_code == 2 and "not a post of this site" in result.output


def test_github_annotations_escape_properties_and_messages() -> None:
    name = "x\n::notice title=INJECTED::owned,yes:100%"
    line = github_annotation(Problem("missing", "bad\r\nnews 50%", path=name, line=3, hint="do: this, now"))
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=x%0A%3A%3Anotice title=INJECTED%3A%3Aowned%2Cyes%3A100%25,line=3,title=translate missing::")
    assert line.endswith("::bad%0D%0Anews 50%25 — do: this, now")


def test_a_file_name_with_control_characters_is_printed_escaped(site: Path) -> None:
    write_post(site, "posts/x\n::notice title=INJECTED::hi.md", POST)
    for args in (("check",), ("check", "--format", "github"), ("status",)):
        result = invoke(site, *args)
        assert not any(line.startswith("::notice") for line in result.output.splitlines()), result.output
        assert "x\\x0a::notice" in result.output or "x%0A" in result.output


def test_sync_prints_a_control_character_file_name_escaped(site: Path) -> None:
    write_post(site, "posts/x\n::notice title=INJECTED::hi.md", POST)
    result = invoke(site, "sync", "--engine", "pseudo", "--no-progress")
    assert result.exit_code == 0, result.output
    assert not any(line.startswith("::notice") for line in result.output.splitlines()), result.output


def test_check_calls_a_sibling_merged_by_hand_diverged_as_the_next_sync_will(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 标题\n---\n\n第一段。\n\n第二段。\n")
    run_sync(site, PseudoEngine())
    sibling = site / "content/posts/a.en.md"
    sibling.write_text(sibling.read_text(encoding="utf-8").replace("\n\n⟦en⟧第二段。⟦/en⟧", " merged in."), encoding="utf-8")
    result = invoke(site, "check", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [p["kind"] for p in json.loads(result.stdout)["problems"]] == ["diverged"]
    assert [p.state for p in run_sync(site, PseudoEngine()).posts] == ["diverged"]


def test_check_reports_corrupt_memory_blocks_that_the_next_sync_fails_on(site: Path) -> None:
    source = write_post(site, "posts/a.md", POST)
    write_post(site, "posts/b.md", POST.replace("正文", "另一篇"))
    run_sync(site, PseudoEngine())
    memory = site / ".translate/memory/posts/a.md.jsonl"
    header = memory.read_text(encoding="utf-8").split("\n", 1)[0]
    memory.write_text(header + "\n{not json\n", encoding="utf-8")
    source.write_text(POST.replace("正文", "改过的正文"), encoding="utf-8")
    result = invoke(site, "check", "--format", "json")
    assert result.exit_code == 2, result.output
    assert [p["path"] for p in json.loads(result.stdout)["problems"] if p["kind"] == "unreadable"] == [
        ".translate/memory/posts/a.md.jsonl"]
    assert [p.state for p in run_sync(site, PseudoEngine()).posts] == ["failed", "unchanged"]


def test_a_memory_file_that_is_a_symlink_is_never_written_through(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    run_sync(site, PseudoEngine())
    memory = site / ".translate/memory/posts/a.md.jsonl"
    victim = site / "content/posts/victim.txt"  # holds a valid memory, so the post reads fine
    victim.write_bytes(memory.read_bytes())
    kept = victim.read_bytes()
    memory.unlink()
    memory.symlink_to(victim)
    write_post(site, "posts/a.md", POST.replace("正文", "新的正文"))
    report = run_sync(site, PseudoEngine())
    assert report.posts[0].state == "failed" and "symlink" in report.posts[0].message
    assert victim.read_bytes() == kept and memory.is_symlink()
    assert not [p for p in site.rglob("*") if p.name.endswith((".pending", ".tmp"))]


def test_a_site_folder_where_the_lock_cannot_be_made_is_one_clear_error(site: Path, monkeypatch) -> None:
    """As a read-only site root would (the tests run as root, so chmod cannot show it)."""
    import os

    write_post(site, "posts/a.md", POST)
    real = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(os.path.join(".translate", "lock")):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = invoke(site, "sync", "--engine", "pseudo")
    assert result.exit_code == 2 and "cannot open the site lock: Permission denied" in result.output
