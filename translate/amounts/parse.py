"""Recognise amounts in zh-CN text: one compiled regex pass, then a small parse per hit.

What counts as an amount (everything else is left to the engine):
- Arabic and full-width digits, decimals, `1,234.5` grouping, an explicit minus or 负;
  with a unit 万/亿/万亿/千亿/百亿/千/百, a currency (美元, 元, 人民币, 港元/港币, 欧元, 日元,
  英镑, $ ¥ € £ …), %, 个百分点, 个基点, 倍, 点 (index points) or 块 (a count).
- Chinese numerals only where they carry a value: with a magnitude (三千, 两亿, 五百万), with
  百分之 / 倍 / 个百分点, or a bare magnitude before a currency (千亿美元). Small counts such
  as 四周 or 五年 are words, not amounts: the engine translates them.
- Dates (2月7日, 2025年, 1月底, 2月3日至7日), quarters (第四季度, 一季度, Q4), percentiles
  (第23百分位), ranges (5%-6%, 100亿至200亿美元), stock codes (600519.SH, 0700.HK) kept verbatim.
- Never a digit inside a `{n}` placeholder, a URL, or a Latin word (H800, o1, R1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..site.languages import parse_lang

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 1, "百": 2, "千": 3}
CN_SCALE = {"百": 2, "千": 3, "万": 4, "十万": 5, "百万": 6, "千万": 7, "亿": 8, "十亿": 9, "百亿": 10, "千亿": 11, "万亿": 12,
            "thousand": 3, "million": 6, "billion": 9, "trillion": 12}  # English words in a zh text: "US$5 billion"

CURRENCIES = {
    "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR", "日元": "JPY", "日圆": "JPY",
    "英镑": "GBP", "澳元": "AUD", "加元": "CAD", "瑞郎": "CHF", "韩元": "KRW", "新台币": "TWD", "台币": "TWD",
    "块钱": "CNY", "元人民币": "CNY", "元": "CNY", "人民币": "CNY",
    "US$": "USD", "HK$": "HKD", "$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP",
    "RMB": "CNY", "CNY": "CNY", "USD": "USD", "HKD": "HKD", "EUR": "EUR",
}
QUALIFIERS = {"初": "early", "上旬": "early", "中": "mid", "中旬": "mid", "下旬": "late", "底": "late", "末": "late"}

# Full-width forms and the minus sign map one code point to one, so spans stay valid.
_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({ord("．"): ".", ord("％"): "%", ord("﹪"): "%", ord("－"): "-", ord("−"): "-",
                   ord("＄"): "$", ord("￥"): "¥", ord("～"): "~"})
# Traditional forms read as simplified, so zh-TW / zh-HK sources parse with the same grammar.
_TRADITIONAL = "億亿萬万兩两點点幣币個个圓圆塊块號号歐欧鎊镑韓韩財财數数幾几"
_WIDTH_ONLY = dict(_FULLWIDTH)
_FULLWIDTH.update({ord(_TRADITIONAL[i]): _TRADITIONAL[i + 1] for i in range(0, len(_TRADITIONAL), 2)})
_NEEDS_WIDTH = re.compile("[０-９．％﹪－−＄￥～]")
_NEEDS_NORMALIZING = re.compile("[０-９．％﹪－−＄￥～" + _TRADITIONAL[::2] + "]")
_FW_COMMA = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


@dataclass(frozen=True)
class Amount:
    """One recognised amount: its span in the input and what it means."""

    start: int
    end: int
    text: str
    value: Decimal  # exact value; a range's low end; a date's day (else month, else year)
    kind: str  # money|number|percent|points|multiple|ordinal|range|date|year|quarter|code
    currency: str | None = None  # ISO 4217
    scale: int = 0  # power of ten of the Chinese unit written (亿 → 8); 0: plain digits
    unit: str | None = None  # points|percentage_points|basis_points|percentile|times
    more: bool = False  # 3000多亿: "more than"
    parts: tuple["Amount", ...] = ()  # a range's two ends
    date: tuple[int | None, int | None, int | None] | None = None  # (year, month, day)
    qualifier: str | None = None  # early|mid|late (2月初, 1月底, 2025年初)
    verbatim: bool = False  # stock codes: kept as written
    values: tuple[Decimal, ...] = field(default=(), compare=False)  # what the number check compares

    def __post_init__(self) -> None:
        if not self.values:
            object.__setattr__(self, "values", _values_of(self))


def _values_of(a: Amount) -> tuple[Decimal, ...]:
    if a.kind == "range":
        low, high = a.parts
        if low.date and high.date:  # "2月3日至(2月)7日": the end repeats only what changed, and its last part
            last = max(i for i, h in enumerate(high.date) if h is not None)
            shown = [h for i, (lo, h) in enumerate(zip(low.date, high.date)) if h is not None and (h != lo or i == last)]
            return low.values + tuple(Decimal(v) for v in shown)
        return low.values + high.values
    if a.kind == "quarter":
        return (a.value,) + ((Decimal(a.date[0]),) if a.date and a.date[0] else ())
    if a.date is not None:
        return tuple(Decimal(v) for v in a.date if v is not None)
    return (a.value,)


# --- the one regex -----------------------------------------------------------------

_D = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CN_CH = "零〇一二两三四五六七八九十百千万亿"
_CN_LEAD = "一二两三四五六七八九十"
_CN_NUM = rf"[{_CN_LEAD}][{_CN_CH}]*(?:点[零〇一二三四五六七八九]+[万亿]*)?"
_UNIT = r"(?:[十百千]?万亿|[十百千]?亿|[十百千]?万|千(?!克|米|瓦)|百(?!分)| ?(?:thousand|million|billion|trillion)(?![A-Za-z]))"
_CUR_WORD = "|".join(sorted((k for k in CURRENCIES if not k.isascii() and k not in "¥€£$"), key=len, reverse=True))
_CUR_PRE = r"(?:US\$|HK\$|\$|¥|€|£|RMB ?|CNY ?|USD ?|HKD ?|EUR ?|人民币)"
_SUFFIX = rf"(?:\s?%|个?百分点|个?基点|倍|点(?![钟半整\d])|块(?!钱)|{_CUR_WORD})"
_GUARD_CN = rf"(?=[{_CN_LEAD}][{_CN_CH}]*(?:点[零〇一二三四五六七八九]+)?[百千万亿]|{_CN_NUM}(?:倍|个?百分点|个?基点|%))"
_NUMBER = (
    rf"(?:(?<![A-Za-z0-9_.]){_D}"
    rf"|(?<![数几上成多第前余{_CN_CH}]){_GUARD_CN}{_CN_NUM}"
    rf"|百分之(?:{_D}|{_CN_NUM})"
    rf"|(?<![数几上成多{_CN_CH}])(?:[十百千]?[万亿]|百万|千万)(?=(?:{_CUR_WORD})))"
)
_AMOUNT = rf"(?:(?<![A-Za-z0-9_.%)])(?:负|-))?(?:(?<![A-Za-z]){_CUR_PRE})?{_NUMBER}(?:多|余)?{_UNIT}?{_SUFFIX}?"
_SEP = r"\s?(?:至|到|-|~|—|–|〜)\s?"
_QUAL = r"(?:初|底|末|上旬|中旬|下旬|中(?=以|旬|至|到|开始|之前|前后|[，。、,)）]))"
_YMD = (
    rf"(?:\d{{4}}年)?\d{{1,2}}月(?:\d{{1,2}}[日号]|份)?{_QUAL}?"
    rf"|\d{{4}}年(?:初|底|末)?"
    rf"|\d{{1,2}}日(?![均线内K元圆])"
)
_DATE = rf"(?:{_YMD}|(?:\d{{4}}年)?(?:\d{{1,2}}月)?\d{{1,2}}(?={_SEP}\d)|\d{{4}}(?={_SEP}\d)){_SEP}(?:{_YMD})|{_YMD}"
_QUARTER = r"(?:\d{4}年(?:的)?)?(?:第(?:[一二三四]|[1-4])|(?<![前后头近第0-9])(?:[一二三四]|[1-4]))(?:季度|财季)|(?<![A-Za-z])Q[1-4](?![0-9])"

# Read the same way in the source (here) and in the translation (checks.numbers), or the
# number check compares different things: placeholders and URLs, ISO dates and clock times.
SKIP_PATTERN = r"\{\d+\}|https?://[^\s)\]）>]+"
ISO_PATTERN = r"(?<![A-Za-z0-9_.])\d{4}-\d{1,2}-\d{1,2}(?!\d|\.\d)|(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"


def iso_values(raw: str) -> tuple[Decimal, ...]:
    """2025-02-11 → (2025, 2, 11); 16:25 → (16, 25)."""
    return tuple(Decimal(part) for part in re.split(r"[-:]", raw))


AMOUNT_RE = re.compile(
    # The first lookahead rejects most positions at once: Python's re has no first-character scan for this.
    rf"(?=[\d{{hUHRCE$¥€£人负\-第百千万亿Q{_CN_LEAD}])"
    rf"(?:(?P<skip>{SKIP_PATTERN})"
    rf"|(?P<iso>{ISO_PATTERN})"
    r"|(?P<code>(?<![A-Za-z0-9_.])\d{3,6}\.(?:SH|SZ|SS|BJ|HK|TW|T|KS)(?![A-Za-z])|(?<=[(（])\d{6}(?=[)）])"
    # the same in markup: `（<span id="quote_sz300059">300059</span>）` masks as `（{1}300059{2}）`
    r"|(?:(?<=[(（]\{\d\})|(?<=[(（]\{\d\d\}))\d{6}(?=\{\d{1,2}\}[)）]))"
    rf"|(?P<quarter>{_QUARTER})"
    rf"|(?P<pctl>第(?:{_D}|{_CN_NUM})百分位)"
    rf"|(?<![A-Za-z0-9_.])(?P<date>{_DATE})"
    rf"|(?P<amount>{_AMOUNT}(?:{_SEP}{_AMOUNT})?))"
)
_AMOUNT_PART = re.compile(
    rf"(?P<neg>负|-)?(?P<cur1>{_CUR_PRE})?(?P<num>百分之)?(?P<digits>{_D}|[{_CN_CH}]+(?:点[零〇一二三四五六七八九]+[万亿]*)?)?"
    rf"(?P<more>多|余)?(?P<unit>{_UNIT})?(?P<suffix>{_SUFFIX})?"
)
_YMD_PART = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月份?)?(?:(\d{1,2})([日号])?)?(初|底|末|上旬|中旬|下旬|中)?")
_TIME_BEFORE = ("上午", "下午", "晚上", "凌晨", "早上", "中午", "傍晚")


def normalize(text: str, *, traditional: bool = True) -> str:
    """Full-width digits and signs as ASCII, traditional as simplified; same length (spans stay valid)."""
    if not (_NEEDS_NORMALIZING if traditional else _NEEDS_WIDTH).search(text):
        return text
    out = text.translate(_FULLWIDTH if traditional else _WIDTH_ONLY)
    if "，" in text:
        for m in _FW_COMMA.finditer(text):
            out = out[: m.start()] + "," + out[m.end() :]
    return out


def is_chinese(lang: str) -> bool:
    """Whether text in `lang` is read with this module's grammar (zh-CN, zh-TW, …)."""
    return parse_lang(lang).locale.language == "zh"


