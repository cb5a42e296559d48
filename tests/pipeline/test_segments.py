"""The sentence is the unit: on the example post (one 40-sentence paragraph), a counting
engine and the files on disk show that one changed sentence costs one sentence, and that
a person's sentences are kept, merged, made stale and retired one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.document.peek import read_front_matter
from translate.errors import TranslateError
from translate.review.actions import accept_suggestion, approve
from translate.review.items import list_items
from translate.site.config import load_config

from support.fakes import CountingEngine
from support.sites import memory_segments, run_sync, write_post

SOURCE = "content/posts/deepseek-hedge-funds.md"
SIBLING = "content/posts/deepseek-hedge-funds.en.md"
MEMORY = ".translate/memory/posts/deepseek-hedge-funds.md.jsonl"
SENTENCE_3 = ("根据截至2月7日的资金流汇编数据", "根据截至2月8日的资金流汇编数据")
SENTENCE_10 = ("5000亿美元", "6000亿美元")


def long_block(site: Path) -> list[dict]:
    """The segments of the post's long paragraph (block 2: after the title and summary)."""
    return [s for s in memory_segments(site / MEMORY) if s["pos"] == 2 and not s.get("retired")]


def edit_source(site: Path, change: tuple[str, str]) -> None:
    path = site / SOURCE
    text = path.read_text(encoding="utf-8")
    assert text.count(change[0]) == 1
    path.write_text(text.replace(*change), encoding="utf-8")


def edit_sibling(site: Path, old: str, new: str) -> None:
    path = site / SIBLING
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def body(site: Path) -> str:
    return (site / SIBLING).read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_the_long_paragraph_is_forty_segments(example_site: Path) -> None:
    engine = CountingEngine()
    run_sync(example_site, engine)
    segments = long_block(example_site)
    assert len(segments) == 40
    assert len(engine.segments) == 43  # title, summary, 40 sentences, the link
    assert all(len(s["hashes"]) == 1 and s["origin"] == "machine" for s in segments)
    assert " ".join(s["text"] for s in segments) in body(example_site)


def test_editing_one_number_resends_one_sentence_and_changes_only_it(example_site: Path) -> None:
    run_sync(example_site, CountingEngine())
    before, old = body(example_site), long_block(example_site)
    edit_source(example_site, SENTENCE_10)
    engine = CountingEngine()
    report = run_sync(example_site, engine)
    assert len(engine.segments) == 1 and engine.segments[0].startswith("这一发布使得")
    new = long_block(example_site)
    changed = [n for n, (a, b) in enumerate(zip(old, new)) if a["text"] != b["text"]]
    assert changed == [9]
    assert "$600 billion" in new[9]["text"] and new[9]["previous_source"] == old[9]["source"]
    assert body(example_site) == before.replace(old[9]["text"], new[9]["text"])
    assert (report.total("translated"), report.total("reused")) == (1, 42)


def test_a_persons_sentence_is_kept_while_others_change_then_goes_stale_alone(example_site: Path) -> None:
    run_sync(example_site, CountingEngine())
    third = long_block(example_site)[2]["text"]
    edit_sibling(example_site, third, "Goldman's client note, in a person's words.")
    edit_source(example_site, SENTENCE_10)
    engine = CountingEngine()
    report = run_sync(example_site, engine)
    assert len(engine.segments) == 1 and engine.segments[0].startswith("这一发布使得")  # sentence 10, re-translated
    assert report.total("human_edits") == 1
    segments = long_block(example_site)
    assert segments[2]["origin"] == "human" and segments[2]["text"] == "Goldman's client note, in a person's words."
    assert [s["origin"] for s in segments].count("human") == 1
    assert "$600 billion" in segments[9]["text"]
    assert not any(s.get("stale") for s in segments)
    matter = read_front_matter((example_site / SIBLING).read_text(encoding="utf-8"))
    assert matter["translation"]["status"] == "edited"
    assert "Goldman's client note, in a person's words." in body(example_site)

    edit_source(example_site, SENTENCE_3)
    engine = CountingEngine()
    report = run_sync(example_site, engine)
    assert len(engine.segments) == 1 and "2月8日" not in engine.segments[0]  # the date is protected
    assert report.total("stale") == 1
    segments = long_block(example_site)
    assert [n for n, s in enumerate(segments) if s.get("stale")] == [2]
    assert segments[2]["text"] == "Goldman's client note, in a person's words."
    (item,) = list_items(load_config(example_site), reason="stale")
    assert item.translation == "Goldman's client note, in a person's words."
    assert "2月8日" in item.source and "2月7日" in item.previous_source
    assert item.source.count("。") == 1  # one sentence, not the paragraph
    assert {text for op, text in item.diff if op != 0} == {"7", "8"}
    assert item.suggestion and "February 8" in item.suggestion


def test_an_edit_across_two_sentences_is_one_human_unit_that_survives(example_site: Path) -> None:
    run_sync(example_site, CountingEngine())
    segments = long_block(example_site)
    fifth_and_sixth = segments[4]["text"] + " " + segments[5]["text"]
    merged = "Goldman's brokerage finances hedge funds; DeepSeek's model set off a wave of buying."
    edit_sibling(example_site, fifth_and_sixth, merged)
    edit_source(example_site, SENTENCE_10)
    engine = CountingEngine()
    run_sync(example_site, engine)
    assert len(engine.segments) == 1
    segments = long_block(example_site)
    assert len(segments) == 39
    unit = segments[4]
    assert unit["origin"] == "human" and unit["text"] == merged and len(unit["hashes"]) == 2
    assert "华尔街大行高盛" in unit["source"] and "DeepSeek掀起全球资金" in unit["source"]
    assert merged in body(example_site)
    engine = CountingEngine()
    run_sync(example_site, engine)
    assert engine.calls == 0 and long_block(example_site)[4] == unit


