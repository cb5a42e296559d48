"""The example site after `translate sync --engine pseudo`: Hugo builds it and links the editions."""

from __future__ import annotations

import subprocess
from pathlib import Path

from typer.testing import CliRunner

from translate.cli import app

from support.paths import hugo_path


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
