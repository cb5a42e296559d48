"""Markup put back by alignment: where the placeholders of a sentence go in a translation
made without them.

A model that never saw our `{n}` mangles or drops it; the systems that handle markup well
with such models (Bergamot's `html.cpp`, OPUS-CAT) translate the text alone and put the
markup back on the target words that the source words it covered align to. Here the
alignment is one source piece per target unit (the argmax of the model's attention, the
pieces of one word summed, so a word never splits), and the markers are the placeholders
of a masked sentence at their character offsets in the text without them:

- a paired span (`**`…`**`, `[`…`](url)`, `<b>`…`</b>`) wraps the smallest run of target
  units aligned to the source pieces it covered;
- a point (inline code, a footnote reference, an unpaired tag) goes after the unit aligned
  to the piece before it, or before the first unit when it opened the sentence;
- the sentence end aligns to the end: a marker at the end of the source goes to the end
  of the target, one just before its closing punctuation just before the target's.

Sanity, as the output must stay well-formed: spans keep the source's order and nesting (a
child is clamped into its parent, a sibling starts after the one before it). A span none
of whose pieces any unit aligns to, or that clamping leaves empty, is reported and wraps
the unit nearest its source position: it is never dropped. This module is pure; the argos
engine gives the alignment (`ArgosEngine.translate_aligned`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Sequence

OPEN, CLOSE, POINT = "open", "close", "point"


@dataclass(frozen=True)
class Alignment:
    """A translation as units (words and punctuation) with the source piece each aligns to."""

    source: str  # the source text, without placeholders
    pieces: tuple[tuple[int, int], ...]  # each source piece's character span in `source`
    units: tuple[str, ...]  # target words and punctuation marks, in order
    spaced: tuple[bool, ...]  # whether a space goes before each unit
    links: tuple[int, ...]  # the source piece each unit aligns to

    def text(self) -> str:
        return join_units(self.units, self.spaced, [""] * len(self.units), [""] * len(self.units))


@dataclass(frozen=True)
class Marker:
    """A placeholder of the source: where it stood in the text without placeholders."""

    text: str  # "{3}"
    position: int  # character offset in the source text without placeholders
    role: str  # OPEN | CLOSE | POINT


def is_punctuation(unit: str) -> bool:
    return bool(unit) and all(unicodedata.category(c)[0] in "PS" for c in unit)


def join_units(units: Sequence[str], spaced: Sequence[bool], before: Sequence[str], after: Sequence[str]) -> str:
    out = []
    for i, unit in enumerate(units):
        out.append((" " if spaced[i] and i else "") + before[i] + unit + after[i])
    return "".join(out)


def place_markers(alignment: Alignment, markers: Sequence[Marker]) -> tuple[str, list[str]]:
    """The translation with every marker's text inserted, and a note for each span that
    could not be placed by alignment (it was put at the nearest sensible point instead)."""
    units = alignment.units
    if not units:
        return "".join(m.text for m in markers), [f"{m.text} had no target words to go with" for m in markers]
    before, after = [""] * len(units), [""] * len(units)
    notes: list[str] = []
    spans, points = _pair(markers)
    placed: list[tuple[int, int, int, int]] = []  # (first unit, last unit, open pos, close pos)
    for opener, closer in sorted(spans, key=lambda s: (s[0].position, -s[1].position)):
        first, last, note = _span_units(alignment, opener.position, closer.position)
        first, last, clamped = _keep_well_formed(first, last, opener.position, closer.position, placed)
        if note or clamped:
            notes.append(f"{opener.text}…{closer.text} {note or 'overlapped its neighbours'}: "
                         "placed at the nearest sensible point")
        placed.append((first, last, opener.position, closer.position))
        before[first] = before[first] + opener.text
        after[last] = closer.text + after[last]
    for marker in points:
        index, at_start = _point_unit(alignment, marker.position)
        if at_start:
            before[index] = marker.text + before[index]
        else:
            after[index] = after[index] + marker.text
    return join_units(units, alignment.spaced, before, after), notes


def _pair(markers: Sequence[Marker]) -> tuple[list[tuple[Marker, Marker]], list[Marker]]:
    """Open and close markers paired as the source nests them; the rest are points."""
    spans, points, stack = [], [], []
    for marker in sorted(markers, key=lambda m: m.position):
        if marker.role == OPEN:
            stack.append(marker)
        elif marker.role == CLOSE and stack:
            spans.append((stack.pop(), marker))
        else:
            points.append(marker)
    return spans, points + stack


def _covered_pieces(alignment: Alignment, start: int, end: int) -> set[int]:
    return {i for i, (a, b) in enumerate(alignment.pieces) if a < end and b > start}


def _span_units(alignment: Alignment, start: int, end: int) -> tuple[int, int, str]:
    """The run of units a source span [start, end) covers; the nearest unit when none does."""
    covered = _covered_pieces(alignment, start, end)
    hits = [u for u, link in enumerate(alignment.links) if link in covered]
    words = [u for u in hits if not is_punctuation(alignment.units[u])]
    if words or hits:
        chosen = words or hits
        return min(chosen), max(chosen), ""
    unit, _ = _point_unit(alignment, start)
    return unit, unit, "had no aligned target word"


def _keep_well_formed(first: int, last: int, start: int, end: int,
                      placed: list[tuple[int, int, int, int]]) -> tuple[int, int, bool]:
    """Clamp a span into its source parent and after its earlier siblings (source order)."""
    low, high = 0, 10**9
    for p_first, p_last, p_start, p_end in placed:
        if p_start <= start and end <= p_end:  # a parent (spans come outermost first)
            low, high = max(low, p_first), min(high, p_last)
        elif p_end <= start:  # an earlier sibling or its descendant
            low = max(low, p_last + 1)
    new_first, new_last = max(first, low), min(last, high)
    if new_first > new_last:  # nothing left inside: the nearest unit that keeps the order
        new_first = new_last = min(max(first, low), high) if low <= high else high
    return new_first, new_last, (new_first, new_last) != (first, last)


def _point_unit(alignment: Alignment, position: int) -> tuple[int, bool]:
    """(unit, before it?) for a marker at `position` in the source."""
    pieces, links, units = alignment.pieces, alignment.links, alignment.units
    words = [u for u in range(len(units)) if not is_punctuation(units[u])] or list(range(len(units)))
    prior = [i for i, (a, _) in enumerate(pieces) if a < position]
    if not prior:
        return words[0], True
    rest = "".join(alignment.source[position:].split())
    if not rest:
        return len(units) - 1, False  # the sentence end aligns to the end
    if is_punctuation(rest):
        return words[-1], False  # ... and what stood before its closing punctuation, before it
    for piece in reversed(prior):
        aligned = [u for u in words if links[u] == piece]
        if aligned:
            return max(aligned), False
    return words[0], True

