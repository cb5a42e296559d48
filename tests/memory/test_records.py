"""Memory format 2: blocks holding segments, retired lines, a header with per-segment counts."""

from __future__ import annotations

import json

from translate.memory.records import FORMAT, HUMAN, BlockRecord, PostMemory, SegmentRecord, TargetMemory


def test_segments_and_retired_lines_round_trip_deterministically() -> None:
    machine = SegmentRecord("甲。", ("h1",), "A.", machine="A.", engine="argos", model="m 1")
    person = SegmentRecord("乙。丙。", ("h2", "h3"), "B and C, by hand.", origin=HUMAN)
    gone = SegmentRecord("丁。", ("h4",), "D, by hand.", origin=HUMAN)
    target = TargetMemory(
        "content/a.en.md",
        blocks=(BlockRecord("body", "甲。乙。丙。", "b1", "A. B and C, by hand.", (machine, person)),),
        retired=(BlockRecord("body", "丁。", "b2", "D, by hand.", (gone,)),),
    )
    memory = PostMemory("content/a.md", {"en": target})
    text = memory.dumps()
    header, block, retired = (json.loads(line) for line in text.splitlines())
    assert header["memory"] == FORMAT
    counts = header["targets"]["en"]
    assert (counts["blocks"], counts["segments"], counts["machine"], counts["human"], counts["retired"]) == (1, 2, 1, 1, 1)
    assert counts["made_with"] == {"argos/m 1": 1}
    assert [s["hashes"] for s in block["segments"]] == [["h1"], ["h2", "h3"]]
    assert retired["retired"] is True and retired["segments"][0]["text"] == "D, by hand."
    again = PostMemory.loads(text)
    assert again == memory and again.dumps() == text
