"""Planning against memory: content identity, human edits, staleness, divergence."""

from pathlib import Path

import pytest

from translate.errors import PostError
from translate.markup.placeholders import Masked
from translate.memory.records import HUMAN, MACHINE, REVIEWED, BlockRecord, PostMemory, SegmentRecord, TargetMemory
from translate.pipeline.plan import REUSE, SUGGEST, TRANSLATE, PlanRules, SiblingState, pair_blocks, plan_target
from translate.pipeline.read import Terms, Unit


def units(*texts: str) -> list[Unit]:
    return [Unit.of("body", Masked(t), n + 1, "zh-CN") for n, t in enumerate(texts)]


def plan_of(us: list[Unit], memory: TargetMemory | None, sibling: SiblingState | None, *, policy: str = "keep",
         versions: list[str] | None = None):
    """`plan_target` with no glossary terms, or terms of these versions."""
    terms = {id(u): Terms((), v) for u, v in zip(us, versions)} if versions else {}
    return plan_target(us, lambda u: terms.get(id(u), Terms()), memory, sibling, PlanRules("en", policy, source="zh-CN"))


def memory_for(us: list[Unit], origin: str = MACHINE) -> TargetMemory:
    """Memory of one-sentence blocks, each translated as `EN <source>`."""
    return TargetMemory(
        "content/a.en.md",
        blocks=tuple(
            BlockRecord("body", u.source, u.hash, f"EN {u.source}",
                        (SegmentRecord(u.source, (u.hash,), f"EN {u.source}", origin=origin),))
            for u in us
        ),
    )


def test_pairing_by_content_survives_insert_and_move() -> None:
    assert pair_blocks(["a", "b", "c"], ["x", "a", "b", "c"]) == [(None, 0), (0, 1), (1, 2), (2, 3)]
    assert pair_blocks(["a", "b", "c"], ["a", "B", "c"]) == [(0, 0), (1, 1), (2, 2)]
    assert pair_blocks(["a", "b"], ["a"]) == [(0, 0), (1, None)]


def test_unchanged_source_reuses_everything() -> None:
    old = units(*[f"段落{i}。" for i in range(20)])
    plan = plan_of(old, memory_for(old), None)
    assert [p.action for p in plan.planned] == [REUSE] * 20


def test_one_edited_paragraph_is_the_only_translation() -> None:
    old = units(*[f"段落{i}。" for i in range(20)])
    new = units(*[f"段落{i}。" if i != 7 else "改过的段落。" for i in range(20)])
    plan = plan_of(new, memory_for(old), None)
    assert [p.unit.source for p in plan.queued] == ["改过的段落。"]
    assert plan.queued[0].record.previous_source == "段落7。"


def test_inserted_paragraph_at_top_translates_one() -> None:
    old = units(*[f"段落{i}。" for i in range(20)])
    new = units("新的开头。", *[f"段落{i}。" for i in range(20)])
    plan = plan_of(new, memory_for(old), None)
    assert [p.unit.source for p in plan.queued] == ["新的开头。"]
    assert sum(p.action == REUSE for p in plan.planned) == 20


def test_human_edit_is_detected_and_kept() -> None:
    old = units("甲。", "乙。")
    sibling = SiblingState({}, ["EN 甲。", "A person's words."])
    plan = plan_of(old, memory_for(old), sibling)
    assert [p.action for p in plan.planned] == [REUSE, REUSE]
    assert plan.planned[1].record.origin == HUMAN
    assert plan.planned[1].record.text == "A person's words."
    assert plan.human_edits == 1


def test_changed_source_under_human_text_is_stale_with_suggestion() -> None:
    old = units("甲。", "乙。")
    new = units("甲。", "乙改了。")
    sibling = SiblingState({}, ["EN 甲。", "A person's words."])
    plan = plan_of(new, memory_for(old), sibling)
    suggest = plan.planned[1]
    assert suggest.action == SUGGEST
    assert suggest.record.stale and suggest.record.text == "A person's words."
    assert suggest.record.previous_source == "乙。"


def test_retranslate_policy_replaces_reviewed_text() -> None:
    old = units("甲。")
    plan = plan_of(units("甲改。"), memory_for(old, REVIEWED), None, policy="retranslate")
    assert plan.planned[0].action == TRANSLATE


def test_merged_blocks_make_the_target_diverged() -> None:
    old = units("甲。", "乙。")
    plan = plan_of(old, memory_for(old), SiblingState({}, ["EN 甲。 EN 乙。"]))
    assert plan.diverged


def test_glossary_change_retranslates_only_machine_blocks_with_the_term() -> None:
    old = units("高盛说。", "别的。")
    memory = memory_for(old)
    plan = plan_of(old, memory, None, versions=["v2", ""])
    assert [p.action for p in plan.planned] == [TRANSLATE, REUSE]


def test_memory_round_trips_as_sorted_json_lines() -> None:
    us = units("甲。", "乙\n换行。")
    memory = PostMemory("content/posts/a.md", {"en": memory_for(us)})
    text = memory.dumps()
    assert len(text.splitlines()) == 3  # header + one line per block
    assert PostMemory.loads(text) == memory
    assert PostMemory.loads(text).dumps() == text


def test_memory_keeps_unicode_line_separators_inside_a_block() -> None:
    """JSON writes U+2028/U+2029/U+0085 raw; only "\\n" ends a memory line."""
    us = units("甲\u2028乙。", "丙\u2029丁\x85。")
    memory = PostMemory("content/posts/a.md", {"en": memory_for(us)})
    assert PostMemory.loads(memory.dumps()) == memory


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", 1),
        ("[]\n", 1),  # a header that is no mapping
        ('{"targets": {}}\n', 1),  # no source
        ('{"source": "a.md", "targets": {"en": {}}}\n', 1),  # a target without its sibling
        ('{"source": "a.md", "targets": {}}\n{"target": "en"\n', 2),
    ],
)
def test_a_broken_memory_file_is_a_post_error_at_its_line(text: str, line: int) -> None:
    with pytest.raises(PostError, match="translation memory is unreadable") as caught:
        PostMemory.loads(text, Path("memory/a.md.jsonl"))
    assert caught.value.line == line and caught.value.path == Path("memory/a.md.jsonl")


def test_a_post_whose_every_block_is_gone_keeps_the_edit_made_to_it() -> None:
    """The source emptied while a person edited its sibling: no unit is left to say the
    source language, and the person's words are retired, not lost (this used to raise)."""
    old = units("甲。")
    plan = plan_of([], memory_for(old), SiblingState({}, ["A person's words."]))
    assert [s.text for s in plan.retired] == ["A person's words."]
