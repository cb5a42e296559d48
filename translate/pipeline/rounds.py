"""The translate stage's rounds: masked sentences through the engine, so that every
protected target arrives.

Rounds, each one batched over every item still failing:
1. direct — the masked text as is; the engine must copy each `{n}` exactly once (or, as
   the package's calibration asks, alignment or inline first: `pipeline.modes`);
2. inline — TERM/NUMBER placeholders replaced by their target text in the source
   (markup placeholders stay); the targets must come back, markup exactly once;
3. replace — for an engine that aligns: the sentence whole, markup placed and the words
   each term aligns to replaced by its target (`pipeline.modes.replace_round`);
4. split — the masked text cut at every placeholder, the text pieces translated alone and
   joined with the tokens' targets in source order: correct by construction, less fluent.
An engine that returns an empty string for a non-empty segment, or the wrong number of
results, gets an `engine` ERROR instead: the caller writes nothing for that item. Each
round's output is restored here (`pipeline.restore`) and must render to the source's
elements (`checks.structure`): a round that breaks them falls back like one that loses a
placeholder, and a split result that still breaks them gives way to the source text with
a `structure` ERROR.
`pipeline.verify` checks the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..checks.placeholders import placeholder_findings
from ..checks.protected import missing_targets, protected_counts
from ..checks.structure import structure_findings
from ..engines.base import Engine
from ..markup.placeholders import MARKUP, PLACEHOLDER_RE, Masked
from ..problems import ERROR, WARNING, Problem
from .restore import escape_tags, is_spaced, join_pieces, punctuation, restore

DIRECT, INLINE, SPLIT = "direct", "inline", "split"


@dataclass(frozen=True)
class Translated:
    """One item's final text, the fallback it needed, and its notes and errors.

    A block's `Translated` (from `pipeline.sentences.combine`) also keeps its sentences'
    items and results in `parts`, for the protection check."""

    text: str  # final restored text; "" when an engine error left nothing usable
    findings: tuple[Problem, ...]
    method: str  # "direct" | "inline" | "split" | "aligned" | "replaced" (pipeline.modes)
    parts: tuple[tuple[Masked, "Translated"], ...] = ()
    from_site: bool = False  # machine text the site-wide memory had, not this run's engine output
    offered: str | None = None  # a person's translation of the same sentence elsewhere on the site


def translate_masked(engine: Engine, items: Sequence[Masked], source: str, target: str,
                     *, chunk_size: int = 2048) -> list[Translated]:
    """Translate masked items, falling back round by round until every protected token's
    target is in the output (`pipeline.verify` then checks each result again).

    Round 1 goes to the engine in chunks of `chunk_size` items."""
    spaced = is_spaced(target)
    results: dict[int, Translated] = {}
    todo = []
    for i, item in enumerate(items):
        if item.plain_text().strip():
            todo.append(i)
        else:  # nothing to translate: markup and protected spans only
            results[i] = Translated(restore(item.text, item, spaced), (), DIRECT)
    failed: dict[int, list[Problem]] = {}
    step = max(1, chunk_size)
    from .modes import first_round, replace_round  # the calibrated first round, the one before split (a cycle)

    for begin in range(0, len(todo), step):
        failed.update(first_round(engine, items, todo[begin : begin + step], source, target, spaced, results,
                                  _direct_round))
    to_split = _inline_round(engine, items, failed, source, target, spaced, results)
    to_split = replace_round(engine, items, to_split, source, target, spaced, results)
    for i, result in _split_round(engine, items, sorted(to_split), source, target, spaced).items():
        if not result.findings:
            result = Translated(result.text, (_fallback_note(
                to_split[i], "translated in pieces around protected spans; wording may read "
                "less fluently"),), SPLIT)
        results[i] = result
    return [results[i] for i in range(len(items))]


def _direct_round(engine: Engine, items: Sequence[Masked], chunk: list[int], source: str,
                  target: str, spaced: bool, results: dict[int, Translated]) -> dict[int, list[Problem]]:
    """Round 1 for one chunk; returns the items whose placeholders did not survive."""
    failed = {}
    for i, out in zip(chunk, _call(engine, [items[i].text for i in chunk], source, target)):
        if out is None or not out.strip():
            results[i] = _engine_error(items[i], DIRECT, out)
        elif problems := placeholder_findings(out, items[i]):
            failed[i] = problems
        else:
            text = restore(out, items[i], spaced)
            if problems := structure_findings(items[i].source_text(), text):
                failed[i] = problems
            else:
                results[i] = Translated(text, (), DIRECT)
    return failed


def _inline_round(engine: Engine, items: Sequence[Masked], failed: dict[int, list[Problem]],
                  source: str, target: str, spaced: bool,
                  results: dict[int, Translated]) -> dict[int, list[Problem]]:
    """Round 2, one call: protected targets written into the source. Returns what still fails."""
    inline = [i for i in failed if items[i].has_protected()]
    to_split = {i: problems for i, problems in failed.items() if i not in inline}
    injected = [_inject(items[i]) for i in inline]
    outs = _call(engine, [m.text for m in injected], source, target) if inline else []
    for i, masked, out in zip(inline, injected, outs):
        if out is None or not out.strip():
            results[i] = _engine_error(items[i], INLINE, out)
        elif _inline_ok(out, masked, items[i]):
            text = restore(out, masked, spaced)
            if broken := structure_findings(items[i].source_text(), text):
                to_split[i] = failed[i] + broken
                continue
            # No note when the calibrated mode sent it here first (nothing was lost).
            note = _fallback_note(failed[i], "protected terms were written into the source instead")
            results[i] = Translated(text, (note,) if failed[i] else (), INLINE)
        else:
            to_split[i] = failed[i]
    return to_split


def _call(engine: Engine, segments: list[str], source: str, target: str) -> list[str | None]:
    """One engine call; a wrong result count gives `None` for every segment."""
    outs = engine.translate(segments, source, target)
    if len(outs) != len(segments):
        return [None] * len(segments)
    return list(outs)


def _engine_error(item: Masked, method: str, out: str | None) -> Translated:
    """`out` is None when the batch had the wrong number of results, else the empty reply."""
    what = "returned the wrong number of results" if out is None else "returned an empty translation"
    excerpt = item.source_text()[:60]
    return Translated("", (Problem("engine", f"engine {what} for {excerpt!r} — "
                                             "check the model, then run again", ERROR),), method)


def _fallback_note(problems: list[Problem], what: str) -> Problem:
    lost = "; ".join(p.message for p in problems[:3])
    return Problem("enforce", f"{lost}: {what}" if lost else what, WARNING)


def _inject(item: Masked) -> Masked:
    """TERM/NUMBER placeholders replaced by their target text; markup ones kept."""
    return item.written(lambda _, token: token.target)


def _inline_ok(out: str, injected: Masked, item: Masked) -> bool:
    """Markup placeholders exactly once, and each protected target as often as in the source."""
    if placeholder_findings(out, injected):
        return False
    return not missing_targets(out, protected_counts(item))


def _split_round(engine: Engine, items: Sequence[Masked], indices: list[int], source: str,
                 target: str, spaced: bool) -> dict[int, Translated]:
    """Translate every text piece of every item in one call, join around the tokens."""
    jobs: list[tuple[int, int]] = []  # (item index, piece index) of the pieces to translate
    texts: list[str] = []
    pieces = {i: items[i].pieces() for i in indices}
    for i in indices:
        for k, piece in enumerate(pieces[i]):
            if isinstance(piece, str) and any(c.isalpha() for c in piece):
                jobs.append((i, k))
                texts.append(piece.strip())
    outs = _call(engine, texts, source, target) if texts else []
    done: dict[tuple[int, int], str | None] = dict(zip(jobs, outs))
    results: dict[int, Translated] = {}
    for i in indices:
        parts: list[tuple[str, bool]] = []  # (text, is markup)
        error: Translated | None = None
        for k, piece in enumerate(pieces[i]):
            if isinstance(piece, int):
                token = items[i].tokens[piece]
                parts.append((token.target, token.kind == MARKUP))
            elif (i, k) in done:
                out = done[(i, k)]
                if out:  # a piece has no placeholder: any is invented
                    out = escape_tags(PLACEHOLDER_RE.sub("", out), items[i])
                if out is None or not out.strip():
                    error = _engine_error(items[i], SPLIT, out)
                    break
                lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
                parts.append((lead + out.strip() + trail, False))
            else:
                text = punctuation(piece) if spaced else piece
                text = text.lstrip() if k == 0 and text != piece else text
                text = text.rstrip() if k == len(pieces[i]) - 1 and text != piece else text
                parts.append((text, False))
        text = join_pieces(parts, spaced)
        broken = [] if error else structure_findings(items[i].source_text(), text)
        if broken:  # the engine's pieces themselves hold markup: the source renders right
            kept = Problem("structure", f"{broken[0].message}, even translated in pieces: the source text was kept",
                           ERROR, hint=broken[0].hint)
            error = Translated(items[i].source_text(), (kept,), SPLIT)
        results[i] = error or Translated(text, (), SPLIT)
    return results