def amounts_in(text: str, lang: str) -> list[Amount]:
    """The amounts in a text written in `lang`: only Chinese is parsed, other languages have none."""
    return find_amounts(text, lang) if is_chinese(lang) else []


def find_amounts(text: str, source: str = "zh-CN") -> list[Amount]:
    """Every amount in a zh text, left to right; placeholders and URLs are never amounts."""
    norm = normalize(text)
    found: list[Amount] = []
    for m in AMOUNT_RE.finditer(norm):
        kind = m.lastgroup
        if kind == "skip":
            continue
        start, end = m.span()
        raw = m.group(0)
        amount: Amount | None
        if kind == "iso":  # 2025-02-11, 16:25: written as the author wrote them
            values = iso_values(raw)
            what = "date" if "-" in raw else "time"
            amount = Amount(start, end, text[start:end], values[-1], what, verbatim=True, values=values)
        elif kind == "code":
            amount = Amount(start, end, text[start:end], Decimal(raw.split(".")[0]), "code", verbatim=True)
        elif kind == "quarter":
            amount = _quarter(raw, start, end, text)
        elif kind == "pctl":
            amount = Amount(start, end, text[start:end], parse_number(raw[1:-3]), "ordinal", unit="percentile")
        elif kind == "date":
            amount = _date(raw, start, end, text)
        else:
            found += _amount(norm, raw, start, end, text)
            continue
        if amount is not None:
            found.append(amount)
    return found


