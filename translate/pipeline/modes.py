"""The first round as the package's calibrated protection mode wants it (`engines.calibration`).

- `placeholders`: the masked text as is (`rounds._direct_round`), today's first round;
- `inline`: an item with a term or amount goes straight to the inline round (its targets
  written into the source) — a model that never copies `{n}` would only lose them;
- `alignment`: markup taken out; the engine translates the text alone and the markup goes
  back onto the words it covered (`markup.alignment`). Terms and amounts are first left as
  the source has them (a real model knows most); then only the targets that did not come
  back are written into the source, then all of them, each time aligned again. An item
  the engine cannot align, or whose targets still do not come back, goes on to the inline
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
from ..checks.protected import missing_targets, protected_counts
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
    # then only the targets that did not come back written in; then all of them.
    todo = {i: set() for i in marked + protected}
    for everything in (False, False, True):
        todo = aligned_round(engine, items, todo, source, target, spaced, results, everything=everything)
        todo = {i: missing for i, missing in todo.items() if missing is not None and i in set(protected)}
    failed.update({i: [] for i in marked + protected if i not in results})
    return failed


def aligned_round(engine, items: Sequence[Masked], todo: dict[int, set[str]], source: str, target: str,
                  spaced: bool, results: dict, *, everything: bool = False) -> dict[int, set[str] | None]:
    """Markup placed by alignment; each item's terms and amounts as their source text, but
    the targets in `todo[i]` (or, `everything`, all) written in. Returns the items that
    failed: the targets still missing, or None when the engine could not align it."""
    from .rounds import Translated, _inline_ok

    if not todo:
        return {}
    indices = list(todo)
    written = [_written(items[i], todo[i], everything) for i in indices]
    plain = [plain_and_markers(m) for m in written]
    failed: dict[int, set[str] | None] = {}
    for i, masked, (text, markers), alignment in zip(
            indices, written, plain, engine.translate_aligned([t for t, _ in plain], source, target)):
        if alignment is None:
            failed[i] = None
            continue
        out, notes = place_markers(alignment, markers)
        if not _inline_ok(out, masked, items[i]):
            failed[i] = todo[i] | set(missing_targets(out, protected_counts(items[i])))
            continue
        findings = tuple(Problem("alignment", note, WARNING) for note in notes)
        results[i] = Translated(restore(out, masked, spaced), findings, ALIGNED)
    return failed


def _written(item: Masked, targets: set[str], everything: bool) -> Masked:
    """TERM/NUMBER placeholders replaced by their source text, or by their target where it
    is one of `targets` (or `everything`); markup ones kept."""
    def put(m: re.Match[str]) -> str:
        token = item.tokens[int(m.group(1))]
        if token.kind == MARKUP:
            return m.group(0)
        return token.target if everything or token.target in targets else token.source

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
