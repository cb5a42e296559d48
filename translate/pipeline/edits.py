"""Human edits, per segment: what a person changed in a block the tool wrote, and where.

Rules:
- The block text the tool last wrote is its segments' texts joined the way the target
  language joins sentences (`markup.sentences.join_sentences`). It is diffed against the
  sibling's block text now (diff-match-patch, character level); each run of changes is
  mapped onto the segments it touches. A change inside a segment touches it; text added
  between two segments belongs to the one before it (a sentence appended to it); only a
  separator removed touches both segments (they were joined).
- Touched segments become human with the person's text; one change that touches several
  segments, or changes in neighbouring segments with no sentence end left between them,
  merge them into one human unit covering all their sources; untouched segments keep
  their records.
- Whatever the person wrote is kept byte for byte: when the segments' texts rejoined do
  not give back the sibling's text exactly, the whole block becomes one human unit.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from diff_match_patch import diff_match_patch

from ..markup.sentences import sentence_separator
from ..memory.records import HUMAN, SegmentRecord

Group = tuple[int, int, str, bool]  # first segment, last segment, text now, edited
_SENTENCE_END = re.compile(r"[.!?。！？；;…:：][\"'”’」』）)】》*_]*\s*$")


def record_edits(segments: Sequence[SegmentRecord], written: str, now: str, target: str,
                 source: str) -> tuple[list[SegmentRecord], int]:
    """The block's segments after a person changed its text from `written` to `now`,
    and how many human units that made (`target`, `source`: the languages, whose sentence
    separators joined the text and join merged sources)."""
    source_join = sentence_separator(source)
    groups = edit_groups([s.text for s in segments], written, now, sentence_separator(target))
    if groups is None:
        groups = [(0, len(segments) - 1, now, True)]
    out: list[SegmentRecord] = []
    for first, last, text, edited in groups:
        out.append(merge(segments[first : last + 1], text, source_join) if edited else segments[first])
    return out, sum(g[3] for g in groups)


def merge(covered: Sequence[SegmentRecord], text: str, source_join: str) -> SegmentRecord:
    """One human unit with the person's `text`, covering `covered`'s sources."""
    if len(covered) == 1:
        return replace(covered[0], text=text, origin=HUMAN)
    stale = any(s.stale for s in covered)
    return SegmentRecord(
        source=source_join.join(s.source for s in covered),
        hashes=tuple(h for s in covered for h in s.hashes),
        text=text,
        origin=HUMAN,
        machine=" ".join(s.machine for s in covered if s.machine) or None,
        engine=covered[0].engine,
        model=covered[0].model,
        stale=stale,
        previous_source=source_join.join(s.baseline for s in covered) if stale else None,
    )


def _spans(texts: Sequence[str], sep: str) -> list[tuple[int, int]]:
    """Each text's span in `sep.join` of the non-empty ones (an empty text sits where it would be)."""
    spans, pos, first = [], 0, True
    for text in texts:
        if text:
            pos += 0 if first else len(sep)
            first = False
        spans.append((pos, pos + len(text)))
        pos += len(text)
    return spans


def _changes(ops: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Each maximal run of non-equal ops as the range [a, b) of the old text it replaces."""
    out: list[tuple[int, int]] = []
    pos, start = 0, None
    for op, text in ops:
        if op == 0:
            if start is not None:
                out.append((start, pos))
                start = None
            pos += len(text)
            continue
        start = pos if start is None else start
        if op == -1:
            pos += len(text)
    if start is not None:
        out.append((start, pos))
    return out


def _touched(a: int, b: int, spans: list[tuple[int, int]]) -> list[int]:
    """The segments a change of old range [a, b) touches (see the module's rules)."""
    if a == b:  # an insertion: into (or at either end of) a segment, else after the one before it
        inside = [k for k, (s, e) in enumerate(spans) if s <= a <= e]
        return inside[:1] or [max((k for k, (_, e) in enumerate(spans) if e <= a), default=0)]
    hit = [k for k, (s, e) in enumerate(spans) if s < b and a < e]
    if hit:
        return hit
    # Only a separator removed: it joins its two sentences.
    before = max((k for k, (_, e) in enumerate(spans) if e <= a), default=0)
    return [before, before + 1] if before + 1 < len(spans) else [before]


def _ranges(ops: list[tuple[int, str]], spans: list[tuple[int, int]]) -> list[list[int]]:
    """The runs of segments the changes touch, in order; one change's segments are one run."""
    ranges: list[list[int]] = []
    for a, b in _changes(ops):
        hit = _touched(a, b, spans)
        lo, hi = hit[0], hit[-1]
        if ranges and lo <= ranges[-1][1]:  # two changes in one segment: one unit
            ranges[-1][1] = max(ranges[-1][1], hi)
        else:
            ranges.append([lo, hi])
    return ranges


def edit_groups(texts: Sequence[str], written: str, now: str, sep: str) -> list[Group] | None:
    """The segments as groups after `written` became `now`; None when they cannot be told apart."""
    if not texts or not all(texts) or sep.join(texts) != written:
        return None
    spans = _spans(texts, sep)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    ops = dmp.diff_main(written, now, False)
    dmp.diff_cleanupSemanticLossless(ops)  # an edit slid to word boundaries: "wo. T" → "Two. "
    edited = {k: (lo, hi) for lo, hi in _ranges(ops, spans) for k in range(lo, hi + 1)}
    runs: list[list[int]] = []  # [first, last, edited] of each group, in order
    for k in range(len(texts)):
        lo, hi = edited.get(k, (k, k))
        if not runs or runs[-1][1] < lo:
            runs.append([lo, hi, int(k in edited)])
    # Where each group starts and ends in `now`: an untouched segment where the diff maps it;
    # between two edited groups, where the separator between them went.
    bounds: list[tuple[int, int]] = []
    for lo, hi, changed in runs:
        start, end = dmp.diff_xIndex(ops, spans[lo][0]), dmp.diff_xIndex(ops, spans[hi][1])
        if not changed and now[start : start + len(texts[lo])] != texts[lo]:
            return None
        bounds.append((start, start + len(texts[lo]) if not changed else end))
    groups: list[Group] = []
    for n, (lo, hi, changed) in enumerate(runs):
        start = bounds[n][0] if n else 0
        end = bounds[n][1] if n + 1 < len(runs) else len(now)
        if changed:  # an edited group reaches to its neighbours' separators
            start = bounds[n - 1][1] + len(sep) if n else 0
            end = bounds[n + 1][0] - len(sep) if n + 1 < len(runs) else len(now)
        text = now[start:end] if end > start else ""
        if changed and groups and groups[-1][3] and not _SENTENCE_END.search(groups[-1][2]):
            # two edited groups with no sentence end between them: one rewrite, one unit
            first = groups.pop()
            groups.append((first[0], hi, first[2] + sep + text if first[2] and text else first[2] + text, True))
            continue
        groups.append((lo, hi, text, bool(changed)))
    if sep.join(g[2] for g in groups if g[2]) != now:
        return None
    return groups
