"""Hostile engines through the whole sync: a finding or a failed post, never a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.fakes import HostileEngine
from support.sites import run_sync, write_post

POST = """---
title: "高盛：`pip install` 指南"
---

高盛在[报告](https://example.com/r_1 "标题")中说，**对冲基金**买入了`600519.SH`。

- 第一项 {{< ref "a.md" >}} 内容
- 第二项<br>换行
"""
MARKUP = ["`pip install`", "(https://example.com/r_1 \"标题\")", "**", "`600519.SH`", '{{< ref "a.md" >}}', "<br>"]


@pytest.mark.parametrize("mode", ["drop", "duplicate", "reorder"])
def test_placeholder_mangling_is_repaired_with_a_finding(site: Path, mode: str) -> None:
    write_post(site, "posts/a.md", POST)
    report = run_sync(site, HostileEngine(mode))
    post = report.posts[0]
    assert post.state == "translated"
    text = (site / "content/posts/a.en.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    for markup in MARKUP:
        assert text.count(markup) == POST.count(markup), (markup, text)
    assert body.count("- ") == 2
    if mode != "reorder":  # a reorder keeps every placeholder once: nothing to repair
        assert any(f.kind == "enforce" for f in post.findings)


def test_empty_engine_output_fails_the_post_and_writes_nothing(site: Path) -> None:
    source = write_post(site, "posts/a.md", POST)
    write_post(site, "posts/b.md", "---\ntitle: 乙\n---\n正文。\n")
    report = run_sync(site, HostileEngine("empty"))
    assert report.return_code == 1
    assert not (site / "content/posts/a.en.md").exists()
    assert source.read_text(encoding="utf-8") == POST
    failed = [p for p in report.posts if p.state == "failed"]
    assert failed and "nothing written" in failed[0].message


def _rendered(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(text)


def test_an_engine_that_unpairs_markup_is_caught_by_the_structure_check(site: Path) -> None:
    """Every placeholder comes back once, but `**` or a link's `](…)` moves out of its pair:
    only the rendered structure shows it, and the sentence falls back to pieces."""
    (site / "translate.toml").write_text("glossary = []\n", encoding="utf-8")  # the link is the first placeholder
    write_post(site, "posts/a.md", POST)
    report = run_sync(site, HostileEngine("unpair"))
    post = report.posts[0]
    assert post.state == "translated"
    body = (site / "content/posts/a.en.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    html = _rendered(body)
    assert "**" not in html and "<strong>" in html and '<a href="https://example.com/r_1"' in html
    assert any(f.kind == "enforce" and "renders differently" in f.message for f in post.findings)


def test_an_engine_that_writes_markup_gets_a_structure_error_and_never_a_literal_marker(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    report = run_sync(site, HostileEngine("markup"))
    post = report.posts[0]
    errors = [f for f in post.findings if f.kind == "structure" and f.severity == "error"]
    assert errors and all(f.path == "content/posts/a.md" and f.line for f in errors)
    body = (site / "content/posts/a.en.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "**" not in _rendered(body)  # the sentences that would show `**` keep their source
