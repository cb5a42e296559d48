"""Front matter a sibling needs in its own language: `linkTitle` translated, `isCJKLanguage`
following the sibling's language."""

from __future__ import annotations

from pathlib import Path

from translate.document.post import read_document
from translate.engines.pseudo import PseudoEngine

from support.sites import run_sync, write_post


def test_link_title_is_translated_by_default_whatever_its_case(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 标题\nlinkTitle: 菜单标题\n---\n正文。\n")
    write_post(site, "posts/b.md", '+++\ntitle = "标题"\nlinktitle = "小写的菜单标题"\n+++\n正文。\n')
    run_sync(site, PseudoEngine())
    a = read_document(site / "content/posts/a.en.md").front_matter
    b = read_document(site / "content/posts/b.en.md").front_matter
    assert a.get("linkTitle") == "⟦en⟧菜单标题⟦/en⟧"
    assert b.get("linktitle") == "⟦en⟧小写的菜单标题⟦/en⟧" and "LinkTitle" not in b.keys()


def test_is_cjk_language_is_false_in_an_english_sibling(site: Path) -> None:
    source = write_post(site, "posts/a.md", "---\ntitle: 标题\nisCJKLanguage: true\n---\n正文。\n")
    write_post(site, "posts/b.md", "---\ntitle: 标题\n---\n正文。\n")
    run_sync(site, PseudoEngine())
    assert read_document(site / "content/posts/a.en.md").front_matter.get("isCJKLanguage") is False
    assert "isCJKLanguage" not in read_document(site / "content/posts/b.en.md").front_matter  # not added
    assert read_document(source).front_matter.get("isCJKLanguage") is True  # the source keeps its own


def test_is_cjk_language_is_set_in_a_cjk_sibling(site: Path) -> None:
    (site / "hugo.toml").write_text(
        (site / "hugo.toml").read_text(encoding="utf-8") + '\n[languages.ja]\nlanguageCode = "ja"\n', encoding="utf-8")
    write_post(site, "posts/a.md", "---\ntitle: 标题\n---\n正文。\n")
    run_sync(site, PseudoEngine())
    assert read_document(site / "content/posts/a.ja.md").front_matter.get("isCJKLanguage") is True
    assert "isCJKLanguage" not in read_document(site / "content/posts/a.en.md").front_matter


def test_a_yaml_key_given_twice_is_translated_from_its_last_value_with_a_warning(site: Path) -> None:
    write_post(site, "posts/a.md", "---\ntitle: 旧标题\ntags: [a]\ntitle: 新标题\n---\n正文。\n")
    report = run_sync(site, PseudoEngine())
    post = report.posts[0]
    assert post.state == "translated"
    sibling = (site / "content/posts/a.en.md").read_text(encoding="utf-8")
    assert sibling.startswith("---\ntitle: 旧标题\ntags: [a]\ntitle: ⟦en⟧新标题⟦/en⟧\n")
    warnings = [f for f in post.findings if f.kind == "front matter"]
    assert [(f.severity, f.path, f.line) for f in warnings] == [("warning", "content/posts/a.md", 2)]
    assert "Hugo uses the last one" in warnings[0].message


def test_a_theme_s_image_alt_field_is_translated_when_configured(site: Path) -> None:
    (site / "translate.toml").write_text('fields = ["title", "featureAlt"]\n', encoding="utf-8")
    write_post(site, "posts/a.md", "---\ntitle: 标题\nfeatureAlt: 大楼外景\nfeature: a.png\n---\n正文。\n")
    run_sync(site, PseudoEngine())
    matter = read_document(site / "content/posts/a.en.md").front_matter
    assert matter.get("featureAlt") == "⟦en⟧大楼外景⟦/en⟧" and matter.get("feature") == "a.png"
