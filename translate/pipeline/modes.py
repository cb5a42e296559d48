"""The first round as the package's calibrated protection mode wants it (`engines.calibration`).

- `placeholders`: the masked text as is (`rounds._direct_round`), today's first round;
- `inline`: an item with a term or amount goes straight to the inline round (its targets
  written into the source) — a model that never copies `{n}` would only lose them;
- `alignment`: markup taken out; the engine translates the text alone and the markup goes
  back onto the words it covered (`markup.alignment`). Terms and amounts are first left as
  the source has them (a real model knows most); where a target does not come back, the
  targets are written into the source and the sentence is aligned again. An item the
  engine cannot align, or whose targets still do not come back, goes on to the inline
  round, then split, as before.

The mode is chosen per package; an engine without calibration (pseudo, a test's fake) is
always `placeholders`.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..engines.base import Engine
from ..engines.calibration import ALIGNMENT, INLINE, protection_mode
from ..markup.alignment import POINT, Marker, place_markers
from ..markup.placeholders import MARKUP, PLACEHOLDER_RE, Masked
from ..problems import WARNING, Problem
from .restore import marker_roles, restore

ALIGNED = "aligned"  # a Translated.method: the whole sentence, markup placed by alignment


def first_round(engine: Engine, items: Sequence[Masked], chunk: list[int], source: str, target: str,
                spaced: bool, results: dict, direct) -> dict[int, list[Problem]]:
    """The calibrated first round over `chunk`; returns the items for the inline round.

    `direct` is `rounds._direct_round` (passed in: that module imports this one)."""
    mode = protection_mode(engine, source, target)
    if mode not in (INLINE, ALIGNMENT):
        return direct(engine, items, chunk, source, target, spaced, results)
    protected = [i for i in chunk if any(t.kind != MARKUP for t in items[i].tokens)]
    marked = [i for i in chunk if i not in set(protected) and items[i].tokens]
    plain = [i for i in chunk if not items[i].tokens]

    def run(indices: list[int]) -> dict[int, list[Problem]]:
        return direct(engine, items, indices, source, target, spaced, results) if indices else {}

    failed = run(plain)
    if mode == INLINE:
        failed.update(run(marked))
        failed.update({i: [] for i in protected})
        return failed
    # The model's own words for terms and amounts first (a real model knows most of them);
    # where their targets do not come back, the targets written in.
    again = aligned_round(engine, items, marked + protected, source, target, spaced, results, write_in=False)
    failed.update(aligned_round(engine, items, [i for i in again if i in set(protected)], source, target,
                                spaced, results, write_in=True))
    failed.update({i: [] for i in again if i not in set(protected)})
    return failed


def aligned_round(engine, items: Sequence[Masked], indices: list[int], source: str, target: str,
                  spaced: bool, results: dict, *, write_in: bool) -> dict[int, list[Problem]]:
    """Markup placed by alignment; terms and amounts as their source text, or (`write_in`)
    their target. Returns what failed: no alignment, or a protected target missing."""
    from .rounds import Translated, _inject, _inline_ok

    if not indices:
        return {}
    injected = [_inject(items[i]) if write_in else _as_source(items[i]) for i in indices]
    plain = [plain_and_markers(m) for m in injected]
    failed: dict[int, list[Problem]] = {}
    for i, masked, (text, markers), alignment in zip(
            indices, injected, plain, engine.translate_aligned([t for t, _ in plain], source, target)):
        if alignment is None:
            failed[i] = []
            continue
        out, notes = place_markers(alignment, markers)
        if not _inline_ok(out, masked, items[i]):
            failed[i] = []
            continue
        findings = tuple(Problem("alignment", note, WARNING) for note in notes)
        results[i] = Translated(restore(out, masked, spaced), findings, ALIGNED)
    return failed


def _as_source(item: Masked) -> Masked:
    """TERM/NUMBER placeholders replaced by their source text; markup ones kept."""
    def put(m: re.Match[str]) -> str:
        token = item.tokens[int(m.group(1))]
        return m.group(0) if token.kind == MARKUP else token.source

    return Masked(PLACEHOLDER_RE.sub(put, item.text), item.tokens)


def plain_and_markers(masked: Masked) -> tuple[str, list[Marker]]:
    """The text without its (markup) placeholders, and where each stood."""
    roles = marker_roles(masked)
    text, markers = "", []
    for piece in masked.pieces():
        if isinstance(piece, str):
            text += piece
        else:
            markers.append(Marker("{%d}" % piece, len(text), roles.get(piece, POINT)))
    return text, markers
