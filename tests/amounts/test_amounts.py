"""Amounts: the phrase table, locales, currency styles, protection and the number check."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from translate.amounts.parse import find_amounts
from translate.amounts.render import render_amount
from translate.checks.placeholders import placeholder_findings
from translate.markup.placeholders import NUMBER, TERM, MaskBuilder, Masked
from translate.pipeline.protect import protect_amounts
from translate.pipeline.restore import restore

from support.numbers import extract_values, number_findings
from support.paths import EXAMPLE_POST

TESTS = Path(__file__).resolve().parent


def _cases() -> list[tuple[str, str]]:
    rows = []
    for line in (TESTS / "number_cases.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            zh, expected = line.split("\t")
            rows.append((zh, expected))
    return rows


CASES = _cases()


def test_the_table_has_at_least_80_phrasings() -> None:
    assert len([c for c in CASES if c[1]]) >= 80


@pytest.mark.parametrize(("zh", "expected"), CASES, ids=[c[0][:24] for c in CASES])
def test_phrase_renders_in_english_and_reads_back(zh: str, expected: str) -> None:
    amounts = find_amounts(zh)
    assert " | ".join(render_amount(a, "en") for a in amounts) == expected
    for a in amounts:
        assert zh[a.start : a.end] == a.text
        assert sorted(extract_values(render_amount(a, "en"), "en")) == sorted(a.values)


def _post_body() -> str:
    return EXAMPLE_POST.read_text(encoding="utf-8").split("---", 2)[2]


def test_every_figure_of_the_example_post_is_found() -> None:
    texts = [a.text for a in find_amounts(_post_body())]
    for figure in ["5000亿美元", "600万美元", "2048块", "10亿美元", "千亿美元", "2月3日至7日", "第四季度",
                   "第23百分位", "第10百分位", "7.6%", "28%", "75点", "69点", "2023年-2024年", "1957年"]:
        assert figure in texts
    assert "100" in texts and "1" in texts  # 纳斯达克100, 斯普特尼克1号
    assert "800" not in texts and "100" not in [a.text for a in find_amounts("H100与H800")]
    assert all("亿万" not in t for t in texts)  # 亿万富翁 is a word


def test_example_post_survives_protect_and_restore_with_every_value() -> None:
    body = _post_body()
    masked = protect_amounts(Masked(body), "zh-CN", "en")
    assert "亿" not in masked.text.replace("亿万富翁", "")
    english = restore(masked.text, masked, spaced=True)  # an engine that copies every placeholder
    assert "$500 billion" in english and "$6 million" in english and "February 3 to 7" in english
    assert number_findings(body, english, "zh-CN", "en") == []


@pytest.mark.parametrize(
    ("zh", "target", "expected"),
    [
        ("5000亿美元", "de", "500 Milliarden\u00a0$"),
        ("1.5万亿元", "de", "1,5 Billionen Yuan"),
        ("7.6%", "de", "7,6\u00a0%"),
        ("2048块", "de", "2.048"),
        ("2月3日至7日", "de", "3.–7. Februar"),
        ("第四季度", "de", "4. Quartal"),
        ("1.5万亿元", "fr", "1,5 billion yuans"),
        ("2048块", "fr", "2\u202f048"),
        ("2个百分点", "fr", "2 points de pourcentage"),
        ("5000亿美元", "ja", "$5,000億"),
        ("392.69万元", "ja", "392.69万人民元"),
        ("2月7日", "ja", "2月7日"),
        ("1月底", "ja", "1月末"),
        ("90亿元", "es", "9 mil millones yuanes"),
    ],
)
def test_other_targets_follow_their_locale(zh: str, target: str, expected: str) -> None:
    (amount,) = find_amounts(zh)
    rendered = render_amount(amount, target)
    assert rendered == expected
    assert sorted(extract_values(rendered, target)) == sorted(amount.values)


@pytest.mark.parametrize(
    ("zh", "style", "expected"),
    [
        ("1.5万亿元", "symbol", "1.5 trillion yuan"),
        ("1.5万亿元", "narrow", "¥1.5 trillion"),
        ("1.5万亿元", "code", "CNY 1.5 trillion"),
        ("1.5万亿元", "word", "1.5 trillion yuan"),
        ("5000亿美元", "symbol", "$500 billion"),
        ("5000亿美元", "code", "USD 500 billion"),
        ("5000亿美元", "word", "500 billion US dollars"),
        ("120亿港元", "narrow", "HK$12 billion"),
        ("-3亿美元", "symbol", "-$300 million"),
    ],
)
def test_currency_styles(zh: str, style: str, expected: str) -> None:
    (amount,) = find_amounts(zh)
    assert render_amount(amount, "en", currency_style=style) == expected


def test_unknown_currency_style_is_refused() -> None:
    (amount,) = find_amounts("5亿美元")
    with pytest.raises(ValueError, match="currency_style"):
        render_amount(amount, "en", currency_style="fancy")


@pytest.mark.parametrize("text", ["{12}年", "{3}亿{4}", "见{0}和{15}%", "{2}{7}倍"])
def test_placeholder_digits_are_never_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_amounts_between_placeholders_are_found_exactly() -> None:
    text = "{0}5000亿美元{1}"
    (amount,) = find_amounts(text)
    assert (amount.start, amount.end, amount.value) == (3, 10, Decimal("5E11"))


def test_protect_adds_number_tokens_rendered_for_the_target() -> None:
    builder = MaskBuilder()
    builder.token("**")
    builder.text("英伟达市值蒸发超5000亿美元，占比7.6%")
    builder.token("**")
    masked = builder.build()
    protected = protect_amounts(masked, "zh-CN", "en")
    numbers = [t for t in protected.tokens if t.kind == NUMBER]
    assert [(t.source, t.target) for t in numbers] == [("5000亿美元", "$500 billion"), ("7.6%", "7.6%")]
    assert protected.tokens[:2] == masked.tokens
    assert protected.source_text() == masked.source_text()
    assert restore(protected.text, protected, spaced=True) == "**英伟达市值蒸发超$500 billion，占比7.6%**"
    assert placeholder_findings(protected.text, protected) == []


@pytest.mark.parametrize(
    ("pieces", "restored", "numbers"),
    [
        (["排名第23", ("百分位", "percentile")], "排名23rd percentile", ["第23百分位"]),
        (["排名第23", ("百分位", "percentile"), "，涨5%"], "排名23rd percentile，涨5%", ["第23百分位", "5%"]),
        ([("沪深300", "CSI 300"), "涨5%"], "CSI 300涨5%", ["5%"]),
        (["5000亿", ("美元", "US dollars")], "$500 billion", ["5000亿美元"]),
    ],
    ids=["unit-is-a-term", "term-then-more", "digits-inside-a-term", "currency-is-a-term"],
)
def test_glossary_terms_protected_first_do_not_split_an_amount(
    pieces: list[str | tuple[str, str]], restored: str, numbers: list[str]
) -> None:
    builder = MaskBuilder()
    for piece in pieces:
        if isinstance(piece, tuple):
            builder.token(piece[0], target=piece[1], kind=TERM)
        else:
            builder.text(piece)
    masked = builder.build()
    protected = protect_amounts(masked, "zh-CN", "en")
    assert [t.source for t in protected.tokens if t.kind == NUMBER] == numbers
    assert restore(protected.text, protected, spaced=True) == restored
    assert protected.source_text() == masked.source_text()
    assert placeholder_findings(protected.text, protected) == []


def test_protect_leaves_text_without_amounts_alone() -> None:
    masked = Masked("没有数字")
    assert protect_amounts(masked, "zh-CN", "en") is masked


SOURCE = "英伟达市值单日蒸发超5000亿美元，MSCI中国指数2月以来上涨超过6%，至75点。"
GOOD = "Nvidia lost over $500 billion in one day; the MSCI China index is up more than 6% since February, to 75 points."


@pytest.mark.parametrize(
    ("target", "missing", "extra"),
    [
        (GOOD, [], []),
        (GOOD.replace("$500 billion", "$50 billion"), ["500000000000"], ["50000000000"]),
        (GOOD.replace(" more than 6%", ""), ["6"], []),
        (GOOD.replace("to 75 points", "to 75 points, or 8%"), [], ["8"]),
        (GOOD.replace("since February", "since March"), ["2"], ["3"]),
        (GOOD.replace("$500 billion", "$500 million"), ["500000000000"], ["500000000"]),
        (GOOD.replace("$500 billion", "500 billion dollars"), [], []),
        ("To 75 points, since February up more than 6%; Nvidia lost $500bn.", [], []),
    ],
    ids=["faithful", "tenfold-smaller", "dropped-percent", "added-value", "month-changed", "scale-changed",
         "rephrased", "reordered"],
)
def test_number_check_catches_an_engine_that_rewrites_numbers(target: str, missing: list[str], extra: list[str]) -> None:
    findings = number_findings(SOURCE, target, "zh-CN", "en")
    assert all(f.kind == "numbers" for f in findings)
    assert sorted(f.message.split("(")[1].split(")")[0] for f in findings if "missing" in f.message) == missing
    assert sorted(f.message.split("(")[-1].split(")")[0] for f in findings if "not in the source" in f.message) == extra


def test_digits_inside_names_are_not_values() -> None:
    source = "2048块H800芯片，DeepSeek R1与OpenAI o1"
    target = "2,048 H800 chips; DeepSeek R1 and OpenAI o1"
    assert extract_values(target, "en") == [Decimal(2048)]
    assert number_findings(source, target, "zh-CN", "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("$500 billion and 28%", "en", ["500000000000", "28"]),
        ("the fourth quarter of 2025", "en", ["4", "2025"]),
        ("a threefold rise, Q2, 23rd", "en", ["3", "2", "23"]),
        ("May we note: in May it rose", "en", ["5"]),
        ("1,5 Billionen Yuan und 2.048 Stück", "de", ["1500000000000", "2048"]),
        ("3.–7. Februar", "de", ["3", "7", "2"]),
        ("1,5\u202fmilliard et 2\u202f048", "fr", ["1500000000", "2048"]),
        ("5000億ドルと2月7日", "ja", ["500000000000", "2", "7"]),
    ],
)
def test_extract_values_reads_each_language(text: str, lang: str, values: list[str]) -> None:
    assert [f"{v.normalize():f}" for v in extract_values(text, lang)] == values


def test_full_width_digits_and_separators() -> None:
    (amount,) = find_amounts("营收１，２３４．５万元")
    assert amount.value == Decimal("12345000") and amount.text == "１，２３４．５万元"
    assert render_amount(amount, "en") == "12.345 million yuan"


@pytest.mark.parametrize(
    ("zh", "target", "expected"),
    [("市值蒸發超5000億美元", "en", "$500 billion"), ("上調2個百分點", "en", "2 percentage points"),
     ("南向資金淨流入120億港元", "zh-TW", "HK$120億")],
)
def test_traditional_chinese_sources_parse_the_same(zh: str, target: str, expected: str) -> None:
    (amount,) = find_amounts(zh, "zh-TW")
    rendered = render_amount(amount, target)
    assert rendered == expected
    assert extract_values(rendered, target) == list(amount.values)


def test_find_amounts_is_fast_on_a_big_site() -> None:
    text = _post_body() * 100  # ~450k characters, like a few hundred posts
    started = time.perf_counter()
    found = find_amounts(text)
    elapsed = time.perf_counter() - started
    assert len(found) > 3000
    assert elapsed < 1.0, f"find_amounts took {elapsed:.2f}s"


@pytest.mark.parametrize(
    "text", ["2025-02-11", "16:25", "于2025-02-11 16:25发布", "见 https://x.com/a-2025-02-11）后", "on 2025-02-11."]
)
def test_source_and_translation_read_iso_dates_times_and_urls_alike(text: str) -> None:
    """Both sides read these through one pattern, so the number check compares like with like."""
    assert sorted(v for a in find_amounts(text) for v in a.values) == sorted(extract_values(text, "en"))
