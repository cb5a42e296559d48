"""Human edits mapped onto segments: which sentences a person touched, and their text byte for byte."""

from __future__ import annotations

import pytest

from translate.memory.records import HUMAN, MACHINE, SegmentRecord
from translate.pipeline.edits import edit_groups, record_edits

EN = ["One.", "Two.", "Three.", "Four."]


def groups(now: str, texts: list[str] = EN, sep: str = " ") -> list[tuple[int, int, str, bool]] | None:
    return edit_groups(texts, sep.join(texts), now, sep)


def test_an_edit_inside_one_sentence_touches_only_it() -> None:
    assert groups("One. Two, really. Three. Four.") == [
        (0, 0, "One.", False), (1, 1, "Two, really.", True), (2, 2, "Three.", False), (3, 3, "Four.", False)]


@pytest.mark.parametrize(
    ("now", "kept"),
    [
        ("One. **Two.** Three. Four.", "**Two.**"),  # emphasis
        ("One. Two. And more. Three. Four.", "And more."),  # a sentence added
        ("One. Two.  \nThree. Four.", "  \n"),  # a hard break between two sentences
    ],
)
def test_what_a_person_writes_is_kept_byte_for_byte(now: str, kept: str) -> None:
    found = groups(now)
    assert found is not None
    assert " ".join(text for _, _, text, _ in found if text) == now
    (edited,) = [g for g in found if g[3]]
    assert kept in " " + edited[2]
    assert [g[2] for g in found if not g[3]] == [t for n, t in enumerate(EN) if not edited[0] <= n <= edited[1]]


def test_one_change_across_two_sentences_merges_them() -> None:
    assert groups("One. Two and three together. Four.") == [
        (0, 0, "One.", False), (1, 2, "Two and three together.", True), (3, 3, "Four.", False)]


def test_a_deleted_sentence_is_a_human_unit_with_no_text() -> None:
    found = groups("One. Three. Four.")
    assert (1, 1, "", True) in found and (2, 2, "Three.", False) in found


def test_cjk_targets_join_without_spaces() -> None:
    texts = ["第一句。", "第二句。", "第三句。"]
    assert groups("第一句。第二句改了。第三句。", texts, "") == [
        (0, 0, "第一句。", False), (1, 1, "第二句改了。", True), (2, 2, "第三句。", False)]


def test_text_that_no_longer_joins_becomes_one_unit() -> None:
    segments = [SegmentRecord(t, (f"h{n}",), t, origin=MACHINE) for n, t in enumerate(EN)]
    out, units = record_edits(segments, "One. Two. Three. Four!", "Totally rewritten.", "en", "zh-CN")
    assert units == 1 and len(out) == 1
    (unit,) = out
    assert unit.origin == HUMAN and unit.text == "Totally rewritten." and unit.hashes == ("h0", "h1", "h2", "h3")
