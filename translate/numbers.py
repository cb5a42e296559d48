"""Amounts and numbers: recognise zh-CN figures, render them exactly, protect them, check them.

The engine never sees 亿: every recognised amount becomes a NUMBER placeholder whose
target is the amount rendered for the target locale (5000亿美元 → "$500 billion"), and
after translation `number_findings` checks that every source value is in the target.
Parsing, rendering and checking live in `numbers_parse`, `numbers_render`, `numbers_check`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable

from .locales import parse_lang
from .numbers_check import extract_values, number_findings
from .numbers_parse import Amount, find_amounts, parse_number
from .numbers_render import CURRENCY_STYLES, render_amount
from .placeholders import NUMBER, TERM, Masked, Token, add_tokens, placeholder

__all__ = [
    "Amount", "CURRENCY_STYLES", "extract_values", "find_amounts", "number_findings", "parse_number",
    "protect_amounts", "render_amount",
]


def protect_amounts(masked: Masked, source: str, target: str, *, currency_style: str = "symbol") -> Masked:
    """Replace each amount in `masked.text` by a NUMBER token rendered for `target`.

    Glossary terms are protected first; an amount whose unit is a term (第23 + 百分位) still
    reads as one amount and swallows the term's placeholder, never cutting one. Only
    Chinese sources are parsed; others come back unchanged (the number check still runs).
    """
    if parse_lang(source).locale.language != "zh":
        return masked
    text, to_masked = _terms_expanded(masked)
    spans = []
    for a in find_amounts(text, source):
        start, end = to_masked(a.start), to_masked(a.end)
        if start is None or end is None:  # the amount cuts a term ("沪深300" as a term): the term wins
            continue
        spans.append((start, end, Token(a.text, render_amount(a, target, currency_style=currency_style), NUMBER)))
    return add_tokens(masked, spans) if spans else masked


def _terms_expanded(masked: Masked) -> tuple[str, Callable[[int], int | None]]:
    """The text with TERM placeholders put back, and a map from its offsets to `masked.text`'s
    (None inside a term)."""
    parts: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []  # expanded start/end, masked start/end, is a term
    pos = mpos = 0
    for piece in masked.pieces():
        if isinstance(piece, int):
            token = masked.tokens[piece] if piece < len(masked.tokens) else None
            shown = placeholder(piece)
            if token is not None and token.kind == TERM:
                parts.append(token.source)
                segments.append((pos, pos + len(token.source), mpos, mpos + len(shown), True))
                pos += len(token.source)
                mpos += len(shown)
                continue
            piece = shown
        parts.append(piece)
        segments.append((pos, pos + len(piece), mpos, mpos + len(piece), False))
        pos += len(piece)
        mpos += len(piece)
    if not any(term for *_, term in segments):
        return masked.text, lambda offset: offset
    starts = [seg[0] for seg in segments]

    def to_masked(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return 0
        start, end, mstart, mend, term = segments[i]
        if not term:
            return mstart + (offset - start)
        return mstart if offset == start else mend if offset == end else None

    return "".join(parts), to_masked
