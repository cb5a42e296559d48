"""The number check: every value in the source block appears, value-equal, in the target.

Values are read the way a reader of each language reads them. Chinese text goes through
`find_amounts`; other languages through one regex per locale built from Babel's data:
its decimal and group symbols, long and short scale words ("500 billion", "$500B",
"500 Milliarden", "5000億"), month names (a month counts as its number, so "February 7"
matches 2月7日), plus English ordinals ("23rd", "fourth quarter"). Digits inside words
(H800, o1), placeholders and URLs are not values, in either language.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Sequence

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..amounts.parse import ISO_PATTERN, SKIP_PATTERN, Amount, find_amounts, is_chinese, iso_values, normalize
from ..problems import ERROR, Problem
from ..site.languages import parse_lang

_EN_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_EN_SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "mn": 6, "tn": 12}
_SPACES = "\u00a0\u202f\u2009 "
_LATIN = "A-Za-z\u00c0-\u024f0-9_"  # digits glued to a Latin word (H800, o1) are names, not values


Values = tuple[tuple[Decimal, str], ...]  # (value, how the text wrote it), in text order


def labelled_values(text: str, lang: str, amounts: Sequence[Amount] | None = None) -> Values:
    """Every value of `text` with its spelling ("$500 billion" → 5E11, "28%" → 28). For
    Chinese, `amounts` are the ones already found in this very text, not searched again."""
    if is_chinese(lang):
        found = find_amounts(text, lang) if amounts is None else amounts
        return tuple((v, a.text) for a in found for v in a.values)
    return tuple(_read_values(text, parse_lang(lang).locale))


@lru_cache(maxsize=None)
def _scanner(loc: Locale) -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    """One regex for the locale, with its scale words and month names."""
    decimal, group = re.escape(get_decimal_symbol(loc)), get_group_symbol(loc)
    group_class = f"[{_SPACES}]" if group.strip(_SPACES) == "" else re.escape(group)
    scales: dict[str, int] = dict(_EN_SCALES) if loc.language == "en" else {}
    for kind in ("long", "short"):
        for patterns in loc.compact_decimal_formats[kind].values():
            for magnitude, pattern in patterns.items():
                word = pattern.pattern.replace("'", "").strip("0" + _SPACES)
                if word and pattern.pattern.count("0") == 1 and not any(c.isdigit() for c in word):
                    scales[word] = len(magnitude) - 1
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, loc).items():
                # Abbreviations only with their dot ("févr."): a bare "Jan" is as often a name.
                if not any(c.isdigit() for c in name) and (width == "wide" or name.endswith(".")):
                    months[name] = number
    scale_alt = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True))
    month_alt = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    number = rf"(?:\d{{1,3}}(?:{group_class}\d{{3}})+|\d+)(?:{decimal}\d+)?"
    parts = [
        rf"(?P<skip>{SKIP_PATTERN})",
        rf"(?P<iso>{ISO_PATTERN})",
        r"(?<![A-Za-z])Q(?P<q>[1-4])(?![0-9])",
        rf"(?P<cur>(?<![A-Za-z])(?:[A-Z]{{1,2}})?[$€£¥])?(?P<num>(?:(?<![{_LATIN}.%)\]-])-)?(?<![{_LATIN}.]){number})"
        r"(?:st|nd|rd|th|er|re|e|ème|º|ª|\.(?=\s))?"
        + (rf"(?:[{_SPACES}]?(?P<scale>{scale_alt})(?![A-Za-z\u00c0-\u024f]))?" if scale_alt else ""),
    ]
    if month_alt:
        parts.append(rf"(?<![A-Za-z\u00c0-\u024f])(?P<month>{month_alt})(?![A-Za-z\u00c0-\u024f])")
    if loc.language == "en":
        words = "|".join(_EN_WORDS)
        edge, end = r"(?<![A-Za-z])", r"(?![A-Za-z])"  # not \b: CJK letters may touch English words
        parts.append(rf"{edge}(?P<ordq>{'|'.join(_EN_ORDINALS)})(?= quarter{end})")
        parts.append(rf"{edge}(?P<word>{words})[ -](?P<wscale>hundred|thousand|million|billion|trillion){end}")
        parts.append(rf"{edge}(?P<fold>{'|'.join(w for w in _EN_WORDS if w not in ('a', 'one'))})-?fold{end}")
    starts = set("0123456789{h-$€£¥Q") | {chr(c) for c in range(ord("A"), ord("Z") + 1)} | {m[0] for m in months}
    if loc.language == "en":
        starts |= {w[0] for w in (*_EN_WORDS, *_EN_ORDINALS)}
    guard = "(?=[" + "".join(re.escape(c) for c in sorted(starts)) + "])"  # most positions fail here, fast
    return re.compile(guard + "(?:" + "|".join(parts) + ")"), scales, months


def _read_values(text: str, loc: Locale) -> list[tuple[Decimal, str]]:
    pattern, scales, months = _scanner(loc)
    decimal, group = get_decimal_symbol(loc), get_group_symbol(loc)
    text = normalize(text, traditional=False)  # ja writes 億 and 萬 is not 万 there
    out: list[tuple[Decimal, str]] = []
    for m in pattern.finditer(text):
        if m.group("skip"):
            continue
        if m.group("iso"):
            out += [(value, m.group(0)) for value in iso_values(m.group("iso"))]
        elif m.group("q"):
            out.append((Decimal(m.group("q")), m.group(0)))
        elif m.group("num"):
            raw = m.group("num")
            digits = "".join(c for c in raw if c not in _SPACES and c != group).replace(decimal, ".")
            value = Decimal(digits)
            scale = m.group("scale")
            if scale and (len(scale) > 1 or not scale.isascii() or m.group("cur")):  # 910B is a chip, $910B an amount
                value *= Decimal(10) ** scales[scale]
            out.append((value, m.group(0)))
        elif m.groupdict().get("month"):
            name = m.group("month")
            if name == "May" and _modal_may(text, m.start(), m.end()):
                continue
            out.append((Decimal(months[name]), name))
        elif m.groupdict().get("ordq"):
            out.append((Decimal(_EN_ORDINALS[m.group("ordq")]), m.group(0)))
        elif m.groupdict().get("word"):
            power = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}[m.group("wscale")]
            out.append((Decimal(_EN_WORDS[m.group("word").lower()]) * Decimal(10) ** power, m.group(0)))
        elif m.groupdict().get("fold"):
            out.append((Decimal(_EN_WORDS[m.group("fold")]), m.group(0)))
    return out


def _modal_may(text: str, start: int, end: int) -> bool:
    """"May we…" opens a question; "May 7" and "since May" are the month."""
    before = text[:start].rstrip()
    opens = not before or before[-1] in ".!?\"'“"
    return opens and re.match(r"\s+(?:I|we|you|he|she|it|they)\b", text[end:]) is not None


def _show(value: Decimal) -> str:
    return f"{value.normalize():f}"


def compare_values(src: Values, target_text: str, target: str) -> list[Problem]:
    """The source's values (`labelled_values`) missing from the target text, and values the
    target adds (kind "numbers")."""
    tgt = labelled_values(target_text, target)
    missing = Counter(v for v, _ in src) - Counter(v for v, _ in tgt)
    extra = Counter(v for v, _ in tgt) - Counter(v for v, _ in src)
    findings: list[Problem] = []
    for values, labels, what in ((missing, src, "is missing from the translation"),
                                 (extra, tgt, "is in the translation but not in the source")):
        for value, label in labels:
            if values[value] > 0:
                values[value] -= 1
                findings.append(Problem("numbers", f"{label!r} ({_show(value)}) {what}", ERROR))
    return findings
