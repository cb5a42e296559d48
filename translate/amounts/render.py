"""Render a recognised `Amount` exactly in a target locale, with Babel's locale data.

- Digits, grouping, decimal and percent signs, currency symbols and names, month and
  quarter names, plural and ordinal rules all come from Babel for the target locale.
- Scale words (million, Milliarden, 億) come from the locale's CLDR long compact patterns;
  the number is divided by the scale exactly, never rounded (1.5万亿 → "1.5 trillion",
  392.69万 → "3.9269 million"). A scale word is used only where the source used 万/亿, and
  only from 10⁴ up, so 2048 stays "2,048" and 5万 is "50,000" in English but "5万" in ja.
- Currency styles: "symbol" (default, news style): the locale's symbol ("$500 billion"),
  except the yuan, written in words ("1.5 trillion yuan") because ¥ also means yen;
  "narrow": the bare symbol ("¥1.5 trillion"); "code": "CNY 1.5 trillion";
  "word": "500 billion US dollars".
- Phrases Babel has no data for (percentage points, "the fourth quarter", "early
  February", ranges) come from `_PHRASES` for en, de, fr, es, ja; other targets use en's.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_interval, format_skeleton, get_month_names, get_quarter_names
from babel.numbers import format_decimal, format_percent, get_currency_name, get_currency_symbol

from ..site.languages import parse_lang
from .parse import Amount, normalize

CURRENCY_STYLES = ("symbol", "narrow", "code", "word")
_NARROW = {"CNY": "¥", "JPY": "¥", "USD": "$", "HKD": "HK$", "EUR": "€", "GBP": "£", "KRW": "₩", "TWD": "NT$"}
_WORD = {  # news usage, where Babel's name is the formal one ("Chinese yuan", "Renminbi Yuan")
    ("en", "CNY"): ("yuan", "yuan"), ("en", "JPY"): ("yen", "yen"), ("de", "CNY"): ("Yuan", "Yuan"),
    ("fr", "CNY"): ("yuan", "yuans"), ("es", "CNY"): ("yuan", "yuanes"), ("ja", "CNY"): ("人民元", "人民元"),
}
_EN_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
_EN_SUFFIX = {"one": "st", "two": "nd", "few": "rd", "other": "th"}

_PHRASES: dict[str, dict[str, str | tuple[str, str]]] = {
    # (singular, plural) pairs are chosen with Babel's plural rule for the value.
    "en": {
        "points": ("{0} point", "{0} points"), "percentage_points": ("{0} percentage point", "{0} percentage points"),
        "basis_points": ("{0} basis point", "{0} basis points"), "times": "{0} times", "percentile": "{0} percentile",
        "more": "more than {0}", "early": "early {0}", "mid": "mid-{0}", "late": "late {0}",
        "day": "the {0}", "to": "{0} to {1}", "quarter": "the {0} quarter", "quarter_year": "the {0} quarter of {1}",
    },
    "de": {
        "points": ("{0} Punkt", "{0} Punkte"), "percentage_points": ("{0} Prozentpunkt", "{0} Prozentpunkte"),
        "basis_points": ("{0} Basispunkt", "{0} Basispunkte"), "times": "{0}-fach", "percentile": "{0}. Perzentil",
        "more": "mehr als {0}", "early": "Anfang {0}", "mid": "Mitte {0}", "late": "Ende {0}",
        "day": "{0}.", "to": "{0} bis {1}", "quarter": "{0}", "quarter_year": "{0} {1}",
    },
    "fr": {
        "points": ("{0} point", "{0} points"), "percentage_points": ("{0} point de pourcentage", "{0} points de pourcentage"),
        "basis_points": ("{0} point de base", "{0} points de base"), "times": "{0} fois", "percentile": "{0}e centile",
        "more": "plus de {0}", "early": "début {0}", "mid": "mi-{0}", "late": "fin {0}",
        "day": "le {0}", "to": "{0} à {1}", "quarter": "{0}", "quarter_year": "{0} {1}",
    },
    "es": {
        "points": ("{0} punto", "{0} puntos"), "percentage_points": ("{0} punto porcentual", "{0} puntos porcentuales"),
        "basis_points": ("{0} punto básico", "{0} puntos básicos"), "times": "{0} veces", "percentile": "percentil {0}",
        "more": "más de {0}", "early": "principios de {0}", "mid": "mediados de {0}", "late": "finales de {0}",
        "day": "el {0}", "to": "{0} a {1}", "quarter": "{0}", "quarter_year": "{0} de {1}",
    },
    "ja": {
        "points": "{0}ポイント", "percentage_points": "{0}ポイント", "basis_points": "{0}ベーシスポイント",
        "times": "{0}倍", "percentile": "{0}パーセンタイル", "more": "{0}超", "early": "{0}初め", "mid": "{0}中旬",
        "late": "{0}末", "day": "{0}日", "to": "{0}～{1}", "quarter": "{0}", "quarter_year": "{1}{0}",
    },
}


@lru_cache(maxsize=None)
def _locale(target: str) -> Locale:
    return parse_lang(target).locale


def _phrase(loc: Locale, key: str, value: Decimal | None = None) -> str:
    table = _PHRASES.get(loc.language, _PHRASES["en"])
    entry = table[key]
    if isinstance(entry, tuple):
        return entry[0] if value is not None and loc.plural_form(abs(value)) == "one" else entry[1]
    return entry


def render_amount(amount: Amount, target: str, *, currency_style: str = "symbol") -> str:
    """The amount as a writer in `target` ("en", "de", "ja") would put it, every digit kept."""
    if currency_style not in CURRENCY_STYLES:
        raise ValueError(f"currency_style must be one of {', '.join(CURRENCY_STYLES)}, not {currency_style!r}")
    if amount.verbatim:
        return normalize(amount.text)
    loc = _locale(target)
    if amount.kind == "range":
        return _range(amount, loc, currency_style)
    if amount.date is not None and amount.kind != "quarter":
        return _date(amount.date, amount.qualifier, loc)
    text = _single(amount, loc, currency_style)
    return _phrase(loc, "more").format(text) if amount.more else text


def _single(a: Amount, loc: Locale, style: str) -> str:
    if a.kind == "quarter":
        return _quarter(int(a.value), a.date[0] if a.date else None, loc)
    if a.kind == "percent":
        return format_percent(a.value / 100, locale=loc, decimal_quantization=False)
    if a.kind == "money" and a.currency:
        return _money(a, loc, style)
    number = _number(a.value, a.scale, loc)
    if a.kind == "ordinal":
        return _phrase(loc, "percentile").format(_ordinal(a.value, loc))
    if a.unit in ("points", "percentage_points", "basis_points", "times"):
        return _phrase(loc, a.unit, a.value).format(number)
    return number


def _ordinal(value: Decimal, loc: Locale) -> str:
    digits = format_decimal(value, locale=loc, decimal_quantization=False)
    if loc.language == "en":
        return digits + _EN_SUFFIX.get(loc.ordinal_form(int(value)), "th")
    return digits


@lru_cache(maxsize=None)
def scale_words(loc: Locale) -> tuple[tuple[int, dict[str, str]], ...]:
    """(power of ten, {plural form: "0 million"}) for the locale's long scale words from 10⁴ up."""
    by_power: dict[int, dict[str, str]] = {}
    for form, patterns in loc.compact_decimal_formats["long"].items():
        for magnitude, pattern in patterns.items():
            text = pattern.pattern.replace("'", "")
            power = len(magnitude) - 1
            if power >= 4 and text.count("0") == 1 and text.strip("0 \u00a0"):
                by_power.setdefault(power, {})[form] = text
    return tuple(sorted(by_power.items(), reverse=True))


