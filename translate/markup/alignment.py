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
the unit nearest its source position: it is never dropped.

The same alignment puts a glossary term or an amount the model rendered in its own words
right (`replace_aligned`): the target words its source span aligns to give way to the
target, when they are few and in one place; otherwise the caller falls back.

This module is pure; the argos engine gives the alignment (`ArgosEngine.translate_aligned`).
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


@dataclass(frozen=True)
class Replacement:
    """A source span whose aligned target words give way to `text`."""

    start: int  # character span in the source text without placeholders
    end: int
    text: str  # what goes in their place (the pipeline passes the token's placeholder)
    words: int  # how many words the target has: the aligned run may be at most 2 × words + 2 units


_CLOSING = set(".,;:!?。，；：！？")


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


def replace_aligned(alignment: Alignment, replacements: Sequence[Replacement]) -> tuple[Alignment, list[str]] | None:
    """The alignment with the units each replacement's source span aligns to replaced by one
    unit, its text, linked to the span's first piece (so markup around the span still wraps
    it), and a note for each replacement placed without aligned words.

    The run replaced is the largest cluster of the span's aligned words (with at most one
    other unit between two of them: attention strays to a word or two elsewhere), with the
    aligned symbols right beside it ("$", "%"; not closing punctuation). A span no word
    aligns to (the model left it out) is inserted where a point marker would go. None — the
    caller falls back — when a cluster is wider than a rendering of the span would be
    (2 × its words + 2 units), or two runs overlap."""
    units = alignment.units
    runs: list[tuple[int, int, Replacement, int]] = []
    inserts: list[tuple[int, Replacement, int]] = []
    notes: list[str] = []
    for r in replacements:
        covered = _covered_pieces(alignment, r.start, r.end)
        piece = min(covered) if covered else 0
        hits = {u for u, link in enumerate(alignment.links) if link in covered}
        words = sorted(u for u in hits if not is_punctuation(units[u]))
        if not words:
            index, before = _point_unit(alignment, r.start)
            inserts.append((index if before else index + 1, r, piece))
            notes.append(f"{alignment.source[r.start:r.end]} had no aligned target word: "
                         "inserted at the nearest sensible point")
            continue
        first, last = _largest_cluster(words)
        while first - 1 in hits and units[first - 1] not in _CLOSING:
            first -= 1
        while last + 1 in hits and units[last + 1] not in _CLOSING:
            last += 1
        if last - first + 1 > 2 * max(1, r.words) + 2:
            return None
        runs.append((first, last, r, piece))
    runs.sort(key=lambda run: run[:2])
    if any(later[0] <= earlier[1] for earlier, later in zip(runs, runs[1:])):
        return None
    edits: list[tuple[int, int, int, Replacement, int]] = []  # (position, replaces?, last, replacement, piece)
    edits += [(first, 1, last, r, piece) for first, last, r, piece in runs]
    for at, r, piece in inserts:
        inside = [last + 1 for first, last, _, _ in runs if first < at <= last]
        edits.append((inside[0] if inside else at, 0, -1, r, piece))
    new_units, spaced, links = list(units), list(alignment.spaced), list(alignment.links)
    gap = any(alignment.spaced)  # a spaced script
    for at, replaces, last, r, piece in sorted(edits, key=lambda e: e[:2], reverse=True):
        if replaces:
            new_units[at : last + 1], spaced[at : last + 1], links[at : last + 1] = [r.text], [spaced[at]], [piece]
        else:
            new_units.insert(at, r.text)
            spaced.insert(at, gap)
            links.insert(at, piece)
            if at + 1 < len(spaced) and not is_punctuation(new_units[at + 1]):
                spaced[at + 1] = gap
    return Alignment(alignment.source, alignment.pieces, tuple(new_units), tuple(spaced), tuple(links)), notes


def _largest_cluster(words: list[int]) -> tuple[int, int]:
    """The first and last unit of the largest run of `words` (sorted) with at most one other
    unit between two of them."""
    best, start = (words[0], words[0]), words[0]
    count, best_count = 0, 0
    for k, u in enumerate(words):
        if k and u - words[k - 1] > 2:
            start, count = u, 0
        count += 1
        if count > best_count:
            best, best_count = (start, u), count
    return best


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

