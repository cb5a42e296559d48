"""Protect: glossary terms and amounts become placeholders the engine must copy.

Terms first (they may contain digits), then amounts. A term's placeholder stands for its
target term; an amount's for the amount rendered for the target locale (5000亿美元 →
"$500 billion"), so the engine never sees 亿. Matches and amounts are found once per
block (`pipeline.read`) and only turned into tokens here, per target; `pipeline.verify`
checks the translation against the same matches and values.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable, Sequence

from ..amounts.parse import Amount, amounts_in
from ..amounts.render import render_amount
from ..glossary.matcher import Glossary, GlossaryMatch
from ..markup.placeholders import NUMBER, TERM, Masked, Token, add_tokens, placeholder

# `(Latin Name)` or `（Latin Name）` right after a term.
_GLOSS = re.compile(r"\s*[(（]\s*([A-Za-z][A-Za-z.'’&\- \t\n]{0,60}?)\s*[)）]")


def protect(masked: Masked, matches: Sequence[GlossaryMatch], amounts: Sequence[Amount], source: str, target: str,
            *, currency_style: str = "symbol") -> Masked:
    """`masked` with its glossary `matches` and `amounts` (both found in `masked.text`) as placeholders."""
    return protect_amounts(protect_terms(masked, matches), source, target, amounts=amounts,
                           currency_style=currency_style)


def protect_text(masked: Masked, glossary: Glossary | None, source: str, target: str,
                 *, currency_style: str = "symbol") -> Masked:
    """`protect`, matching the glossary and finding the amounts itself (for callers that have
    no `pipeline.read.Unit`, such as the fixture model's build)."""
    matches = glossary.match(masked.text, source, target) if glossary is not None else []
    return protect_amounts(protect_terms(masked, matches), source, target, currency_style=currency_style)


def protect_terms(masked: Masked, matches: Sequence[GlossaryMatch]) -> Masked:
    """Replace every glossary match in the masked text by a TERM placeholder.

    A term glossed in brackets by a Latin name holding its target (英仕曼集团(Man Group),
    哈特内特(Michael Hartnett)) is one span rendered as that name, so the translation does
    not say it twice.
    """
    spans = []
    absorbed = -1
    for m in matches:
        if m.start < absorbed:
            continue  # inside a gloss already taken with its term
        end = m.end
        wanted = masked.text[m.start : m.end] if m.term.do_not_translate else m.term.target
        gloss = _GLOSS.match(masked.text, m.end)
        if gloss and not m.term.do_not_translate:
            name = " ".join(gloss.group(1).split())
            if re.search(r"(?<!\w)" + re.escape(" ".join(wanted.split())) + r"(?!\w)", name, re.IGNORECASE):
                end = absorbed = gloss.end()
                wanted = name
        spans.append((m.start, end, Token(source=masked.text[m.start : end], target=wanted, kind=TERM)))
    return add_tokens(masked, spans) if spans else masked


def protect_amounts(masked: Masked, source: str, target: str, *, amounts: Sequence[Amount] | None = None,
                    currency_style: str = "symbol") -> Masked:
    """Replace each amount by a NUMBER token rendered for `target`.

    Amounts are read in the text as it was before terms were protected (`masked` with its
    TERM placeholders expanded): `amounts` when the caller found them there already, else
    found here (only Chinese sources have any). An amount whose unit is a term (第23 + 百分位)
    still reads as one amount and swallows the term's placeholder, never cutting one.
    """
    if amounts is not None and not amounts:
        return masked
    text, to_masked = _terms_expanded(masked)
    found = amounts_in(text, source) if amounts is None else amounts
    if not found:
        return masked
    spans = []
    for a in found:
        assert text[a.start : a.end] == a.text, "amounts are found in the unprotected text"
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
