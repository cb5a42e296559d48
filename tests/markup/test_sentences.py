"""The engine's rule-based sentence splitter, on the real example post and on English."""

from __future__ import annotations

import re

import pytest

from translate.markup.sentences import cut_long, join_sentences, split_sentences

from support.paths import EXAMPLE_POST


def example_body() -> str:
    text = EXAMPLE_POST.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return body.split("\n\n[investing_cn]", 1)[0].strip()


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_example_post_splits_into_its_sentences() -> None:
    body = example_body()
    sentences = split_sentences(body, "zh-CN")
    assert len(sentences) == 40
    assert squeeze("".join(sentences)) == squeeze(body)  # nothing lost but whitespace
    for sentence in sentences:
        assert re.search(r"[。！？；…)）”’]$", sentence), sentence
        assert "。" not in sentence[:-2], sentence  # no sentence swallowed another
    assert sentences[0] == (
        "智通财经APP获悉，华尔街金融巨头高盛在一份最新报告中指出，全球范围的对冲基金在今年绝大部分时间都在大量购买中国股票。"
    )
    quoted = [s for s in sentences if s.startswith("来自中国香港")]
    assert quoted == ["来自中国香港的一位机构销售总监表示：“DeepSeek正在改变‘中国在AI领域无关紧要，正在输掉AI战争’的悲观论调。”"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你好。再见！", ["你好。", "再见！"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("真的吗？！是的", ["真的吗？！", "是的"]),
        ("等等……然后呢", ["等等……", "然后呢"]),
        ("市场上涨；债市下跌。", ["市场上涨；", "债市下跌。"]),
        ("{0}上涨{1}。{2}下跌。", ["{0}上涨{1}。", "{2}下跌。"]),
        ("（注：仅供参考。）下一句", ["（注：仅供参考。）", "下一句"]),
        ("没有标点", ["没有标点"]),
        ("   ", []),
        ("高盛表示，2025年将是重要的一年...", ["高盛表示，2025年将是重要的一年..."]),
    ],
)
def test_chinese_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "zh-CN") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stocks rose. Bonds fell!", ["Stocks rose.", "Bonds fell!"]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("The U.S. Federal Reserve cut rates. Markets cheered.", ["The U.S. Federal Reserve cut rates.", "Markets cheered."]),
        ("It rose 3.5% today. Really?", ["It rose 3.5% today.", "Really?"]),
        ("“Buy China,” he said. Then he left.", ["“Buy China,” he said.", "Then he left."]),
        ("Is it? Yes. J. P. Morgan agreed.", ["Is it?", "Yes.", "J. P. Morgan agreed."]),
        ("See e.g. the report. It is long.", ["See e.g. the report.", "It is long."]),
        ("Apple Inc. Tim Cook said so.", ["Apple Inc. Tim Cook said so."]),
        ("He said (quietly.) Then left.", ["He said (quietly.)", "Then left."]),
        ("{0} rose {1}. {2} fell.", ["{0} rose {1}.", "{2} fell."]),
        ("Visit example.com today.", ["Visit example.com today."]),
    ],
)
def test_english_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


def test_long_sentences_are_cut_at_clause_marks_before_the_limit() -> None:
    body = example_body()
    whole = split_sentences(body, "zh-CN")
    pieces = split_sentences(body, "zh-CN", max_tokens=40)
    assert squeeze("".join(pieces)) == squeeze(body)
    assert all(len(piece) <= 40 for piece in pieces)
    cut = [p for p in pieces if p not in whole]
    assert len(pieces) > 2 * len(whole)
    hard = [p for p in cut if p[-1] not in "，；。！？”’)）"]  # single clauses over 40
    assert len(hard) <= 0.2 * len(cut), hard


@pytest.mark.parametrize("limit", [5, 12, 30])
def test_hard_cut_never_splits_a_placeholder(limit: int) -> None:
    text = "上涨{12}下跌{345}持平{6}" * 4
    pieces = cut_long(text, limit)
    assert "".join(pieces) == text
    for piece in pieces:
        assert piece.count("{") == piece.count("}"), pieces
        assert len(piece) <= max(limit, 5)


def test_count_is_the_callers_tokenizer() -> None:
    sentence = "第一句很长，第二句也很长，第三句。"
    # with a tokenizer that counts 10 per character, everything must be cut at commas
    assert cut_long(sentence, 70, lambda s: 10 * len(s)) == ["第一句很长，", "第二句也很长，", "第三句。"]
    assert cut_long(sentence, 70) == [sentence]
    assert cut_long(sentence, 1000, lambda s: 10 * len(s)) == [sentence]


@pytest.mark.parametrize(("lang", "joined"), [("zh-CN", "甲。乙。"), ("en", "甲。 乙。"), ("ja", "甲。乙。")])
def test_join_follows_the_target_script(lang: str, joined: str) -> None:
    assert join_sentences(["甲。", "乙。"], lang) == joined
