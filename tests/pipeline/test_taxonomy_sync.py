"""Taxonomy terms go through one site-wide table: one Chinese tag, one English tag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translate.document.post import read_document
from translate.engines.pseudo import PseudoEngine
from translate.errors import ConfigError

from support.fakes import CountingEngine
from support.sites import run_sync, snapshot, write_post


def test_a_tag_used_by_two_posts_becomes_the_same_english_tag_translated_once(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 甲\ntags: [分屏, android]\ncategories: 笔记\n---\n正文一。\n")
    write_post(site, "posts/b.md", '+++\ntitle = "乙"\ntags = ["分屏"]\nseries = ["系列"]\n+++\n正文二。\n')
    engine = CountingEngine()
    run_sync(site, engine)
    a = read_document(site / "content/posts/a.en.md").front_matter
    b = read_document(site / "content/posts/b.en.md").front_matter
    assert a.get("tags") == ["⟦en⟧分屏⟦/en⟧", "android"] and b.get("tags") == ["⟦en⟧分屏⟦/en⟧"]
    assert a.get("categories") == "⟦en⟧笔记⟦/en⟧" and b.get("series") == ["⟦en⟧系列⟦/en⟧"]
    assert engine.segments.count("分屏") == 1
    table = json.loads((site / ".translate/taxonomy/en.json").read_text(encoding="utf-8"))
    assert table == {"分屏": "⟦en⟧分屏⟦/en⟧", "笔记": "⟦en⟧笔记⟦/en⟧", "系列": "⟦en⟧系列⟦/en⟧"}
    # A later run reuses the table: the term is not translated again.
    before = snapshot(site)
    again = CountingEngine()
    assert run_sync(site, again).segments == 0 and not again.segments and snapshot(site) == before
    write_post(site, "posts/c.md", "---\ntitle: 丙\ntags: [分屏]\n---\n正文三。\n")
    table["分屏"] = "Split screen"  # an editor fixed the term: every new sibling uses it
    (site / ".translate/taxonomy/en.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    engine = CountingEngine()
    run_sync(site, engine)
    assert "分屏" not in engine.segments
    assert read_document(site / "content/posts/c.en.md").front_matter.get("tags") == ["Split screen"]


def test_taxonomies_false_keeps_the_terms(site: Path) -> None:
    (site / "translate.toml").write_text("taxonomies = false\n", encoding="utf-8")
    write_post(site, "posts/a.md", "---\ntitle: 甲\ntags: [分屏]\n---\n正文。\n")
    run_sync(site, PseudoEngine())
    assert read_document(site / "content/posts/a.en.md").front_matter.get("tags") == ["分屏"]
    assert not (site / ".translate/taxonomy").exists()


def test_hugo_s_own_taxonomies_are_translated_too(site: Path) -> None:
    hugo = site / "hugo.toml"
    hugo.write_text(hugo.read_text(encoding="utf-8") + '\n[taxonomies]\ntag = "tags"\nauthor = "authors"\n',
                    encoding="utf-8")
    write_post(site, "posts/a.md", "---\ntitle: 甲\nauthors: [某人]\n---\n正文。\n")
    run_sync(site, PseudoEngine())
    assert read_document(site / "content/posts/a.en.md").front_matter.get("authors") == ["⟦en⟧某人⟦/en⟧"]



def test_a_broken_term_table_is_a_config_error_naming_it(site: Path) -> None:
    table = site / ".translate/taxonomy/en.json"
    table.parent.mkdir(parents=True)
    table.write_text('{"分屏": "Split screen",\n', encoding="utf-8")
    write_post(site, "posts/a.md", "---\ntitle: 甲\ntags: [分屏]\n---\n正文。\n")
    with pytest.raises(ConfigError, match="not valid JSON") as caught:
        run_sync(site, PseudoEngine())
    assert caught.value.path == table and not (site / "content/posts/a.en.md").exists()
