"""The review queue library: items, stable ids, and every action asserted on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.errors import TranslateError, UsageError
from translate.memory.store import MemoryStore
from translate.review.actions import (
    EditConflict,
    accept_suggestion,
    approve,
    approve_all_clean,
    approve_post,
    retranslate,
    save_edit,
)
from translate.review.items import ItemNotFound, get_item, list_items
from translate.site.config import load_config

from support.fakes import CountingEngine, HostileEngine
from support.review_site import ReviewSite, make_review_site
from support.sites import run_sync, write_post


@pytest.fixture
def rs(site: Path) -> ReviewSite:
    return make_review_site(site)


def by_text(items, part: str):
    (found,) = [i for i in items if part in i.translation]
    return found


def test_queue_lists_machine_blocks_and_the_stale_human_block(rs: ReviewSite) -> None:
    items = list_items(load_config(rs.root))
    assert [(i.post, i.key, i.reasons) for i in items] == [
        ("content/posts/a.md", "field:title", ("unreviewed",)),
        ("content/posts/a.md", "body", ("unreviewed",)),
        ("content/posts/a.md", "body", ("unreviewed",)),
        ("content/posts/a.md", "body", ("unreviewed",)),
        ("content/posts/b.md", "field:title", ("unreviewed",)),
        ("content/posts/b.md", "body", ("unreviewed",)),
        ("content/posts/b.md", "body", ("stale",)),
    ]
    stale = items[-1]
    assert stale.translation == "Second paragraph, by a person."
    assert stale.source == "第二段，新的原文。" and stale.previous_source == "第二段，原文。"
    assert (1, "新的") in stale.diff
    assert stale.suggestion == "⟦en⟧第二段，新的原文。⟦/en⟧"
    source_lines = rs.b.read_text(encoding="utf-8").splitlines()
    assert source_lines[stale.line - 1] == "第二段，新的原文。"
    assert len({i.id for i in items}) == len(items)


def test_ids_survive_unrelated_edits_and_equal_blocks_differ(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    before = {i.translation + str(n): i.id for n, i in enumerate(list_items(config, post=rs.a))}
    first, *_, last = [i for i in list_items(config, post=rs.a) if "第一段" in i.source]
    assert first.id != last.id  # two equal paragraphs, two items
    rs.a.write_text(rs.a.read_text(encoding="utf-8").replace("第一段。\n\n第二段", "新开头。\n\n第一段。\n\n第二段", 1), encoding="utf-8")
    run_sync(rs.root, CountingEngine())
    after = list_items(config, post=rs.a)
    assert set(before.values()) <= {i.id for i in after}
    assert len(after) == len(before) + 1


@pytest.mark.parametrize(
    ("filters", "count"),
    [({"language": "en"}, 7), ({"reason": "stale"}, 1), ({"reason": "unreviewed"}, 6), ({"post": "content/posts/b.md"}, 3),
     ({"post": "posts/a.md"}, 4), ({"reason": "glossary"}, 0)],
)
def test_filters(rs: ReviewSite, filters: dict, count: int) -> None:
    assert len(list_items(load_config(rs.root), **filters)) == count


@pytest.mark.parametrize("filters", [{"reason": "typo"}, {"language": "xx"}, {"language": "zh-CN"}, {"post": "posts/nope.md"}])
def test_bad_filters_are_usage_errors(rs: ReviewSite, filters: dict) -> None:
    with pytest.raises(UsageError):
        list_items(load_config(rs.root), **filters)


@pytest.mark.parametrize("ident", ["../../etc/passwd", "ABCDEF012345", "", "0" * 12])
def test_get_item_refuses_bad_and_unknown_ids(rs: ReviewSite, ident: str) -> None:
    with pytest.raises(ItemNotFound):
        get_item(load_config(rs.root), ident)


def test_approve_marks_reviewed_and_status_follows_the_last_block(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    items = list_items(config, post=rs.a)
    approve(config, [items[0].id, items[1].id])
    assert rs.record("a", "Goldman Sachs报告")["origin"] == "reviewed"
    assert rs.status("a") == "machine"
    assert [i.id for i in list_items(config, post=rs.a)] == [items[2].id, items[3].id]
    approve(config, [items[2].id, items[3].id])
    assert rs.status("a") == "reviewed"
    assert {r["origin"] for r in rs.records("a")} == {"reviewed"}
    assert list_items(config, post=rs.a) == []


def test_approve_post_and_all_clean(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    result = approve_all_clean(config)
    assert len(result.done) == 6
    remaining = list_items(config)
    assert [i.reasons for i in remaining] == [("stale",)]  # a stale block needs a decision
    approve_post(config, rs.b)
    assert list_items(config) == []
    assert rs.record("b", "by a person") == {**rs.record("b", "by a person"), "origin": "reviewed"}
    assert "stale" not in rs.record("b", "by a person") and "suggestion" not in rs.record("b", "by a person")
    assert rs.status("b") == "reviewed"


def test_all_clean_skips_items_with_findings(site: Path) -> None:
    write_post(site, "posts/c.md", "---\ntitle: 标题\n---\n\n第一段含`code`。\n")
    run_sync(site, HostileEngine("drop"))
    config = load_config(site)
    assert any(i.findings for i in list_items(config))
    approve_all_clean(config)
    (left,) = list_items(config)
    assert left.findings and "unreviewed" in left.reasons
    approve(config, [left.id])  # an editor's approval resolves the findings too
    assert list_items(config) == []


def test_accept_suggestion_replaces_the_human_text(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    stale = list_items(config, reason="stale")[0]
    accept_suggestion(config, stale.id)
    assert "⟦en⟧第二段，新的原文。⟦/en⟧" in rs.text("b") and "by a person" not in rs.text("b")
    record = rs.record("b", "新的原文")
    assert record["origin"] == "reviewed" and "stale" not in record and "suggestion" not in record
    assert rs.status("b") == "machine"  # title and first paragraph still unreviewed
    assert get_item(config, stale.id).reasons == ()  # resolved, still addressable
    with pytest.raises(UsageError, match="no suggestion"):
        accept_suggestion(config, stale.id)


def test_accept_suggestion_needs_one(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    with pytest.raises(UsageError, match="no suggestion"):
        accept_suggestion(config, list_items(config, post=rs.a)[0].id)


def test_save_edit_writes_human_text(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    item = list_items(config, post=rs.a)[2]
    save_edit(config, item.id, "Second paragraph with `code`.\r\n", expected=item.translation)
    assert "\n\nSecond paragraph with `code`.\n" in rs.text("a")
    record = rs.record("a", "Second paragraph")
    assert record["origin"] == "human" and record["machine"] == item.translation
    assert rs.status("a") == "edited"
    assert item.id not in {i.id for i in list_items(config)}
    run_sync(rs.root, CountingEngine())  # a sync keeps the person's text
    assert "Second paragraph with `code`." in rs.text("a")


def test_save_edit_refuses_a_concurrent_change(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    item = list_items(config, post=rs.a)[2]
    save_edit(config, item.id, "First editor's text.", expected=item.translation)
    sibling, memory = rs.text("a"), rs.records("a")
    with pytest.raises(EditConflict, match="changed since you opened it"):
        save_edit(config, item.id, "Second editor's text.", expected=item.translation)
    assert rs.text("a") == sibling and rs.records("a") == memory


def test_edit_in_the_file_is_seen_by_the_conflict_check(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    item = list_items(config, post=rs.a)[1]
    rs.sibling("a").write_text(rs.text("a").replace(item.translation, "Edited in the file."), encoding="utf-8")
    with pytest.raises(EditConflict):
        approve(config, [item.id], expected={item.id: item.translation})
    assert "Edited in the file." in rs.text("a")


@pytest.mark.parametrize("text", ["", "  \n"])
def test_save_edit_refuses_empty_text(rs: ReviewSite, text: str) -> None:
    config = load_config(rs.root)
    item = list_items(config, post=rs.a)[1]
    with pytest.raises(UsageError, match="empty"):
        save_edit(config, item.id, text, expected=item.translation)


def test_retranslate_runs_the_engine_on_one_block(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    stale = list_items(config, reason="stale")[0]
    engine = CountingEngine()
    retranslate(config, stale.id, engine)
    assert engine.segments == ["第二段，新的原文。"]
    assert "⟦en⟧第二段，新的原文。⟦/en⟧" in rs.text("b")
    again = get_item(config, stale.id)  # same content, same id: now unreviewed machine text
    assert again.reasons == ("unreviewed",) and again.origin == "machine"


def test_diverged_post_is_one_item_that_no_action_touches(rs: ReviewSite) -> None:
    sibling = rs.sibling("a")
    sibling.write_text(sibling.read_text(encoding="utf-8").replace("⟦/en⟧\n\n⟦en⟧第二段", "⟦/en⟧ ⟦en⟧第二段"), encoding="utf-8")
    config = load_config(rs.root)
    (item,) = list_items(config, post=rs.a)
    assert item.reasons == ("diverged",) and not item.actionable and "realign" in item.message
    before = sibling.read_bytes()
    with pytest.raises(TranslateError, match="realign"):
        approve(config, [item.id])
    assert sibling.read_bytes() == before


def test_outdated_post_asks_for_a_sync_first(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    old = list_items(config, post=rs.a)[1]
    rs.a.write_text(rs.a.read_text(encoding="utf-8") + "\n新段落。\n", encoding="utf-8")
    (item,) = list_items(config, post=rs.a)
    assert item.reasons == ("outdated",) and "translate sync" in item.message
    with pytest.raises(ItemNotFound):
        approve(config, [old.id])
    assert approve_post(config, rs.a).done == []


def test_memory_stays_consistent_after_actions(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    approve_all_clean(config)
    store = MemoryStore(config.root, config.content_dir)
    memory = store.load(rs.a)
    assert memory is not None and memory.targets["en"].status() == "reviewed"
    assert not list((config.root / ".translate").rglob("*.pending"))
    report = run_sync(rs.root, CountingEngine())  # nothing left for sync to do
    assert report.segments == 0


def test_queue_sees_a_same_size_edit_made_right_after_listing(rs: ReviewSite) -> None:
    config = load_config(rs.root)
    item = list_items(config, post=rs.a)[1]
    edited = item.translation.replace("。", "！")
    assert len(edited.encode()) == len(item.translation.encode())
    rs.sibling("a").write_text(rs.text("a").replace(item.translation, edited, 1), encoding="utf-8")
    again = get_item(config, item.id)
    assert again.translation == edited and again.origin == "human" and again.reasons == ()
