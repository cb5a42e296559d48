"""Memory format 1 (block-level, `fixtures/v1_site`, written by that release) is upgraded
in place by the next sync: no engine call, no person's text lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from translate.memory.records import FORMAT, PostMemory
from translate.review.items import list_items
from translate.site.config import load_config

from support.fakes import CountingEngine
from support.sites import memory_segments, run_sync, snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "v1_site"
HUMAN_TEXTS = (
    "This wiped more than $500 billion off Nvidia's market value in one day.",
    "Second paragraph, by a person.",
    "Third paragraph, by a person.",
)


@pytest.fixture
def v1_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    return site


def memory_file(site: Path, name: str) -> Path:
    return site / ".translate" / "memory" / "posts" / f"{name}.md.jsonl"


def test_the_fixture_is_format_1() -> None:
    for path in (FIXTURE / ".translate").rglob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert json.loads(lines[0])["memory"] == 1 and all("segments" not in json.loads(line) for line in lines[1:])


def test_format_1_upgrades_without_an_engine_call_or_a_lost_word(v1_site: Path) -> None:
    siblings = {p.name: p.read_bytes() for p in (v1_site / "content").rglob("*.en.md")}
    engine = CountingEngine()
    report = run_sync(v1_site, engine)
    assert report.return_code == 0
    assert engine.calls == 0
    assert {p.name: p.read_bytes() for p in (v1_site / "content").rglob("*.en.md")} == siblings
    for name in ("deepseek-hedge-funds", "b"):
        lines = memory_file(v1_site, name).read_text(encoding="utf-8").splitlines()
        assert json.loads(lines[0])["memory"] == FORMAT
    segments = [s for name in ("deepseek-hedge-funds", "b") for s in memory_segments(memory_file(v1_site, name))]
    for text in HUMAN_TEXTS:
        (unit,) = [s for s in segments if text in s["text"]]
        assert unit["origin"] == "human"
    # The long paragraph a person touched is one human unit covering its 40 sentences.
    (long,) = [s for s in segments if HUMAN_TEXTS[0] in s["text"]]
    assert len(long["hashes"]) == 40
    # The stale block keeps its suggestion and previous source for the review queue.
    (stale,) = list_items(load_config(v1_site), reason="stale")
    assert stale.translation == "Second paragraph, by a person."
    assert stale.previous_source == "第二段，原文。" and stale.suggestion == "⟦en⟧第二段，新的原文。⟦/en⟧"
    before = snapshot(v1_site)
    engine = CountingEngine()
    run_sync(v1_site, engine)
    assert engine.calls == 0 and snapshot(v1_site) == before


def test_a_format_1_machine_block_is_split_into_sentences_when_it_changes(v1_site: Path) -> None:
    run_sync(v1_site, CountingEngine())
    source = v1_site / "content/posts/b.md"
    source.write_text(source.read_text(encoding="utf-8").replace("第二句。", "第二句改了。"), encoding="utf-8")
    engine = CountingEngine()
    run_sync(v1_site, engine)
    assert engine.segments == ["开头。", "第二句改了。"]  # once; from now on per sentence
    block = [s for s in memory_segments(memory_file(v1_site, "b")) if s["pos"] == 1]
    assert [(s["source"], len(s["hashes"])) for s in block] == [("开头。", 1), ("第二句改了。", 1)]
    source.write_text(source.read_text(encoding="utf-8").replace("第二句改了。", "第二句又改了。"), encoding="utf-8")
    engine = CountingEngine()
    run_sync(v1_site, engine)
    assert engine.segments == ["第二句又改了。"]


def test_format_1_loads_as_one_segment_per_block() -> None:
    memory = PostMemory.loads(memory_file(FIXTURE, "b").read_text(encoding="utf-8"))
    blocks = memory.targets["en"].blocks
    assert [len(b.segments) for b in blocks] == [1, 1, 1, 1]
    assert all(b.segments[0].hashes == () for b in blocks)
    assert blocks[2].segments[0].stale and blocks[2].segments[0].origin == "human"