def _number(value: Decimal, scale: int, loc: Locale) -> str:
    """Digits in the locale; with a scale word where the source used one (exact division)."""
    if scale:
        for power, forms in scale_words(loc):
            if abs(value) >= Decimal(10) ** power:
                scaled = _tidy(value / Decimal(10) ** power)
                pattern = forms.get(loc.plural_form(abs(scaled)), forms.get("other") or next(iter(forms.values())))
                return pattern.replace("0", format_decimal(scaled, locale=loc, decimal_quantization=False), 1)
    return format_decimal(_tidy(value), locale=loc, decimal_quantization=False)


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing fraction zeros (1.50 → 1.5) without exponent notation; no digit lost."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _money(a: Amount, loc: Locale, style: str) -> str:
    code = a.currency or ""
    number = _number(abs(a.value), a.scale, loc)
    sign = "-" if a.value < 0 else ""
    if style == "word" or (style == "symbol" and code == "CNY"):
        names = _WORD.get((loc.language, code))
        if names:
            name = names[0] if loc.plural_form(abs(a.value)) == "one" else names[1]
        else:
            name = get_currency_name(code, count=abs(a.value), locale=loc)
        pattern = loc._data.get("currency_unit_patterns", {}).get("other", "{0} {1}")  # no public accessor
        return sign + pattern.format(number, name)
    if style == "code":
        mark = code
    elif style == "narrow":
        mark = _NARROW.get(code) or get_currency_symbol(code, loc)
    else:
        mark = get_currency_symbol(code, loc)
    prefix, suffix = _currency_affixes(loc)
    if style == "code" and prefix:
        prefix = prefix.rstrip() + " "
    return sign + prefix.replace("¤", mark) + number + suffix.replace("¤", mark)