def parse_number(digits: str) -> Decimal:
    """`1,234.5`, `三千五百亿`, `三点五`, `百分之五` (→ 5) as an exact Decimal."""
    digits = digits.removeprefix("百分之")
    if digits and digits[0] in "0123456789":
        return Decimal(digits.replace(",", ""))
    return _parse_cn(digits)


def _parse_cn(s: str) -> Decimal:
    if "点" in s:
        whole, frac = s.split("点", 1)
        mags = frac.lstrip("零〇一二三四五六七八九")
        frac = frac[: len(frac) - len(mags)]
        number = Decimal(f"{_parse_cn(whole) if whole else 0}.{''.join(str(CN_DIGITS[c]) for c in frac)}")
        return number * (_parse_cn(mags) if mags else 1)
    for mark, power in (("亿", 8), ("万", 4)):
        if mark in s:
            left, _, right = s.rpartition(mark)
            return (_parse_cn(left) if left else Decimal(1)) * 10**power + (_parse_cn(right) if right else 0)
    if s and all(c in CN_DIGITS for c in s):  # 二〇二五
        return Decimal("".join(str(CN_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * 10 ** CN_SMALL_UNITS[c]
            digit = None
    return Decimal(total + (digit or 0))


def _amount(norm: str, raw: str, start: int, end: int, text: str) -> list[Amount]:
    pieces = _split_range(raw)
    if pieces is None:
        return [a for a in [_single(norm, raw, start, end, text)] if a]
    (left, left_end), (right, right_start) = pieces
    high = _single(norm, right, start + right_start, end, text)
    low = _single(norm, left, start, start + left_end, text)
    if low is None or high is None or (low.kind != "number" and low.kind != high.kind):
        return [a for a in (low, high) if a]  # 增长5%至1,234亿元: two amounts, not a range
    # "100至200亿美元", "5-6%": the right end's unit and currency apply to both.
    if (low.kind == "number" and high.kind != "number") or (not low.scale and high.scale and low.kind == high.kind):
        low = _inherit(low, high)
    return [Amount(start, end, text[start:end], low.value, "range", high.currency or low.currency,
                   high.scale, high.unit, parts=(low, high))]


def _inherit(low: Amount, high: Amount) -> Amount:
    value, scale = low.value, low.scale
    if not scale and high.scale and high.kind not in ("percent", "points", "multiple"):
        value, scale = value * Decimal(10) ** high.scale, high.scale
    return replace(low, value=value, kind=high.kind, scale=scale, currency=high.currency, unit=high.unit, values=())


def _split_range(raw: str) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """The two ends of "5%-6%", or None for a single amount."""
    for m in re.finditer(_SEP, raw):
        if m.start() == 0:
            continue
        left, right = raw[: m.start()], raw[m.end() :]
        if _AMOUNT_PART.fullmatch(left) and _AMOUNT_PART.fullmatch(right) and re.search(r"\d|[一二两三四五六七八九十百千万亿]", right):
            return (left, m.start()), (right, m.end())
    return None


def _single(norm: str, raw: str, start: int, end: int, text: str) -> Amount | None:
    m = _AMOUNT_PART.fullmatch(raw)
    if m is None or not (m.group("digits") or m.group("unit")):
        return None
    digits = m.group("digits") or ""
    unit = (m.group("unit") or "").strip()
    if not digits:
        return None
    unit_scale = CN_SCALE.get(unit, 0)
    value = parse_number(digits) * Decimal(10) ** unit_scale
    scale = unit_scale or (_cn_scale(digits) if digits[0] not in "0123456789" else 0)
    suffix = (m.group("suffix") or "").strip()
    if m.group("num"):
        suffix = "%"
    if m.group("neg"):
        value = -value
    currency = CURRENCIES.get((m.group("cur1") or "").strip()) or CURRENCIES.get(suffix)
    kw: dict = {"scale": scale, "more": bool(m.group("more")), "currency": currency}
    if currency:
        kind = "money"
    elif suffix == "%":
        kind = "percent"
    elif suffix in ("百分点", "个百分点"):
        kind, kw["unit"] = "points", "percentage_points"
    elif suffix in ("基点", "个基点"):
        kind, kw["unit"] = "points", "basis_points"
    elif suffix == "倍":
        kind, kw["unit"] = "multiple", "times"
    elif suffix == "点":
        if norm[max(0, start - 2) : start] in _TIME_BEFORE:  # 下午3点: a clock time, not index points
            end -= 1
            kind = "number"
        else:
            kind, kw["unit"] = "points", "points"
    else:
        kind = "number"
        kw["unit"] = "count" if suffix == "块" else None
        # Bare digits that are likely a year, an ID or zero-padded stay as written: 2020, 000, 13800138000.
        plain = normalize(text[start:end])
        if suffix == "" and not m.group("neg") and not scale and plain.isdigit() and (
            plain[0] == "0" and len(plain) > 1 or len(plain) > 10 or (len(plain) == 4 and 1000 <= value < 3000)
        ):
            kw["verbatim"] = True
    return Amount(start, end, text[start:end], value, kind, **kw)


def _cn_scale(digits: str) -> int:
    """三千五百亿 reads as 3500亿: the scale is its trailing 万/亿 unit."""
    for mark, power in (("万亿", 12), ("亿", 8), ("万", 4)):
        if digits.endswith(mark):
            return power
    return 0


def _quarter(raw: str, start: int, end: int, text: str) -> Amount:
    year = re.match(r"(\d{4})年", raw)
    q = re.search(r"Q([1-4])|([一二三四1-4])(?:季度|财季)", raw)
    assert q is not None
    number = q.group(1) or q.group(2)
    value = Decimal(number) if number.isdigit() else Decimal(CN_DIGITS[number])
    return Amount(start, end, text[start:end], value, "quarter",
                  date=(int(year.group(1)) if year else None, None, None), verbatim=raw.startswith("Q"))


def _date(raw: str, start: int, end: int, text: str) -> Amount | None:
    seps = list(re.finditer(_SEP, raw))
    for sep in seps:
        left, right = raw[: sep.start()], raw[sep.end() :]
        high = _ymd(right)
        if high is None:
            continue
        low = _ymd(left, like=high)
        if low is None:
            continue
        lo = Amount(start, start + sep.start(), text[start : start + sep.start()], *_date_fields(low))
        hi = Amount(start + sep.end(), end, text[start + sep.end() : end], *_date_fields(high))
        return Amount(start, end, text[start:end], lo.value, "range", parts=(lo, hi))
    parsed = _ymd(raw)
    return None if parsed is None else Amount(start, end, text[start:end], *_date_fields(parsed))


def _ymd(s: str, like: tuple | None = None) -> tuple[int | None, int | None, int | None, str | None] | None:
    m = _YMD_PART.fullmatch(s) if not s.isdigit() else None
    if m is None and not (s.isdigit() and like is not None):
        return None
    y, mo, d = (int(g) if g else None for g in m.groups()[:3]) if m else (None, None, int(s))
    q = m.group(5) if m else None
    if d is not None and (m is None or m.group(4) is None):  # bare digits: "2023-2024年", "2025年1-2月", "2月3-7日"
        if like is None:
            return None
        bare, d = d, None
        field_ = next(i for i, v in enumerate(like[:3]) if v is not None)
        if field_ == 0 and (y is not None or mo is not None) or field_ == 1 and mo is not None:
            return None
        if field_ == 0:
            y = bare
        elif field_ == 1:
            mo = bare
        else:
            d = bare
    if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    if y is None and mo is None and d is None:
        return None
    return y, mo, d, QUALIFIERS.get(q) if q else None


def _date_fields(p: tuple) -> tuple:
    y, mo, d, qual = p
    kind = "year" if mo is None and d is None else "date"
    value = Decimal(d if d is not None else mo if mo is not None else y)
    return value, kind, None, 0, None, False, (), (y, mo, d), qual
