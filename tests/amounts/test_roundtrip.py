"""Property: random value × unit × currency → Chinese text → parsed → rendered → read back → same value."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate.amounts.parse import find_amounts
from translate.amounts.render import render_amount
from translate.markup.placeholders import MaskBuilder
from translate.pipeline.protect import protect_amounts
from translate.pipeline.restore import is_spaced, restore

from support.numbers import extract_values, number_findings

UNITS = {"": 0, "万": 4, "亿": 8, "万亿": 12, "千亿": 11, "百万": 6}
CURRENCIES = ["美元", "元", "人民币", "港元", "港币", "欧元", "日元", "英镑", "元人民币", ""]
SUFFIXES = ["%", "个百分点", "个基点", "倍", "点"]
TARGETS = ["en", "de", "fr", "ja", "es"]
STYLES = ["symbol", "narrow", "code", "word"]
CN = "零一二三四五六七八九"
FILLER = ["公司", "营收", "同比增长", "，", "。", "据悉", "约", "全年"]

settings.register_profile("numbers", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("numbers")

decimals = st.builds(
    lambda whole, frac: Decimal(f"{whole}.{frac}") if frac else Decimal(whole),
    st.integers(min_value=1, max_value=99999),
    st.one_of(st.just(""), st.from_regex(r"\d{1,4}", fullmatch=True).map(lambda f: f.rstrip("0"))),
)


def chinese_numeral(n: int) -> str:
    """An integer written as Chinese numerals (1234 → 一千二百三十四), up to 9999亿."""
    def below_10k(k: int) -> str:
        out, zero = "", False
        for power, mark in ((3, "千"), (2, "百"), (1, "十"), (0, "")):
            digit = k // 10**power % 10
            if digit:
                out += ("零" if zero and out else "") + CN[digit] + mark
                zero = False
            else:
                zero = True
        return out

    yi, rest = divmod(n, 10**8)
    wan, ones = divmod(rest, 10**4)
    text = ""
    for part, mark in ((yi, "亿"), (wan, "万"), (ones, "")):
        if part:
            if text and part < 1000:
                text += "零"
            text += below_10k(part) + mark
    return text


@given(value=decimals, unit=st.sampled_from(sorted(UNITS)), currency=st.sampled_from(CURRENCIES),
       target=st.sampled_from(TARGETS), style=st.sampled_from(STYLES))
def test_money_and_numbers_round_trip(value: Decimal, unit: str, currency: str, target: str, style: str) -> None:
    if unit == "百万" and not currency:
        unit = "万"  # 3百万 is a unit only before a currency in our grammar; 万 keeps the case useful
    text = f"{value:f}{unit}{currency}"
    (amount,) = find_amounts(f"据悉{text}。")
    assert amount.text == text
    assert amount.value == value * Decimal(10) ** UNITS[unit]
    rendered = render_amount(amount, target, currency_style=style)
    assert extract_values(rendered, target) == [amount.value]


@given(value=decimals, suffix=st.sampled_from(SUFFIXES), negative=st.booleans(), target=st.sampled_from(TARGETS))
def test_percent_points_multiples_round_trip(value: Decimal, suffix: str, negative: bool, target: str) -> None:
    sign = "-" if negative and suffix == "%" else ""
    (amount,) = find_amounts(f"上涨{sign}{value:f}{suffix}，")
    expected = -value if sign else value
    assert amount.value == expected
    assert extract_values(render_amount(amount, target), target) == [expected]


@given(n=st.integers(min_value=100, max_value=9999 * 10**8), currency=st.sampled_from(CURRENCIES),
       target=st.sampled_from(TARGETS))
def test_chinese_numerals_round_trip(n: int, currency: str, target: str) -> None:
    text = chinese_numeral(n) + currency
    amounts = find_amounts(f"投资{text}建厂")
    assert [a.text for a in amounts] == [text]
    assert amounts[0].value == n
    assert extract_values(render_amount(amounts[0], target), target) == [Decimal(n)]


@given(year=st.integers(1950, 2049), month=st.integers(1, 12), day=st.integers(1, 27),
       length=st.integers(1, 20), target=st.sampled_from(TARGETS))
def test_dates_and_ranges_round_trip(year: int, month: int, day: int, length: int, target: str) -> None:
    lo, hi = day, min(day + length, 28)
    for text in (f"{year}年{month}月{day}日", f"{month}月{day}日", f"{year}年", f"{month}月{lo}日至{hi}日"):
        (amount,) = find_amounts(f"截至{text}的")
        assert amount.text == text
        assert sorted(extract_values(render_amount(amount, target), target)) == sorted(amount.values)


pieces = st.one_of(
    st.sampled_from(FILLER),
    st.builds(lambda v, u, c: f"{v:f}{u}{c}", decimals, st.sampled_from(["万", "亿", "万亿"]), st.sampled_from(CURRENCIES)),
    st.builds(lambda v: f"{v:f}%", decimals),
    st.builds(lambda m, d: f"{m}月{d}日", st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda i: "{%d}" % i, st.integers(0, 30)),
)


@given(parts=st.lists(pieces, min_size=1, max_size=12), target=st.sampled_from(TARGETS))
def test_protected_block_restores_with_every_value_and_no_placeholder_digit(parts: list[str], target: str) -> None:
    builder = MaskBuilder()
    for part in parts:
        if part.startswith("{"):
            builder.token(f"`code{part}`")  # markup the masker already protected
        else:
            builder.text(part + "，")
    masked = builder.build()
    for a in find_amounts(masked.text):
        assert "{" not in a.text and "}" not in a.text
    protected = protect_amounts(masked, "zh-CN", target)
    translated = restore(protected.text, protected, is_spaced(target))  # an engine that copies every placeholder
    source = masked.source_text()
    assert number_findings(source, translated, "zh-CN", target) == []
