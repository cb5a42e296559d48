"""The site-wide translation memory: boilerplate reaches the engine once per site, and a
person's translation elsewhere is offered, never applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.review.items import list_items
from translate.site.config import load_config

from support.fakes import CountingEngine
from support.sites import memory_segments, run_sync, write_post

OPENING = "智通财经APP获悉，高盛发布了最新报告。"
CLOSING = "本文来源：智通财经网。"


@pytest.fixture(autouse=True)
def no_glossary(site: Path) -> None:
    """The boilerplate reaches the engine as written (the built-in glossary would mask 智通财经)."""
    (site / "translate.toml").write_text("glossary = []\n", encoding="utf-8")


def write_posts(site: Path, first: int, count: int) -> None:
    for n in range(first, first + count):
        body = f"{OPENING}第{n}篇正文，市场上涨。{CLOSING}"
        write_post(site, f"posts/p{n:03}.md", f"---\ntitle: 标题{n}\n---\n\n{body}\n")


def boilerplate_calls(engine: CountingEngine) -> list[int]:
    return [sum("智通财经APP获悉" in s for s in engine.segments), sum(s.startswith("本文来源") for s in engine.segments)]


def test_boilerplate_reaches_the_engine_once_per_site(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import translate.pipeline.sync as sync_module

    monkeypatch.setattr(sync_module, "CHUNK_SEGMENTS", 100)  # several chunks: each learns from the ones before
    write_posts(site, 0, 200)
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert report.return_code == 0 and report.count("translated") == 200
    assert boilerplate_calls(engine) == [1, 1]
    assert report.total("reused_site") > 0

    write_posts(site, 200, 200)
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert boilerplate_calls(engine) == [0, 0]
    assert report.total("reused_site") == 400  # two sentences in each of the 200 new posts
    assert len(engine.segments) == 400  # each new post's title and own sentence only
    sibling = (site / "content/posts/p300.en.md").read_text(encoding="utf-8")
    assert f"⟦en⟧{CLOSING}⟦/en⟧" in sibling
    segments = memory_segments(site / ".translate/memory/posts/p300.md.jsonl")
    (closing,) = [s for s in segments if s["source"] == CLOSING]
    assert closing["origin"] == "machine" and closing["engine"] == "counting"


def test_another_model_does_not_reuse(site: Path) -> None:
    write_posts(site, 0, 2)
    run_sync(site, CountingEngine())

    class Other(CountingEngine):
        def model_version(self, source: str, target: str) -> str:
            return "other-2"

    write_posts(site, 2, 1)
    engine = Other()
    report = run_sync(site, engine)
    assert report.total("reused_site") == 0  # made with another model: not this run's output
    assert boilerplate_calls(engine) == [1, 1]  # the three posts' sentences, once each (the old two refreshed)
    assert report.total("translated") == 3 * 4


def test_a_persons_translation_elsewhere_is_offered_not_applied(site: Path) -> None:
    write_posts(site, 0, 1)
    run_sync(site, CountingEngine())
    sibling = site / "content/posts/p000.en.md"
    text = sibling.read_text(encoding="utf-8")
    sibling.write_text(text.replace(f"⟦en⟧{CLOSING}⟦/en⟧", "Source: Zhitong Finance."), encoding="utf-8")
    run_sync(site, CountingEngine())  # records the person's sentence
    write_posts(site, 1, 1)
    engine = CountingEngine()
    run_sync(site, engine)
    assert boilerplate_calls(engine) == [0, 1]  # the person's text is no machine output to reuse
    new = (site / "content/posts/p001.en.md").read_text(encoding="utf-8")
    assert "Source: Zhitong Finance." not in new and f"⟦en⟧{CLOSING}⟦/en⟧" in new
    (item,) = [i for i in list_items(load_config(site), post="content/posts/p001.md") if i.source == CLOSING]
    assert item.suggestion == "Source: Zhitong Finance."


def test_output_with_findings_is_not_reused_elsewhere(site: Path) -> None:
    """A post's machine text that came with findings (here the source text kept, because every
    reply broke the markup) is translated again for the next post, which so gets the findings
    too: as if both posts had been synced in one run."""
    from support.fakes import HostileEngine

    write_post(site, "posts/a.md", "---\ntitle: 甲\n---\n\n市场上涨了。\n")
    run_sync(site, HostileEngine("markup"))
    write_post(site, "posts/b.md", "---\ntitle: 乙\n---\n\n市场上涨了。\n")
    report = run_sync(site, HostileEngine("markup"))
    assert report.total("reused_site") == 0
    (first,) = [s for s in memory_segments(site / ".translate/memory/posts/a.md.jsonl") if s["source"] == "市场上涨了。"]
    (second,) = [s for s in memory_segments(site / ".translate/memory/posts/b.md.jsonl") if s["source"] == "市场上涨了。"]
    assert first["findings"] and second["findings"] == first["findings"]
