"""Protected translation: every TERM and NUMBER token's target reaches the output.

Three rounds, each one batched over every item still failing:
1. direct — the masked text as is; the engine must copy each `{n}` exactly once;
2. inline — TERM/NUMBER placeholders replaced by their target text in the source
   (markup placeholders stay); the targets must come back, markup exactly once;
3. split — the masked text cut at every placeholder, the text pieces translated alone and
   joined with the tokens' targets in source order: correct by construction, less fluent.
An engine that returns an empty string for a non-empty segment, or the wrong number of
results, gets an `engine` ERROR instead: the caller writes nothing for that item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from .engines.base import Engine
from .findings import ERROR, WARNING, Finding
from .glossary import find_target, is_word_char
from .locales import parse_lang
from .tidy import tidy
from .placeholders import MARKUP, PLACEHOLDER_RE, Masked, placeholder_findings

DIRECT, INLINE, SPLIT = "direct", "inline", "split"
# Full-width punctuation left alone between two protected spans in split mode.
_CJK_PUNCT = {"、": ", ", "，": ", ", "。": ". ", "：": ": ", "；": "; ", "！": "! ", "？": "? ",
              "（": " (", "）": ") ", "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"', "》": '"'}
_UNCASED_SCRIPTS = {"zh", "ja", "ko", "th", "lo", "km", "my"}


@dataclass(frozen=True)
class Translated:
    """One item's final text, the fallback it needed, and what could not be guaranteed."""

    text: str  # final restored text; "" when an engine error left nothing usable
    findings: tuple[Finding, ...]
    method: str  # "direct" | "inline" | "split"


def translate_masked(engine: Engine, items: Sequence[Masked], source: str, target: str,
                     *, chunk_size: int = 2048,
                     on_progress: Callable[[int], None] | None = None) -> list[Translated]:
    """Translate masked items so that every protected token's target is in the output.

    `on_progress(n)` is called after each round-1 chunk with the number of items it held.
    """
    spaced = parse_lang(target).locale.language not in _UNCASED_SCRIPTS
    results: dict[int, Translated] = {}
    todo = []
    for i, item in enumerate(items):
        if item.plain_text().strip():
            todo.append(i)
        else:  # nothing to translate: markup and protected spans only
            results[i] = Translated(_restore(item.text, item, spaced), (), DIRECT)
    failed: dict[int, list[Finding]] = {}
    step = max(1, chunk_size)
    for begin in range(0, len(todo), step):
        chunk = todo[begin : begin + step]
        failed.update(_direct_round(engine, items, chunk, source, target, spaced, results))
        if on_progress is not None:
            on_progress(len(chunk))
    to_split = _inline_round(engine, items, failed, source, target, spaced, results)
    for i, result in _split_round(engine, items, sorted(to_split), source, target, spaced).items():
        if not result.findings:
            result = Translated(result.text, (_fallback_note(
                to_split[i], "translated in pieces around protected spans; wording may read "
                "less fluently"),), SPLIT)
        results[i] = result
    return [_guarantee(items[i], results[i]) for i in range(len(items))]


def _direct_round(engine: Engine, items: Sequence[Masked], chunk: list[int], source: str,
                  target: str, spaced: bool, results: dict[int, Translated]) -> dict[int, list[Finding]]:
    """Round 1 for one chunk; returns the items whose placeholders did not survive."""
    failed = {}
    for i, out in zip(chunk, _call(engine, [items[i].text for i in chunk], source, target)):
        if out is None or not out.strip():
            results[i] = _engine_error(items[i], DIRECT, out)
        elif problems := placeholder_findings(out, items[i]):
            failed[i] = problems
        else:
            results[i] = Translated(_restore(out, items[i], spaced), (), DIRECT)
    return failed


def _inline_round(engine: Engine, items: Sequence[Masked], failed: dict[int, list[Finding]],
                  source: str, target: str, spaced: bool,
                  results: dict[int, Translated]) -> dict[int, list[Finding]]:
    """Round 2, one call: protected targets written into the source. Returns what still fails."""
    inline = [i for i in failed if _has_protected(items[i])]
    to_split = {i: problems for i, problems in failed.items() if i not in inline}
    injected = [_inject(items[i]) for i in inline]
    outs = _call(engine, [m.text for m in injected], source, target) if inline else []
    for i, masked, out in zip(inline, injected, outs):
        if out is None or not out.strip():
            results[i] = _engine_error(items[i], INLINE, out)
        elif _inline_ok(out, masked, items[i]):
            note = _fallback_note(failed[i], "protected terms were written into the source instead")
            results[i] = Translated(_restore(out, masked, spaced), (note,), INLINE)
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
    return Translated("", (Finding("engine", ERROR, f"engine {what} for {excerpt!r} — "
                                   "check the model, then run again"),), method)


def _fallback_note(problems: list[Finding], what: str) -> Finding:
    lost = "; ".join(p.message for p in problems[:3])
    return Finding("enforce", WARNING, f"{lost}: {what}")


def _has_protected(item: Masked) -> bool:
    return any(t.kind != MARKUP for t in item.tokens)


def _inject(item: Masked) -> Masked:
    """TERM/NUMBER placeholders replaced by their target text; markup ones kept."""

    def put(m: re.Match[str]) -> str:
        token = item.tokens[int(m.group(1))]
        return m.group(0) if token.kind == MARKUP else token.target

    return Masked(PLACEHOLDER_RE.sub(put, item.text), item.tokens)