@lru_cache(maxsize=None)
def _currency_affixes(loc: Locale) -> tuple[str, str]:
    """What stands before and after the number in the locale's currency pattern ("¤", "")."""
    pattern = loc.currency_formats["standard"].pattern.split(";")[0]
    first = min(pattern.find(c) for c in "#0" if c in pattern)
    last = max(pattern.rfind(c) for c in "#0" if c in pattern)
    return pattern[:first], pattern[last + 1 :]


def _quarter(q: int, year: int | None, loc: Locale) -> str:
    if loc.language == "en":
        name = _EN_ORDINAL_WORDS[q]
    else:
        name = get_quarter_names("wide", locale=loc)[q]
    if year is None:
        return _phrase(loc, "quarter").format(name)
    return _phrase(loc, "quarter_year").format(name, _year(year, loc))


def _year(year: int, loc: Locale) -> str:
    return format_skeleton("y", datetime.date(year, 1, 1), locale=loc)


def _date(ymd: tuple[int | None, int | None, int | None], qualifier: str | None, loc: Locale) -> str:
    y, m, d = ymd
    if m is None and d is None and y is not None:
        text = _year(y, loc)
    elif d is None and m is not None:
        if y is None:
            text = get_month_names("wide", context="stand-alone", locale=loc)[m]
        else:
            text = format_skeleton("yMMMM", datetime.date(y, m, 1), locale=loc)
    elif m is None and d is not None:
        text = _phrase(loc, "day").format(_ordinal(Decimal(d), loc))
    else:
        assert m is not None and d is not None
        try:
            when = datetime.date(y or 2000, m, d)  # 2000: a leap year, so 2月29日 renders
        except ValueError:
            return f"{get_month_names('wide', context='stand-alone', locale=loc)[m]} {d}"
        text = format_skeleton("yMMMMd" if y else "MMMMd", when, locale=loc)
    return _phrase(loc, qualifier).format(text) if qualifier else text


def _range(a: Amount, loc: Locale, style: str) -> str:
    low, high = a.parts
    if low.date and high.date:
        return _date_range(low.date, high.date, loc)
    join = _phrase(loc, "to")
    if high.kind in ("points", "multiple", "ordinal") and low.kind == high.kind:
        return join.format(_number(low.value, low.scale, loc), _single(high, loc, style))
    left, right = _single(low, loc, style), _single(high, loc, style)
    plain = re.fullmatch(r"[\d.,\s\u00a0\u202f'’]+", _number(abs(low.value), low.scale, loc))
    if high.kind == "money" and plain:  # "500,000 to 800,000 yuan": a shared currency is said once
        tail = re.search(r"[^\d.,\s\u00a0\u202f][^\d]*$", left)
        if tail and right.endswith(tail.group(0)) and left[: tail.start()].rstrip()[-1:].isdigit():
            left = left[: tail.start()].rstrip()
    return join.format(left, right)


def _date_range(lo: tuple, hi: tuple, loc: Locale) -> str:
    (y1, m1, d1), (y2, m2, d2) = lo, hi
    y2 = y2 if y2 is not None else (y1 if m2 is not None or d2 is not None else None)
    m2 = m2 if m2 is not None or d2 is None else m1
    if loc.language != "en" and (d1 is not None or m1 is None):
        skeleton = ("y" if y1 else "") + ("MMMM" if m1 else "") + ("d" if d1 else "")
        try:
            start = datetime.date(y1 or 2000, m1 or 1, d1 or 1)
            end = datetime.date(y2 or y1 or 2000, m2 or m1 or 1, d2 or d1 or 1)
            return format_interval(start, end, skeleton or "d", locale=loc)
        except (ValueError, KeyError):
            return _phrase(loc, "to").format(_date(lo, None, loc), _date((y2, m2, d2), None, loc))
    if loc.language != "en":  # months only: Babel's month intervals abbreviate ("ene–feb")
        return _phrase(loc, "to").format(_date(lo, None, loc), _date((y2, m2, d2), None, loc))
    if m1 is None and d1 is None:  # 2023–2024
        return f"{y1}–{y2}"
    if m1 is None:  # the 3rd to the 7th
        return f"{_date(lo, None, loc)} to {_date(hi, None, loc)}"
    tail = f", {y1}" if y1 and y1 == y2 and d1 else (f" {y1}" if y1 and y1 == y2 else "")
    left = _date((None, m1, d1), None, loc) if tail else _date(lo, None, loc)
    if y1 == y2 and m1 == m2 and d2 is not None:
        right = str(d2)
    else:
        right = _date((None if tail else y2, m2, d2), None, loc)
    return f"{left} to {right}{tail}"
