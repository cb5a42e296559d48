"""Every hostile input of the hardening pass, replayed through the real CLI.

Each case builds a site with one bad file beside a control post, then runs `sync` in a
subprocess under a time limit, and `check --format json`, `status` and `review list` in
process under the test's timeout (a read that blocks is interrupted by it): no
traceback, no hang, no write outside regular files inside the site, the control post always
translated, exit codes as documented (sync 1 when a post failed; check 2 for unreadable state).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from translate.cli import app

from support.sites import write_post

CONTROL = "---\ntitle: 控制\n---\n\n控制组的文章。\n"
LIMIT = 60  # seconds; a case that hangs fails here instead of stalling the suite


runner = CliRunner()


def cli(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "translate", *args, "--site", str(site)],
                          capture_output=True, text=True, timeout=LIMIT)


def _alias_bomb(site: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    write_post(site, "posts/bad.md", "---\n" + "\n".join(lines) + "\ntitle: 炸弹\n---\n\n正文。\n")


def _nested(open_: str, close: str, depth: int) -> str:
    return open_ * depth + close * depth


def _fifo(site: Path, rel: str) -> None:
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _link(site: Path, rel: str, target: str) -> None:
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


CASES: dict[str, tuple[Callable[[Path], None], int]] = {
    # name: (make the bad file, sync's exit code)
    "yaml alias bomb": (_alias_bomb, 1),
    "5000-deep YAML array": (lambda s: write_post(s, "posts/bad.md", f"---\nx: {_nested('[', ']', 5000)}\n---\n\n正文。\n"), 1),
    "5000-deep JSON array": (lambda s: write_post(s, "posts/bad.md", f'{{"x": {_nested("[", "]", 5000)}}}\n\n正文。\n'), 1),
    "3000-deep TOML array": (lambda s: write_post(s, "posts/bad.md", f"+++\nx = {_nested('[', ']', 3000)}\n+++\n\n正文。\n"), 1),
    "3000 nested brackets in the body": (lambda s: write_post(s, "posts/bad.md", f"---\nt: 1\n---\n\n{'[' * 3000}文本{']' * 3000}\n"), 1),
    "old-Mac line endings": (lambda s: write_post(s, "posts/bad.md", "---\ntitle: 旧\n---\n\n第一段。\r\r第二段。\r"), 0),
    "YAML merge key": (lambda s: write_post(s, "posts/bad.md", "---\nbase: &b\n  title: 合并\n<<: *b\n---\n\n正文。\n"), 0),
    "a FIFO source": (lambda s: _fifo(s, "posts/bad.md"), 1),
    "a FIFO sibling": (lambda s: (write_post(s, "posts/bad.md", CONTROL), _fifo(s, "posts/bad.en.md")), 1),
    "a folder named like a sibling": (lambda s: (write_post(s, "posts/bad.md", CONTROL), (s / "content/posts/bad.en.md").mkdir()), 1),
    "a dangling symlink post": (lambda s: _link(s, "posts/bad.md", "nowhere.md"), 1),
    "a looping symlink post": (lambda s: (_link(s, "posts/bad.md", "loop.md"), _link(s, "posts/loop.md", "bad.md")), 1),
    "a source symlinked outside the site": (lambda s: (
        (s.parent / "outside.md").write_text(CONTROL, encoding="utf-8"), _link(s, "posts/bad.md", str(s.parent / "outside.md"))), 1),
    "a sibling symlinked into static/": (lambda s: (
        write_post(s, "posts/bad.md", "---\ntitle: 坏\n---\n\n<script>alert(1)</script>正文。\n"),
        (s / "static").mkdir(), _link(s, "posts/bad.en.md", "../../static/evil.html")), 1),
    "a sibling symlinked to another post": (lambda s: (
        write_post(s, "posts/bad.md", CONTROL.replace("控制", "坏")), write_post(s, "posts/victim.md", CONTROL.replace("控制", "受害")),
        _link(s, "posts/bad.en.md", "victim.md")), 1),
    "translations that is not a list": (lambda s: write_post(s, "posts/bad.md", "---\ntitle: 坏\ntranslations: {en: 1}\n---\n\n正文。\n"), 1),
}


def _site_files(site: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        out[path.relative_to(site).as_posix()] = path.read_bytes()
    return out


@pytest.mark.timeout(3 * LIMIT)
@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_file_is_that_posts_error_and_the_run_goes_on(site: Path, case: str) -> None:
    make, sync_code = CASES[case]
    write_post(site, "posts/ok.md", CONTROL)
    make(site)
    before = _site_files(site)
    outside_before = sorted(p.name for p in site.parent.iterdir())

    done = cli(site, "sync", "--engine", "pseudo", "--no-progress")
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "unexpected" not in output, output
    assert done.returncode == sync_code, output
    assert "posts: " in done.stdout  # the summary is printed
    assert (site / "content/posts/ok.en.md").is_file(), output  # the control post is translated
    assert not [p for p in site.rglob("*") if p.name.endswith((".tmp", ".pending"))]
    assert sorted(p.name for p in site.parent.iterdir()) == outside_before  # nothing written outside
    after = _site_files(site)
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    allowed = {f"content/posts/{name}{suffix}" for name in ("ok", "bad", "victim") for suffix in (".md", ".en.md")}
    assert {rel for rel in changed if not rel.startswith(".translate/")} <= allowed, changed
    if case == "a sibling symlinked to another post":
        assert "⟦en⟧" not in (site / "content/posts/victim.md").read_text(encoding="utf-8")  # not written through    assert (site.parent / "outside.md").read_text(encoding="utf-8") == CONTROL if case.endswith("outside the site") else True
    if case == "a sibling symlinked into static/":
        assert not (site / "static/evil.html").exists()

    for args in (("check", "--format", "json"), ("status",), ("status", "--format", "json"), ("review", "list")):
        done = runner.invoke(app, [*args, "--site", str(site)])
        assert done.exception is None or isinstance(done.exception, SystemExit), (args, done.exception)
        assert "unexpected" not in done.output, (args, done.output)
        assert done.exit_code in (0, 1, 2), (args, done.output)
        if args[0] == "check":
            json.loads(done.stdout)  # valid JSON whatever happened
            assert done.exit_code != 0 or sync_code == 0, done.output  # never "clean" where sync fails
