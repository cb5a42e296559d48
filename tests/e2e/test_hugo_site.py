"""The example site after `translate sync --engine pseudo`: Hugo builds it and links the editions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from translate.cli import app

from support.paths import REPO, hugo_path
from support.sites import write_post


def test_hugo_builds_the_example_site_with_linked_translations(example_site: Path) -> None:
    hugo = hugo_path()
    result = CliRunner().invoke(app, ["sync", "--engine", "pseudo", "--site", str(example_site)])
    assert result.exit_code == 0, result.output
    built = subprocess.run([hugo, "-s", str(example_site)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    assert "WARN" not in built.stderr and "ERROR" not in built.stderr
    english = (example_site / "public/en/posts/deepseek-hedge-funds/index.html").read_text(encoding="utf-8")
    chinese = (example_site / "public/posts/deepseek-hedge-funds/index.html").read_text(encoding="utf-8")
    assert 'href="/posts/deepseek-hedge-funds/" hreflang="zh-cn"' in english  # via .Translations
    assert 'href="/en/posts/deepseek-hedge-funds/" hreflang="en"' in chinese
    assert "Machine translated, not yet reviewed" in english
    assert "translation-banner" not in chinese
    assert "⟦en⟧" in english


def test_banner_says_outdated_for_a_stale_sibling(example_site: Path) -> None:
    hugo = hugo_path()
    CliRunner().invoke(app, ["sync", "--engine", "pseudo", "--site", str(example_site)])
    sibling = example_site / "content/posts/deepseek-hedge-funds.en.md"
    sibling.write_text(sibling.read_text(encoding="utf-8").replace('status: "machine"', 'status: "stale"'), encoding="utf-8")
    subprocess.run([hugo, "-s", str(example_site)], capture_output=True, check=True, timeout=120)
    english = (example_site / "public/en/posts/deepseek-hedge-funds/index.html").read_text(encoding="utf-8")
    assert "This translation is outdated" in english


def test_reference_definitions_that_point_at_shortcodes_keep_their_links(site: Path) -> None:
    """Hugo hides `{{< relref >}}` from Goldmark behind a token, so these lines are reference
    definitions: they stay byte for byte and every `[text][label]` link still works."""
    hugo = hugo_path()
    shutil.copytree(REPO / "layouts", site / "layouts")
    definitions = '[guide]: {{< relref "guide.md" >}}\n[sass]: {{< relref path="guide.md" >}} "样式"\n'
    write_post(site, "posts/guide.md", "---\ntitle: 指南\n---\n指南正文。\n")
    write_post(site, "posts/refs.md", "---\ntitle: 参考\n---\n请看[指南][guide]和[样式][sass]，再看[指南][guide]。\n\n"
               + definitions + "\n最后一段。\n")
    result = CliRunner().invoke(app, ["sync", "--engine", "pseudo", "--site", str(site)])
    assert result.exit_code == 0, result.output
    sibling = (site / "content/posts/refs.en.md").read_text(encoding="utf-8")
    assert definitions in sibling and "⟦en⟧最后一段。⟦/en⟧" in sibling
    built = subprocess.run([hugo, "-s", str(site)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    english = (site / "public/en/posts/refs/index.html").read_text(encoding="utf-8")
    assert english.count('<a href="/en/posts/guide/"') == 3, english
    assert "[guide]" not in english and "]:" not in english
