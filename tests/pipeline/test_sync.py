"""End-to-end `sync` with the pseudo engine and fakes: files on disk are what is asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from translate.document.peek import read_front_matter
from translate.engines.pseudo import PseudoEngine
from translate.errors import LockedError, ModelMissingError
from translate.memory.store import MemoryStore
from translate.site.lock import site_lock

from support.fakes import CountingEngine, FailingEngine
from support.paths import EXAMPLE_POST
from support.sites import run_sync, snapshot, write_post

POST = """---
title: "高盛报告"
date: "2025-02-11 16:25:36"
tags:
  - "investing_cn"   # a comment that must survive
translations:
  - "zh-CN"
weight: 3
---

第一段。

第二段，含`code`和[链接](https://example.com/a_b)。
"""


def test_example_post_gets_an_english_sibling(example_site: Path) -> None:
    report = run_sync(example_site, CountingEngine())
    assert report.return_code == 0
    source = example_site / "content/posts/deepseek-hedge-funds.md"
    sibling = source.with_name("deepseek-hedge-funds.en.md")
    matter = read_front_matter(sibling.read_text(encoding="utf-8"))
    assert matter["lang"] == ["en"]
    assert matter["translations"] == ["zh-CN", "en"]
    assert matter["translation"]["source"] == "deepseek-hedge-funds.md"
    assert matter["translation"]["status"] == "machine"
    assert matter["translation"]["engine"] == "counting"
    assert read_front_matter(source.read_text(encoding="utf-8"))["translations"] == ["zh-CN", "en"]
    assert "⟦en⟧" in sibling.read_text(encoding="utf-8")
    assert "[investing_cn](https://cn.investing.com/news/stock-market-news/article-2665556)" in sibling.read_text(
        encoding="utf-8"
    )


def test_untouched_front_matter_lines_stay_byte_identical(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    run_sync(site, CountingEngine())
    sibling = (site / "content/posts/a.en.md").read_text(encoding="utf-8")
    for line in ('date: "2025-02-11 16:25:36"', '  - "investing_cn"   # a comment that must survive', "weight: 3"):
        assert line in sibling.splitlines()
    assert "`code`" in sibling and "(https://example.com/a_b)" in sibling


def test_second_sync_writes_nothing(example_site: Path) -> None:
    run_sync(example_site, CountingEngine())
    before = snapshot(example_site)
    engine = CountingEngine()
    report = run_sync(example_site, engine)
    assert engine.calls == 0
    assert report.count("unchanged") == 1
    assert snapshot(example_site) == before


def test_fifty_posts_in_a_few_batched_calls(site: Path) -> None:
    for n in range(50):
        body = "\n\n".join(f"第{n}篇第{p}段，市场上涨。" for p in range(6))
        write_post(site, f"posts/p{n:02}.md", f"---\ntitle: 标题{n}\n---\n\n{body}\n")
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert report.count("translated") == 50
    assert len(engine.segments) == 50 * 7
    assert engine.calls <= 3


def test_opt_out_and_extra_languages(site: Path) -> None:
    write_post(site, "posts/skip.md", "---\ntitle: 不翻\ntranslate: false\n---\n正文。\n")
    report = run_sync(site, CountingEngine())
    assert report.count("skipped") == 1
    assert not (site / "content/posts/skip.en.md").exists()


def test_unknown_language_in_translations_fails_that_post_only(site: Path) -> None:
    write_post(site, "posts/bad.md", '---\ntitle: 坏\ntranslations: ["zh-CN", "fr"]\n---\n正文。\n')
    write_post(site, "posts/good.md", "---\ntitle: 好\n---\n正文。\n")
    report = run_sync(site, CountingEngine())
    assert report.return_code == 1
    failed = [p for p in report.posts if p.state == "failed"]
    assert len(failed) == 1 and "bad.md:3:" in failed[0].message and "fr" in failed[0].message
    assert (site / "content/posts/good.en.md").exists()
    assert not (site / "content/posts/bad.en.md").exists()


@pytest.mark.parametrize(
    ("name", "content", "line", "words"),
    [
        ("broken-yaml.md", b'---\ntitle: "x\ntags: [a\n---\n\xe6\xad\xa3\xe6\x96\x87\n', 2, "front matter"),
        ("latin1.md", "---\ntitle: t\n---\n\ncaf\xe9 \xe6\n".encode("latin-1"), 5, "UTF-8"),
        ("empty.md", b"", 1, "empty"),
        ("bad-date.md", "---\ntitle: 标题\ndate: 昨天下午\n---\n正文。\n".encode(), 3, "date"),
    ],
)
def test_bad_input_fails_alone_with_path_and_line(site: Path, name: str, content: bytes, line: int, words: str) -> None:
    (site / "content/posts" / name).write_bytes(content)
    write_post(site, "posts/good.md", "---\ntitle: 好\n---\n正文。\n")
    report = run_sync(site, CountingEngine())
    assert report.return_code == 1
    failed = {p.path: p.message for p in report.posts if p.state == "failed"}
    message = failed[f"content/posts/{name}"]
    assert re.search(rf"{re.escape(name)}:{line}: .*{words}", message, re.I), message
    assert " — " in message
    assert (site / "content/posts/good.en.md").exists()
    assert not (site / "content/posts" / name.replace(".md", ".en.md")).exists()
    assert (site / "content/posts" / name).read_bytes() == content


def test_only_front_matter_is_translated_without_a_body(site: Path) -> None:
    write_post(site, "posts/fm.md", "---\ntitle: 只有标题\n---\n")
    report = run_sync(site, CountingEngine())
    assert report.return_code == 0
    sibling = read_front_matter((site / "content/posts/fm.en.md").read_text(encoding="utf-8"))
    assert sibling["title"] == "⟦en⟧只有标题⟦/en⟧"


def test_missing_model_exits_before_writing_anything(site: Path) -> None:
    class NoModel(CountingEngine):
        def model_version(self, source: str, target: str) -> str:
            raise ModelMissingError("no zh→en model", hint="run `translate models install zh en`")

    write_post(site, "posts/a.md", POST)
    before = snapshot(site)
    with pytest.raises(ModelMissingError):
        run_sync(site, NoModel())
    after = {k: v for k, v in snapshot(site).items() if not k.startswith(".translate/")}
    assert after == {k: v for k, v in before.items() if not k.startswith(".translate/")}


def test_a_second_sync_is_refused_while_one_runs(site: Path) -> None:
    write_post(site, "posts/a.md", POST)
    with site_lock(site.resolve()):
        with pytest.raises(LockedError, match="another `translate sync`"):
            run_sync(site, CountingEngine())


def test_interrupted_sync_leaves_whole_files_and_resumes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import translate.pipeline.sync as sync_module

    monkeypatch.setattr(sync_module, "CHUNK_SEGMENTS", 3)
    for n in range(6):
        write_post(site, f"posts/p{n}.md", f"---\ntitle: 标题{n}\n---\n\n第一段{n}。\n\n第二段{n}。\n")
    with pytest.raises(KeyboardInterrupt):
        run_sync(site, FailingEngine(after=9))
    done = sorted(p.name for p in (site / "content/posts").glob("*.en.md"))
    assert done == ["p0.en.md", "p1.en.md", "p2.en.md"]  # whole chunks only
    assert not list(site.rglob("*.tmp"))
    for name in done:
        assert read_front_matter((site / "content/posts" / name).read_text(encoding="utf-8"))["translation"]
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert report.return_code == 0
    assert len(engine.segments) == 9  # only the three posts not yet done
    assert len(list((site / "content/posts").glob("*.en.md"))) == 6


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_crash_between_sibling_and_memory_is_recovered(site: Path, monkeypatch: pytest.MonkeyPatch, newline: str) -> None:
    path = write_post(site, "posts/a.md", POST.replace("\n", newline))
    run_sync(site, CountingEngine())
    path.write_text(POST.replace("第一段。", "第一段改了。").replace("\n", newline), encoding="utf-8")

    def crash(self: MemoryStore, source: Path, **options: object) -> None:
        raise SystemExit("killed after the siblings were written")

    monkeypatch.setattr(MemoryStore, "commit", crash)
    with pytest.raises(SystemExit):
        run_sync(site, CountingEngine())
    monkeypatch.undo()
    store = MemoryStore(site.resolve(), (site / "content").resolve())
    assert store.pending_path(path).exists()
    engine = CountingEngine()
    run_sync(site, engine)
    assert engine.calls == 0  # the work was done; it is not redone
    assert not store.pending_path(path).exists()
    memory = store.load(path)
    assert {s.origin for s in memory.targets["en"].segments} == {"machine"}  # not mistaken for human edits
    assert any(b.source == "第一段改了。" for b in memory.targets["en"].blocks)


def test_an_unchanged_crlf_sibling_is_not_reported_written(site: Path) -> None:
    """A glossary row this post never uses sends it down the slow path, but its sibling's text
    stays the same: compared as stored, CRLF and all, it is not written."""
    (site / "glossary").mkdir()
    terms = site / "glossary" / "terms.csv"
    terms.write_text("zh-CN,en\n高盛,Goldman Sachs\n", encoding="utf-8")
    write_post(site, "posts/a.md", POST.replace("\n", "\r\n"))
    run_sync(site, CountingEngine())
    terms.write_text("zh-CN,en\n高盛,Goldman Sachs\n摩根大通,JPMorgan Chase\n", encoding="utf-8")
    before = snapshot(site / "content")
    report = run_sync(site, CountingEngine())
    assert report.return_code == 0 and report.segments == 0
    assert [post.written for post in report.posts] == [[]]
    assert snapshot(site / "content") == before


def test_sibling_symlink_out_of_the_site_is_refused(site: Path, tmp_path: Path) -> None:
    write_post(site, "posts/a.md", POST)
    outside = tmp_path / "outside.md"
    outside.write_text("keep me", encoding="utf-8")
    (site / "content/posts/a.en.md").symlink_to(outside)
    report = run_sync(site, CountingEngine())
    assert report.return_code == 1
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_example_post_fixture_path_exists() -> None:
    assert EXAMPLE_POST.is_file()


def test_a_changed_shortcode_table_re_plans_posts_synced_before(site: Path) -> None:
    write_post(site, "posts/a.md", '---\ntitle: 甲\n---\n{{< tab name="标签" >}}\n\n正文。\n')
    run_sync(site, PseudoEngine())
    sibling = site / "content/posts/a.en.md"
    assert 'name="标签"' in sibling.read_text(encoding="utf-8")
    (site / "translate.toml").write_text('[shortcodes]\ntab = ["name"]\n', encoding="utf-8")
    run_sync(site, PseudoEngine())
    assert 'name="⟦en⟧标签⟦/en⟧"' in sibling.read_text(encoding="utf-8")
