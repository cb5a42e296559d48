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

Whatever the mode, an engine that aligns gets one more round before a sentence is split
(`replace_round`): the sentence translated whole with its terms and amounts as the source
has them, the markup placed by alignment, and, for each term or amount whose target the
model's words lack, the words aligned to it replaced by its target, or the target inserted
where none aligns (`markup.alignment.replace_aligned`). Split pieces lose the sentence's
context, so a whole sentence with a replaced word reads better; a replacement the alignment
does not support (its words spread wide, two overlapping) still goes to split.
"""

from __future__ import annotations

from typing import Sequence

from ..checks.placeholders import placeholder_findings
from ..checks.protected import missing_targets, protected_counts
from ..checks.structure import structure_findings
from ..engines.base import CalibratedEngine, Engine
from ..engines.calibration import ALIGNMENT, INLINE, protection_mode
from ..markup.alignment import POINT, Marker, Replacement, place_markers, replace_aligned
from ..markup.placeholders import MARKUP, Masked, placeholder
from ..problems import WARNING, Problem
from .restore import marker_roles, restore

ALIGNED = "aligned"  # a Translated.method: the whole sentence, markup placed by alignment
REPLACED = "replaced"  # ... and the words its terms and amounts align to replaced by their targets


def first_round(engine: Engine, items: Sequence[Masked], chunk: list[int], source: str, target: str,
                spaced: bool, results: dict, direct) -> dict[int, list[Problem]]:
    """The calibrated first round over `chunk`; returns the items for the inline round.

    `direct` is `rounds._direct_round` (passed in: that module imports this one)."""
    mode = protection_mode(engine, source, target)
    if mode not in (INLINE, ALIGNMENT):
        return direct(engine, items, chunk, source, target, spaced, results)
    protected = [i for i in chunk if items[i].has_protected()]
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
        text = restore(out, masked, spaced)
        if structure_findings(items[i].source_text(), text):  # placed, but it renders otherwise
            failed[i] = None
            continue
        findings = tuple(Problem("alignment", note, WARNING) for note in notes)
        results[i] = Translated(text, findings, ALIGNED)
    return failed


def replace_round(engine: Engine, items: Sequence[Masked], failed: dict[int, list[Problem]], source: str,
                  target: str, spaced: bool, results: dict) -> dict[int, list[Problem]]:
    """The round before split, one aligned call: each failed item translated with its terms
    and amounts as source text and its markup placed; a term or amount whose target the
    model's words lack has the words aligned to it replaced by its target (or, none aligned,
    its target inserted), the others stay the model's. Returns the items it could not place
    (all of them when the engine does not align)."""
    from .rounds import Translated, _fallback_note

    if not failed or not isinstance(engine, CalibratedEngine):
        return failed
    indices = list(failed)
    plain = [_plain_and_replacements(items[i]) for i in indices]
    still = {}
    for i, (text, markers, replacements), alignment in zip(
            indices, plain, engine.translate_aligned([t for t, _, _ in plain], source, target)):
        item = items[i]
        if alignment is None:
            still[i] = failed[i]
            continue
        lacking = set(missing_targets(alignment.text(), protected_counts(item)))
        chosen = {k: r for k, r in replacements.items() if item.tokens[k].target in lacking}
        replaced = replace_aligned(alignment, list(chosen.values()))
        if replaced is None:
            still[i] = failed[i]
            continue
        out, notes = place_markers(replaced[0], markers)
        done = restore(out, item, spaced)
        if (placeholder_findings(out, _with_placeholders(item, set(chosen)))
                or missing_targets(done, protected_counts(item)) or structure_findings(item.source_text(), done)):
            still[i] = failed[i]
            continue
        findings = [Problem("alignment", note, WARNING) for note in replaced[1] + notes]
        if chosen:
            terms = ", ".join(dict.fromkeys(text[r.start : r.end] for r in chosen.values()))
            findings.insert(0, _fallback_note(failed[i], f"the model's words for {terms} were replaced by the "
                                              "target by alignment; check the wording"))
        elif failed[i]:  # a round before lost what this one placed
            findings.insert(0, _fallback_note(failed[i], "the markup was placed by alignment instead"))
        results[i] = Translated(done, tuple(findings), REPLACED if chosen else ALIGNED)
    return still


def _plain_and_replacements(item: Masked) -> tuple[str, list[Marker], dict[int, Replacement]]:
    """The text with terms and amounts as their source text and no markup; where each
    markup placeholder stood; and, by token, each term's or amount's span, to be replaced
    by its placeholder (so `restore` writes the target)."""
    roles = marker_roles(item)
    text, markers, replacements = "", [], {}
    for piece in item.pieces():
        if isinstance(piece, str):
            text += piece
        elif item.tokens[piece].kind == MARKUP:
            markers.append(Marker(placeholder(piece), len(text), roles.get(piece, POINT)))
        else:
            token = item.tokens[piece]
            start = len(text)
            text += token.source
            replacements[piece] = Replacement(start, len(text), placeholder(piece), len(token.target.split()))
    return text, markers, replacements


def _with_placeholders(item: Masked, kept: set[int]) -> Masked:
    """`item` with only its markup placeholders and those of the `kept` tokens; the other
    terms and amounts as their target text (what the replace round's output must hold)."""
    return item.written(lambda index, token: None if index in kept else token.target)


def _written(item: Masked, targets: set[str], everything: bool) -> Masked:
    """TERM/NUMBER placeholders replaced by their source text, or by their target where it
    is one of `targets` (or `everything`); markup ones kept."""
    return item.written(lambda _, token: token.target if everything or token.target in targets else token.source)


def plain_and_markers(masked: Masked) -> tuple[str, list[Marker]]:
    """The text without its (markup) placeholders, and where each stood."""
    text, markers, _ = _plain_and_replacements(masked)
    return text, markers
