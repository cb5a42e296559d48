"""`translate glossary check`: compliance of existing siblings, and re-sync after a glossary change."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from translate.cli import app

from support.fakes import CountingEngine
from support.sites import run_sync, write_post

GLOSSARY = "zh-CN,en\n高盛,Goldman Sachs\n英伟达,Nvidia\n对冲基金,hedge funds\n"


def make_site(site: Path) -> Path:
    (site / "glossary").mkdir()
    (site / "glossary" / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    return write_post(
        site, "posts/a.md", "---\ntitle: 高盛看好\n---\n\n高盛说对冲基金买入。\n\n英伟达下跌。\n\n市场平静。\n"
    )


def test_check_counts_terms_and_catches_a_human_edit(site: Path) -> None:
    source = make_site(site)
    run_sync(site, CountingEngine())
    result = CliRunner().invoke(app, ["glossary", "check", "--site", str(site), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data[0]["expected"] == 4 and data[0]["found"] == 4
    sibling = site / "content/posts/a.en.md"
    sibling.write_text(sibling.read_text(encoding="utf-8").replace("Nvidia", "NVDA"), encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "check", "--site", str(site)])
    assert result.exit_code == 1
    line = source.read_text(encoding="utf-8").splitlines().index("英伟达下跌。") + 1
    assert f"a.md:{line}: 英伟达 should be translated as 'Nvidia'" in result.output


def test_changing_one_entry_retranslates_only_blocks_containing_it(site: Path) -> None:
    make_site(site)
    run_sync(site, CountingEngine())
    (site / "glossary" / "terms.csv").write_text(GLOSSARY.replace("Nvidia", "NVIDIA"), encoding="utf-8")
    engine = CountingEngine()
    run_sync(site, engine)
    assert engine.segments == ["{0}下跌。"]
    assert "NVIDIA" in (site / "content/posts/a.en.md").read_text(encoding="utf-8")


def test_status_shows_which_posts_a_glossary_edit_affects(site: Path) -> None:
    make_site(site)
    write_post(site, "posts/b.md", "---\ntitle: 别的\n---\n\n市场平静。\n")
    run_sync(site, CountingEngine())
    (site / "glossary" / "terms.csv").write_text(GLOSSARY.replace("Nvidia", "NVIDIA"), encoding="utf-8")
    rows = json.loads(CliRunner().invoke(app, ["status", "--site", str(site), "--format", "json"]).output)["posts"]
    states = {r["source"]: r["state"] for r in rows}
    assert states == {"content/posts/a.md": "glossary changed (1 segments)", "content/posts/b.md": "up to date"}


def test_a_block_translated_without_letters_keeps_the_pairing_block_by_block(site: Path) -> None:
    """A person wrote "2025." for one paragraph; the others still pair with their own source
    block (through the source skeleton, as sync pairs them), so a miss is reported at its line."""
    source = make_site(site)
    run_sync(site, CountingEngine())
    sibling = site / "content/posts/a.en.md"
    text = sibling.read_text(encoding="utf-8")
    assert "⟦en⟧市场平静。⟦/en⟧" in text
    sibling.write_text(text.replace("⟦en⟧市场平静。⟦/en⟧", "2025.").replace("Nvidia", "NVDA"), encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "check", "--site", str(site)])
    assert result.exit_code == 1
    line = source.read_text(encoding="utf-8").splitlines().index("英伟达下跌。") + 1
    assert f"a.md:{line}: 英伟达 should be translated as 'Nvidia'" in result.output
