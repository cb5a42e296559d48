"""A site owner's first hour: a Hugo site with only hugo.toml and Chinese posts, then
`translate init`, `translate sync --engine pseudo` and `hugo`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from typer.testing import CliRunner

from translate.cli import app

from support.paths import hugo_path
from support.sites import write_post

HUGO = """baseURL = "https://example.org/"
title = "我的财经站"
defaultContentLanguage = "zh-cn"
[languages.zh-cn]
languageCode = "zh-CN"
weight = 1
[languages.en]
languageCode = "en"
weight = 2
"""
POST = "---\ntitle: 高盛看好A股\n---\n\n高盛表示，中概股估值偏低。\n"


def test_init_then_sync_then_hugo_on_a_bare_site(tmp_path: Path) -> None:
    hugo = hugo_path()
    site = tmp_path / "mysite"
    site.mkdir()
    (site / "hugo.toml").write_text(HUGO, encoding="utf-8")
    write_post(site, "posts/gs.md", POST)

    runner = CliRunner()
    init = runner.invoke(app, ["init", "--site", str(site)])
    assert init.exit_code == 0, init.output
    workflow = yaml.safe_load((site / ".github/workflows/translate.yml").read_text(encoding="utf-8"))
    assert "translate check --format github" in [s.get("run") for s in workflow["jobs"]["check"]["steps"]]

    synced = runner.invoke(app, ["sync", "--engine", "pseudo", "--site", str(site)])
    assert synced.exit_code == 0, synced.output
    sibling = (site / "content/posts/gs.en.md").read_text(encoding="utf-8")
    assert "Goldman Sachs" in sibling and "US-listed Chinese stocks" in sibling  # the built-in finance glossary
    assert "高盛" not in sibling

    # What init's hint says: include the partial in the template that renders a post.
    (site / "layouts/_default").mkdir(parents=True)
    (site / "layouts/_default/single.html").write_text(
        '<html><body>{{ partial "translation-banner.html" . }}{{ .Content }}</body></html>\n', encoding="utf-8")
    built = subprocess.run([hugo, "-s", str(site)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    english = (site / "public/en/posts/gs/index.html").read_text(encoding="utf-8")
    assert "Machine translated, not yet reviewed" in english and "Goldman Sachs" in english
    chinese = (site / "public/posts/gs/index.html").read_text(encoding="utf-8")
    assert "translation-banner" not in chinese
