"""Markup placed by alignment (pure): spans on the words they covered, kept ordered and
nested, and never dropped when the alignment gives them nowhere to go."""

from __future__ import annotations

from translate.markup.alignment import CLOSE, OPEN, POINT, Alignment, Marker, place_markers

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
