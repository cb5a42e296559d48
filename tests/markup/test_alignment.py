"""Markup placed by alignment (pure): spans on the words they covered, kept ordered and
nested, and never dropped when the alignment gives them nowhere to go."""

from __future__ import annotations

from translate.markup.alignment import CLOSE, OPEN, POINT, Alignment, Marker, Replacement, place_markers, replace_aligned

# 高盛 | 看好 | 中国 | 股票 | 。  →  Goldman Sachs is bullish on Chinese stocks .
SOURCE = "高盛看好中国股票。"
PIECES = ((0, 2), (2, 4), (4, 6), (6, 8), (8, 9))
UNITS = ("Goldman", "Sachs", "is", "bullish", "on", "Chinese", "stocks", ".")
SPACED = (True, True, True, True, True, True, True, False)
LINKS = (0, 0, 1, 1, 1, 2, 3, 4)


def aligned(links: tuple[int, ...] = LINKS) -> Alignment:
    return Alignment(SOURCE, PIECES, UNITS, SPACED, links)


def span(i: int, start: int, end: int) -> list[Marker]:
    return [Marker("{%d}" % i, start, OPEN), Marker("{%d}" % (i + 1), end, CLOSE)]


def test_a_span_wraps_the_target_words_its_source_words_align_to() -> None:
    out, notes = place_markers(aligned(), span(0, 0, 2) + span(2, 4, 8))
    assert out == "{0}Goldman Sachs{1} is bullish on {2}Chinese stocks{3}."
    assert notes == []


def test_reordered_words_still_get_their_span() -> None:
    # 股票 aligned before 中国 in the target: the span covers the whole run between them.
    out, _ = place_markers(aligned((0, 0, 1, 1, 1, 3, 2, 4)), span(0, 4, 6))
    assert out == "Goldman Sachs is bullish on Chinese {0}stocks{1}."


def test_nested_spans_stay_nested() -> None:
    links = (2, 2, 1, 1, 1, 0, 3, 4)
    out, notes = place_markers(aligned(links), span(0, 0, 4) + span(2, 0, 2) + span(4, 6, 8))
    assert out == "Goldman Sachs {0}is bullish on {2}Chinese{3}{1} {4}stocks{5}."
    assert notes == []


def test_interleaved_siblings_keep_the_source_order_and_are_reported() -> None:
    # 高盛's words and 看好's interleave: the second span moves after the first, reported.
    links = (0, 1, 1, 0, 2, 2, 3, 4)
    out, notes = place_markers(aligned(links), span(0, 0, 2) + span(2, 2, 4))
    assert [out.index("{%d}" % i) for i in range(4)] == sorted(out.index("{%d}" % i) for i in range(4))
    assert all(out.count("{%d}" % i) == 1 for i in range(4))
    assert len(notes) == 1 and notes[0].startswith("{2}…{3}")


def test_a_span_with_no_aligned_word_is_kept_at_the_nearest_point_and_reported() -> None:
    links = (0, 0, 0, 0, 0, 2, 3, 4)  # nothing aligns to 看好
    out, notes = place_markers(aligned(links), span(0, 2, 4))
    assert out.count("{0}") == 1 and out.count("{1}") == 1
    assert out.index("{0}") < out.index("{1}")
    assert len(notes) == 1 and "{0}…{1}" in notes[0] and "nearest" in notes[0]


def test_points_follow_the_word_before_and_the_sentence_end_goes_to_the_end() -> None:
    markers = [Marker("{0}", 0, POINT), Marker("{1}", 6, POINT), Marker("{2}", 9, POINT)]
    out, notes = place_markers(aligned(), markers)
    assert out == "{0}Goldman Sachs is bullish on Chinese{1} stocks.{2}"
    assert notes == []


def test_a_marker_before_the_closing_punctuation_lands_before_the_target_one() -> None:
    out, _ = place_markers(aligned(), [Marker("{0}", 8, POINT)])
    assert out == "Goldman Sachs is bullish on Chinese stocks{0}."


def test_no_target_words_keeps_every_marker() -> None:
    out, notes = place_markers(Alignment(SOURCE, PIECES, (), (), ()), span(0, 0, 2))
    assert out == "{0}{1}" and len(notes) == 2


def replacement(start: int, end: int, text: str, words: int = 2) -> Replacement:
    return Replacement(start, end, text, words)


def test_a_term_s_aligned_words_give_way_to_its_target() -> None:
    new, notes = replace_aligned(aligned(), [replacement(0, 2, "{9}"), replacement(4, 8, "{8}")])
    assert new.text() == "{9} is bullish on {8}." and notes == []
    out, _ = place_markers(new, span(0, 4, 8))
    assert out == "{9} is bullish on {0}{8}{1}."  # markup around the term still wraps it


def test_a_stray_link_does_not_widen_the_replaced_run() -> None:
    # "is" strays to 中国 (piece 2): the largest cluster of its words is still Chinese stocks.
    new, _ = replace_aligned(aligned((0, 0, 2, 1, 1, 2, 3, 4)), [replacement(4, 8, "{8}")])
    assert new.text() == "Goldman Sachs is bullish on {8}."


def test_a_term_the_model_left_out_is_inserted_where_a_point_would_go_and_reported() -> None:
    new, notes = replace_aligned(aligned((1, 1, 1, 1, 1, 2, 3, 4)), [replacement(0, 2, "{9}")])
    assert new.text() == "{9} Goldman Sachs is bullish on Chinese stocks."
    assert notes == ["高盛 had no aligned target word: inserted at the nearest sensible point"]


def test_a_run_too_wide_for_the_target_or_overlapping_runs_fall_back() -> None:
    wide = (0, 0, 0, 0, 0, 2, 3, 4)  # five words for a one-word target: not a rendering of it
    assert replace_aligned(aligned(wide), [replacement(0, 2, "{9}", words=1)]) is None
    assert replace_aligned(aligned(), [replacement(0, 2, "{9}"), replacement(1, 3, "{8}")]) is None