def test_a_deleted_paragraph_under_human_text_is_retired_not_lost(site: Path) -> None:
    post = write_post(site, "posts/a.md", "---\ntitle: 标题\n---\n\n第一段。\n\n第二段。第二句。\n\n第三段。\n")
    run_sync(site, CountingEngine())
    sibling = site / "content/posts/a.en.md"
    sibling.write_text(sibling.read_text(encoding="utf-8").replace("⟦en⟧第二句。⟦/en⟧", "The second sentence, by hand."),
                       encoding="utf-8")
    post.write_text(post.read_text(encoding="utf-8").replace("第二段。第二句。\n\n", ""), encoding="utf-8")
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert engine.calls == 0 and report.total("retired") == 1
    assert "The second sentence, by hand." not in sibling.read_text(encoding="utf-8")
    (retired,) = [s for s in memory_segments(site / ".translate/memory/posts/a.md.jsonl") if s.get("retired")]
    assert retired["text"] == "The second sentence, by hand." and retired["source"] == "第二句。"
    (item,) = list_items(load_config(site), reason="retired")
    assert item.translation == "The second sentence, by hand." and "source removed" in item.message
    engine = CountingEngine()
    run_sync(site, engine)  # kept on later syncs too
    assert [s["text"] for s in memory_segments(site / ".translate/memory/posts/a.md.jsonl") if s.get("retired")] == [
        "The second sentence, by hand."
    ]
    with pytest.raises(TranslateError):
        accept_suggestion(load_config(site), item.id)
    assert approve(load_config(site), [item.id]).done == [item.id]  # the editor lets it go
    assert not [s for s in memory_segments(site / ".translate/memory/posts/a.md.jsonl") if s.get("retired")]
    assert not list_items(load_config(site), reason="retired")


def test_a_deleted_machine_sentence_is_dropped(site: Path) -> None:
    post = write_post(site, "posts/a.md", "---\ntitle: 标题\n---\n\n第一句。第二句。第三句。\n")
    run_sync(site, CountingEngine())
    post.write_text(post.read_text(encoding="utf-8").replace("第二句。", ""), encoding="utf-8")
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert engine.calls == 0 and report.total("retired") == 0
    segments = memory_segments(site / ".translate/memory/posts/a.md.jsonl")
    assert [s["source"] for s in segments if s["key"] == "body"] == ["第一句。", "第三句。"]
    assert "⟦en⟧第一句。⟦/en⟧ ⟦en⟧第三句。⟦/en⟧" in (site / "content/posts/a.en.md").read_text(encoding="utf-8")


def test_accept_suggestion_on_one_segment_keeps_the_editors_other_fixes(example_site: Path) -> None:
    run_sync(example_site, CountingEngine())
    segments = long_block(example_site)
    edit_sibling(example_site, segments[2]["text"], "Sentence three, by an editor.")
    edit_sibling(example_site, segments[19]["text"], "Sentence twenty, by an editor.")
    run_sync(example_site, CountingEngine())
    edit_source(example_site, SENTENCE_3)
    run_sync(example_site, CountingEngine())
    config = load_config(example_site)
    (item,) = list_items(config, reason="stale")
    engine = CountingEngine()
    result = accept_suggestion(config, item.id, expected=item.translation)
    assert result.written == [SIBLING] and engine.calls == 0
    after = long_block(example_site)
    assert after[2]["text"] == item.suggestion and after[2]["origin"] == "reviewed" and not after[2].get("stale")
    assert after[19]["text"] == "Sentence twenty, by an editor." and after[19]["origin"] == "human"
    assert [s["text"] for n, s in enumerate(after) if n not in (2, 19)] == [
        s["text"] for n, s in enumerate(segments) if n not in (2, 19)
    ]
    assert "Sentence twenty, by an editor." in body(example_site) and item.suggestion in body(example_site)
    assert not list_items(config, reason="stale")


def test_the_sync_report_says_what_happened(example_site: Path) -> None:
    from typer.testing import CliRunner

    from translate.cli import app
    from translate.engines.pseudo import PseudoEngine

    run_sync(example_site, PseudoEngine())  # the engine the command will use: nothing to refresh
    edit_sibling(example_site, long_block(example_site)[2]["text"], "Sentence three, by an editor.")
    edit_source(example_site, SENTENCE_10)
    result = CliRunner().invoke(app, ["sync", "--site", str(example_site), "--engine", "pseudo", "-v"])
    assert result.exit_code == 0, result.output
    assert f"{SOURCE}: 1 human-edited" in result.output  # with -v, per post
    assert "segments: 1 translated, 42 reused, 0 reused site-wide, 1 human-edited" in result.output


def test_diff_prints_the_changed_sentence_not_the_paragraph(example_site: Path) -> None:
    from typer.testing import CliRunner

    from translate.cli import app

    run_sync(example_site, CountingEngine())
    edit_source(example_site, SENTENCE_10)
    result = CliRunner().invoke(app, ["diff", str(example_site / SOURCE), "--site", str(example_site)])
    assert result.exit_code == 0, result.output
    (where, change) = result.output.strip().split("\n")
    assert where.endswith(".md:29 [en] body")  # the paragraph's line (a sentence has no line of its own)
    assert change.strip() == "这一发布使得“AI芯片霸主”英伟达的市值蒸发单日超[-5-]{+6+}000亿美元。"