def _inline_ok(out: str, injected: Masked, item: Masked) -> bool:
    """Markup placeholders exactly once, and each protected target as often as in the source."""
    if placeholder_findings(out, injected):
        return False
    return not _missing_targets(out, _protected_counts(item))


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
                out = PLACEHOLDER_RE.sub("", out) if out else out  # a piece has none: any is invented
                if out is None or not out.strip():
                    error = _engine_error(items[i], SPLIT, out)
                    break
                lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
                parts.append((lead + out.strip() + trail, False))
            else:
                text = _punctuation(piece) if spaced else piece
                text = text.lstrip() if k == 0 and text != piece else text
                text = text.rstrip() if k == len(pieces[i]) - 1 and text != piece else text
                parts.append((text, False))
        results[i] = error or Translated(_join(parts, spaced), (), SPLIT)
    return results


def _punctuation(piece: str) -> str:
    """Full-width punctuation between protected spans, in the target's own style."""
    return "".join(_CJK_PUNCT.get(c, c) for c in piece)


def _join(parts: list[tuple[str, bool]], spaced: bool) -> str:
    """Concatenate, adding a space where two words would otherwise run together."""
    out: list[str] = []
    last = ""  # the last character written
    starts = True  # the next word opens a sentence
    prev_markup = True
    for text, markup in parts:
        if spaced and not markup and text:
            glue = last and (is_word_char(last) or last in ".,;:!?)")
            if not prev_markup and glue and is_word_char(text[0]):
                text = " " + text
            if last == " " and text.startswith(" "):
                text = text.lstrip(" ")
            text = _capitalise(text) if starts else text
            starts = _still_opens(starts, text)
        out.append(text)
        last = text[-1:] or last
        prev_markup = markup
    return "".join(out)


def _still_opens(starts: bool, text: str) -> bool:
    """Whether a sentence opens after `text`, given whether one opened before it."""
    tail = text.rstrip(" \t\"'“‘(*_[")
    return starts if not tail else tail[-1] in ".!?\n"


def _capitalise(text: str) -> str:
    """`northbound funds` → `Northbound funds`; leaves `iPhone`, `o1`, `eBay` alone."""
    lead = text.lstrip()
    first = lead.split(" ", 1)[0]
    if not first.isalpha() or not first.islower():
        return text
    cut = len(text) - len(lead)
    return text[:cut] + lead[:1].upper() + lead[1:]


def _restore(out: str, masked: Masked, spaced: bool) -> str:
    """Put targets back, in one pass. In spaced scripts a protected target glued to a word
    gets a space ("of{0}"), and a lower-case one opening a sentence gets a capital."""
    out = tidy(out, masked)
    if not spaced:
        return PLACEHOLDER_RE.sub(lambda m: _visible(masked, m), out)
    parts: list[str] = []
    last = ""  # the last visible character written
    starts = True  # the next word opens a sentence
    pos = 0
    for m in PLACEHOLDER_RE.finditer(out):
        literal = out[pos : m.start()]
        index = int(m.group(1))
        token = masked.tokens[index] if index < len(masked.tokens) else None
        text = token.target if token else ""  # an invented placeholder is dropped
        starts = _still_opens(starts, literal)
        last = literal[-1:] or last
        if token is not None and token.kind != MARKUP and text:
            text = _capitalise(text) if starts else text
            after = out[m.end() : m.end() + 1]  # a following placeholder adds its own space
            if is_word_char(text[0]) and last and is_word_char(last):
                text = " " + text
            if is_word_char(text[-1]) and after and is_word_char(after):
                text += " "
            starts = False
        parts += [literal, text]
        last = text[-1:] or last
        pos = m.end()
    parts.append(out[pos:])
    return "".join(parts)


def _visible(masked: Masked, m: re.Match[str]) -> str:
    index = int(m.group(1))
    return masked.tokens[index].target if index < len(masked.tokens) else ""  # invented: dropped


def _protected_counts(item: Masked) -> Counter[str]:
    return Counter(
        item.tokens[p].target for p in item.pieces()
        if isinstance(p, int) and item.tokens[p].kind != MARKUP
    )


def _missing_targets(text: str, wanted: Counter[str]) -> list[str]:
    """Targets found fewer times than wanted; a longer target's span is not reused by a
    shorter one (`Goldman Sachs` inside `Goldman Sachs Group` does not count)."""
    taken = bytearray(len(text))
    missing = []
    for target in sorted(wanted, key=lambda t: (-len(t), t)):
        free = [(a, b) for a, b in find_target(text, target) if not any(taken[a:b])]
        for a, b in free[: wanted[target]]:
            taken[a:b] = b"\x01" * (b - a)
        if len(free) < wanted[target]:
            missing.append(target)
    return missing


def _guarantee(item: Masked, result: Translated) -> Translated:
    """Belt and braces: report any protected target that is not in the final text."""
    if result.method == DIRECT or (not result.text and result.findings):
        return result  # direct: restore put every target where its placeholder was
    missing = _missing_targets(result.text, _protected_counts(item))
    if not missing:
        return result
    extra = Finding("glossary", ERROR, f"protected text missing from the translation: {missing!r}")
    return Translated(result.text, result.findings + (extra,), result.method)
