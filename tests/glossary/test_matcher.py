"""Glossary files: loading, matching rules, protection and verification."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.checks.glossary import term_findings
from translate.errors import ConfigError
from translate.glossary.matcher import Glossary, find_target, load_glossary
from translate.markup.placeholders import TERM, MaskBuilder, Masked
from translate.pipeline.protect import protect_terms

HEADER = "zh-CN,en,note,case_sensitive,do_not_translate,forbidden_en\n"
ROWS = """\
高盛,Goldman Sachs,,,,Goldman Sax;Gao Sheng
高盛集团,Goldman Sachs Group,,,,
港股,Hong Kong stocks,,,,
香港股市,Hong Kong stock market,,,,
北向资金,northbound funds,,,,northward funds
DeepSeek,,,,true,
DeepSeek R1,DeepSeek R1,,,true,
MSCI中国指数,MSCI China Index,,,,
安德鲁·斯旺,Andrew Swan,,,,
ETF,exchange-traded fund,,,,
Fed,Federal Reserve,,false,,
"stock, index",Aktienindex,a quoted cell,,,
"""


def write(tmp_path: Path, text: str, name: str = "g.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    return load_glossary([write(tmp_path, HEADER + ROWS)])


def matched(glossary: Glossary, text: str) -> list[str]:
    return [text[m.start : m.end] for m in glossary.match(text, "zh-CN", "en")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("高盛集团与高盛", ["高盛集团", "高盛"]),  # longest first
        ("香港股市", ["香港股市"]),  # 港股 inside is not matched
        ("{0}高盛{1}", ["高盛"]),
        ("买入{12}港股", ["港股"]),
        ("DeepSeek R1发布", ["DeepSeek R1"]),
        ("DeepSeek   \nR1发布", ["DeepSeek   \nR1"]),  # whitespace runs match a space
        ("deepseek发布", []),  # auto case: DeepSeek is case-sensitive
        ("xDeepSeek与DeepSeekX", []),  # Latin word boundaries
        ("中国DeepSeek发布", ["DeepSeek"]),  # CJK neighbours are boundaries
        ("ETFs与ETF", ["ETF"]),
        ("the fed and the Fed", ["fed", "Fed"]),  # explicitly case-insensitive
        ("Federal", []),
        ("安德鲁•斯旺表示", ["安德鲁•斯旺"]),  # middle-dot variants
        ("MSCI中国指数", ["MSCI中国指数"]),
        ("", []),
    ],
)
def test_match(glossary: Glossary, text: str, expected: list[str]) -> None:
    assert matched(glossary, text) == expected


def test_match_never_inside_placeholders(tmp_path: Path) -> None:
    g = load_glossary([write(tmp_path, "zh-CN,en\n12,twelve\n价格12,price twelve\n")])
    assert matched(g, "{12}和12") == ["12"]
    assert [m.start for m in g.match("{12}和12", "zh-CN", "en")] == [5]


def test_longest_wins_over_leftmost(tmp_path: Path) -> None:
    g = load_glossary([write(tmp_path, "zh-CN,en\n中国平,x\n平安银行,Ping An Bank\n")])
    assert matched(g, "中国平安银行") == ["平安银行"]


def test_shorter_term_fills_the_gap_a_longer_one_left(tmp_path: Path) -> None:
    g = load_glossary([write(tmp_path, "zh-CN,en\n甲乙,x\n甲乙丙,y\n丙丁戊己,z\n")])
    assert matched(g, "甲乙丙丁戊己") == ["甲乙", "丙丁戊己"]


def test_terms_for_a_pair(glossary: Glossary) -> None:
    terms = {t.source: t for t in glossary.terms("zh-CN", "en")}
    assert terms["DeepSeek"].target == "DeepSeek" and terms["DeepSeek"].do_not_translate
    assert terms["高盛"].forbidden == ("Goldman Sax", "Gao Sheng")
    assert terms["高盛"].line == 2 and terms["stock, index"].target == "Aktienindex"
    assert terms["MSCI中国指数"].case_sensitive and not terms["高盛"].case_sensitive
    # the other direction: the en column is the source
    back = {t.source: t.target for t in glossary.terms("en", "zh-CN")}
    assert back["Goldman Sachs"] == "高盛"
    # column tags are matched by language: zh and en-US reach zh-CN and en
    assert glossary.terms("zh", "en-US") == glossary.terms("zh-CN", "en")
    assert glossary.terms("zh-CN", "fr") == ()


def test_versions(tmp_path: Path) -> None:
    first = load_glossary([write(tmp_path, HEADER + ROWS)])
    edited = load_glossary([write(tmp_path, HEADER + ROWS.replace("Hong Kong stocks", "HK stocks"))])
    renoted = load_glossary([write(tmp_path, HEADER + ROWS.replace("a quoted cell", "other note"))])
    assert first.version != edited.version != renoted.version
    by = lambda g: {t.source: t.version() for t in g.terms("zh-CN", "en")}  # noqa: E731
    changed = {k for k in by(first) if by(first)[k] != by(edited)[k]}
    assert changed == {"港股"}
    assert by(first) == by(renoted)  # a note does not change what is translated


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"", "no header"),
    ],
)
def test_unreadable_files_are_config_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        load_glossary([path])
    assert message in str(info.value) and str(info.value).startswith(f"{path}:1: ")


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read glossary"):
        load_glossary([tmp_path / "nope.csv"])


def test_protect_terms_adds_term_tokens(glossary: Glossary) -> None:
    builder = MaskBuilder()
    builder.text("据")
    builder.token("**")
    builder.text("高盛")
    builder.token("**")
    builder.text("报告，DeepSeek带动北向资金流入港股")
    masked = builder.build()
    protected = protect_terms(masked, glossary.match(masked.text, "zh-CN", "en"))
    assert protected.text == "据{0}{2}{1}报告，{3}带动{4}流入{5}"
    assert protected.tokens[:2] == masked.tokens
    assert [(t.source, t.target, t.kind) for t in protected.tokens[2:]] == [
        ("高盛", "Goldman Sachs", TERM),
        ("DeepSeek", "DeepSeek", TERM),
        ("北向资金", "northbound funds", TERM),
        ("港股", "Hong Kong stocks", TERM),
    ]
    assert protected.source_text() == masked.source_text()


def test_protect_terms_without_matches_returns_the_same_object(glossary: Glossary) -> None:
    masked = Masked("没有术语", ())
    assert protect_terms(masked, glossary.match(masked.text, "zh-CN", "en")) is masked


def findings_of(glossary: Glossary, source: str | Masked, translation: str) -> list:
    """The glossary check of `translation` against `source` (masked: terms in markup left out)."""
    text = source.text if isinstance(source, Masked) else source
    return term_findings(glossary.match(text, "zh-CN", "en"), text, translation)


@pytest.mark.parametrize(
    ("source", "translation", "problems"),
    [
        ("高盛表示", "Goldman Sachs said", []),
        ("高盛表示", "Goldman said", ["'高盛' must be translated as 'Goldman Sachs'"]),
        ("北向资金流入", "Northbound funds flowed in", []),  # a capital at sentence start is fine
        ("北向资金流入", "northward funds and northbound funds", ["'northward funds' is a forbidden"]),
        ("高盛集团", "Goldman Sachs Group", []),  # the correct target is not its own variant
        ("高盛", "Goldman Sax", ["must be translated", "'Goldman Sax' is a forbidden"]),
        ("DeepSeek发布", "DeepSeek released", []),
        ("DeepSeek发布", "Deep Seek released", ["'DeepSeek' must be translated as 'DeepSeek'"]),
        ("港股", "Hong Kong stocksX", ["'港股' must be translated"]),  # boundaries in the target
        ("没有术语", "anything", []),
    ],
)
def test_term_findings(glossary: Glossary, source: str, translation: str, problems: list[str]) -> None:
    findings = findings_of(glossary, source, translation)
    assert len(findings) == len(problems)
    for finding, expected in zip(findings, problems):
        assert expected in finding.message and finding.kind == "glossary"
        assert "g.csv:" in finding.message  # says which row to look at


def test_term_findings_on_a_masked_source_skip_terms_in_markup(glossary: Glossary) -> None:
    builder = MaskBuilder()
    builder.text("高盛说")
    builder.token("`港股`")
    masked = builder.build()
    assert findings_of(glossary, masked, "Goldman Sachs said `港股`") == []
    plain = findings_of(glossary, masked.source_text(), "Goldman Sachs said `港股`")
    assert [f.message.split(" must")[0] for f in plain] == ["'港股'"]


def test_a_term_glossed_by_its_target_in_brackets_is_one_span() -> None:
    from translate.pipeline.restore import restore

    sheet = "zh-CN,en,do_not_translate\n英仕曼集团,Man Group,\n大卫·泰珀,David Tepper,\nMSCI,MSCI,true\n"
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.csv"
        path.write_text(sheet, encoding="utf-8")
        glossary = load_glossary([path])
    text = "英仕曼集团(Man Group)表示，大卫·泰珀（David   Tepper）与MSCI(MSCI)，英仕曼集团(盈利)。"
    masked = protect_terms(Masked(text), glossary.match(text, "zh-CN", "en"))
    assert masked.text == "{0}表示，{1}与{2}({3})，{4}(盈利)。"
    assert restore(masked.text, masked, spaced=True) == "Man Group表示，David Tepper与MSCI(MSCI)，Man Group(盈利)。"
    assert masked.source_text() == text


@pytest.mark.parametrize(("text", "target"), [
    ("offshore Chinese stock markets rose", "Chinese stock market"),
    ("a Chinese start-up", "start-ups"),
    ("the China tariff policy", "tariffs"),
    ("near historic lows", "historic low"),
    ("two companies", "company"),
    ("Companies grew", "company"),
    ("Stock market rally", "stock market"),
    ("in 2023-2024", "2023–2024"),
    ("Goldman  Sachs said", "Goldman Sachs"),
])
def test_a_target_is_found_inflected_capitalised_or_with_another_dash(text: str, target: str) -> None:
    assert find_target(text, target)


@pytest.mark.parametrize(("text", "target"), [
    ("Goldman Sach said", "Goldman Sachs"),  # a name is matched as written
    ("stock marketing", "stock market"),  # an inflection is not any longer word
    ("a bonu", "bonus"),  # a final -us is not a plural
    ("Xstock market", "stock market"),
    ("goldman sachs", "Goldman Sachs"),
])
def test_a_target_is_not_found_in_another_word(text: str, target: str) -> None:
    assert find_target(text, target) == []
