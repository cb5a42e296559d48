"""Amounts and numbers: recognise zh-CN figures, render them exactly, protect them, check them.

The engine never sees 亿: every recognised amount becomes a NUMBER placeholder whose
target is the amount rendered for the target locale (5000亿美元 → "$500 billion"), and
after translation `number_findings` checks that every source value is in the target.
Parsing, rendering and checking live in `numbers_parse`, `numbers_render`, `numbers_check`.
"""

from __future__ import annotations

from .locales import parse_lang
from .numbers_check import extract_values, number_findings
from .numbers_parse import Amount, find_amounts, parse_number
from .numbers_render import CURRENCY_STYLES, render_amount
from .placeholders import NUMBER, Masked, Token, add_tokens

__all__ = [
    "Amount", "CURRENCY_STYLES", "extract_values", "find_amounts", "number_findings", "parse_number",
    "protect_amounts", "render_amount",
]


def protect_amounts(masked: Masked, source: str, target: str, *, currency_style: str = "symbol") -> Masked:
    """Replace each amount in `masked.text` by a NUMBER token rendered for `target`.

    Only Chinese sources are parsed; other sources come back unchanged (the number check
    still compares their values).
    """
    if parse_lang(source).locale.language != "zh":
        return masked
    spans = [
        (a.start, a.end, Token(a.text, render_amount(a, target, currency_style=currency_style), NUMBER))
        for a in find_amounts(masked.text, source)
    ]
    return add_tokens(masked, spans) if spans else masked
