"""A content-directory site (`languages.X.contentDir`): `content/zh-cn/posts/foo.md` gets its
sibling at `content/en/posts/foo.md`, and every command works as for a filename site."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.site.config import load_config
from translate.site.discover import discover

from support.paths import REPO, require
from support.sites import snapshot

HUGO = """baseURL = "https://example.org/"
defaultContentLanguage = "zh-cn"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[languages.zh-cn]
languageCode = "zh-CN"
languageName = "简体中文"
contentDir = "content/zh-cn"
weight = 1
[languages.en]
languageCode = "en"
languageName = "English"
contentDir = "content/en"
weight = 2
"""
PAGES = {
    "posts/foo.md": "---\ntitle: 第一篇\n---\n正文第一段。\n",
    "posts/bar/index.md": "---\ntitle: 第二篇\n---\n正文第二段。\n",
    "posts/_index.md": "---\ntitle: 文章\n---\n列表页。\n",
}


@pytest.fixture
def dir_site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "hugo.toml").write_text(HUGO, encoding="utf-8")
    for rel, text in PAGES.items():
        path = root / "content" / "zh-cn" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_sync_writes_siblings_at_the_same_path_in_the_target_s_content_dir(dir_site: Path) -> None:
    code, output = cli("sync", "--engine", "pseudo", "--site", str(dir_site))
    assert code == 0, output
    for rel in PAGES:
        sibling = dir_site / "content" / "en" / rel
        assert "⟦en⟧" in sibling.read_text(encoding="utf-8"), rel
    assert not list((dir_site / "content" / "zh-cn").rglob("*.en.md"))
    assert 'source: ../../zh-cn/posts/foo.md' in (dir_site / "content/en/posts/foo.md").read_text(encoding="utf-8")
    before = snapshot(dir_site)
    code, output = cli("sync", "--engine", "pseudo", "--site", str(dir_site))
    assert code == 0 and "posts: 0 translated, 3 unchanged" in output, output
    assert snapshot(dir_site) == before
    assert cli("check", "--site", str(dir_site)) == (0, "translations are up to date\n")
    code, output = cli("review", "list", "--site", str(dir_site))
    assert code == 0 and "content/zh-cn/posts/foo.md:2 [en] field:title" in output, output
    (dir_site / "content/zh-cn/posts/foo.md").write_text(PAGES["posts/foo.md"] + "\n新段落。\n", encoding="utf-8")
    code, output = cli("check", "--site", str(dir_site))
    assert code == 1 and "content/en/posts/foo.md:1: error: [en] stale" in output, output


def test_hugo_builds_it_with_each_english_page_linked_to_its_chinese_original(dir_site: Path) -> None:
    hugo = shutil.which("hugo")
    require(hugo, "hugo: apt-get install hugo")
    assert cli("sync", "--engine", "pseudo", "--site", str(dir_site))[0] == 0
    built = subprocess.run([hugo, "-s", str(dir_site)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    for page in ("posts/foo", "posts/bar"):
        english = (dir_site / f"public/en/{page}/index.html").read_text(encoding="utf-8")
        chinese = (dir_site / f"public/{page}/index.html").read_text(encoding="utf-8")
        assert f'href="/{page}/" hreflang="zh-cn"' in english and "⟦en⟧" in english
        assert f'href="/en/{page}/" hreflang="en"' in chinese


def test_a_mixed_site_pairs_each_page_as_hugo_does(tmp_path: Path) -> None:
    """zh-cn reads the shared `content/` (by filename), en has its own `content/en/`: a
    sibling by filename in `content/` still counts, a new one goes to `content/en/`."""
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(HUGO.replace('contentDir = "content/zh-cn"\n', ""), encoding="utf-8")
    for name in ("a.md", "b.md", "b.en.md"):
        (root / "content" / "posts" / name).write_text("---\ntitle: 甲\n---\n正文。\n", encoding="utf-8")
    config = load_config(root)
    sources, others = discover(config)
    assert [config.relative(s.path) for s in sources] == ["content/posts/a.md", "content/posts/b.md"]
    a, b = sources
    assert a.page.sibling(config.language("en")) == root.resolve() / "content/en/posts/a.md"
    assert config.relative(b.siblings["en"].path) == "content/posts/b.en.md"
    assert cli("sync", "--engine", "pseudo", "--site", str(root))[0] == 0
    assert (root / "content/en/posts/a.md").is_file() and not (root / "content/posts/a.en.md").exists()
    assert not (root / "content/en/posts/b.md").exists()
