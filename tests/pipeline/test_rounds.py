"""translate_masked against hostile engines: every protected target arrives, or an engine ERROR."""

from __future__ import annotations

import re
from typing import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.glossary.matcher import find_target
from translate.markup.placeholders import MARKUP, NUMBER, PLACEHOLDER_RE, TERM, Masked, Token
from translate.pipeline.rounds import Translated, translate_masked
from translate.problems import ERROR, WARNING

PH = PLACEHOLDER_RE


class FakeEngine:
    """Applies `mangle` to each segment (after a fake 'translation') and records every call."""

    name = "fake"

    def __init__(self, mangle: Callable[[str], str]) -> None:
        self.mangle = mangle
        self.calls: list[list[str]] = []

    def model_version(self, source: str, target: str) -> str:
        return "fake-1"

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(list(segments))
        return [self.mangle(s) for s in segments]


def fake_translate(text: str) -> str:
    """Stands in for a model: Chinese characters become 'w', Latin and placeholders stay."""
    return re.sub(r"[\u4e00-\u9fff]+", " w ", text).strip()


def identity(text: str) -> str:
    return fake_translate(text)


def drop_placeholders(text: str) -> str:
    return fake_translate(PH.sub("", text))


def translate_placeholders(text: str) -> str:  # the model "translates" a {n} into a word
    return fake_translate(PH.sub("thing", text))


def duplicate_placeholders(text: str) -> str:
    return fake_translate(PH.sub(lambda m: m.group(0) * 2, text))


def reorder_placeholders(text: str) -> str:
    found = PH.findall(text)
    rotated = found[1:] + found[:1]
    it = iter(rotated)
    return fake_translate(PH.sub(lambda m: "{%s}" % next(it), text))


def mangle_everything(text: str) -> str:
    """Drops placeholders and lowercases/garbles any Latin word it was handed."""
    return fake_translate(PH.sub("", text)).lower().replace("a", "4")


HOSTILE = {
    "identity": identity,
    "drop": drop_placeholders,
    "translate": translate_placeholders,
    "duplicate": duplicate_placeholders,
    "reorder": reorder_placeholders,
    "mangle": mangle_everything,
}


def items() -> list[Masked]:
    goldman = Token("高盛", "Goldman Sachs", TERM)
    return [
        Masked("{0}表示{1}买入{2}中国股票", (goldman, Token("对冲基金", "hedge funds", TERM),
                                     Token("5000亿美元", "$500 billion", NUMBER))),
        Masked("{0}{1}说{2}和{3}都涨了{4}", (Token("**", "**"), goldman, Token("腾讯", "Tencent", TERM),
                                      Token("阿里巴巴", "Alibaba", TERM), Token("**", "**"))),
        Masked("{0}、{1}以及{2}。", (Token("阿里巴巴", "Alibaba", TERM), Token("腾讯", "Tencent", TERM),
                                Token("百度", "Baidu", TERM))),
        Masked("没有术语的句子", ()),
        Masked("{0}上涨", (Token("`code`", "`code`", MARKUP),)),
        Masked("{0}", (goldman,)),
        Masked("{0}与{1}", (goldman, Token("高盛集团", "Goldman Sachs Group", TERM))),
    ]


def protected_targets(item: Masked) -> list[str]:
    return [item.tokens[p].target for p in item.pieces()
            if isinstance(p, int) and item.tokens[p].kind != MARKUP]


def markup_sources(item: Masked) -> list[str]:
    return [item.tokens[p].source for p in item.pieces()
            if isinstance(p, int) and item.tokens[p].kind == MARKUP]


@pytest.mark.parametrize("mangle", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_protected_target_arrives(mangle: Callable[[str], str]) -> None:
    batch = items()
    results = translate_masked(FakeEngine(mangle), batch, "zh-CN", "en")
    assert len(results) == len(batch)
    for item, result in zip(batch, results):
        assert not [f for f in result.findings if f.severity == ERROR], result
        for target in set(protected_targets(item)):
            wanted = protected_targets(item).count(target)
            assert len(find_target(result.text, target)) >= wanted, (target, result)
        assert result.text.count("`code`") == markup_sources(item).count("`code`")
        assert result.text.count("**") == markup_sources(item).count("**")
        assert not PH.search(result.text), result


@pytest.mark.parametrize(
    ("mangle", "method"),
    [(identity, "direct"), (drop_placeholders, "inline"), (mangle_everything, "split")],
    ids=["direct", "inline", "split"],
)
def test_method_and_warning_say_which_fallback_was_used(mangle: Callable[[str], str], method: str) -> None:
    result = translate_masked(FakeEngine(mangle), items()[:1], "zh-CN", "en")[0]
    assert result.method == method
    if method == "direct":
        assert result.findings == ()
    else:
        assert [f.severity for f in result.findings] == [WARNING]
        assert "高盛" in result.findings[0].message


def test_rounds_are_batched_one_call_each() -> None:
    engine = FakeEngine(mangle_everything)
    batch = items()
    translate_masked(engine, batch, "zh-CN", "en")
    # round 1 (all items with words) + round 2 (all failed with protected tokens) + round 3
    assert len(engine.calls) == 3
    assert len(engine.calls[0]) == 6  # "{0}" alone has no words: never sent
    assert all("{" not in s or re.search(r"\{\d+\}", s) for s in engine.calls[1])
    assert "Goldman Sachs" in " ".join(engine.calls[1])  # inline injection


def test_round_one_goes_in_chunks() -> None:
    engine = FakeEngine(identity)
    batch = [Masked(f"句子{i}", ()) for i in range(5)]
    translate_masked(engine, batch, "zh-CN", "en", chunk_size=2)
    assert [len(c) for c in engine.calls] == [2, 2, 1]


def test_empty_output_is_an_engine_error() -> None:
    results = translate_masked(FakeEngine(lambda s: ""), items()[:2], "zh-CN", "en")
    for result in results:
        assert result.text == ""
        assert [(f.kind, f.severity) for f in result.findings] == [("engine", ERROR)]


def test_empty_output_in_split_round_is_an_engine_error() -> None:
    def empty_pieces(text: str) -> str:
        if PH.search(text):
            return drop_placeholders(text)  # round 1 fails
        return mangle_everything(text) if "Goldman" in text else ""  # round 2 fails, round 3 empty

    result = translate_masked(FakeEngine(empty_pieces), items()[:1], "zh-CN", "en")[0]
    assert result.text == "" and result.findings[0].kind == "engine"


@pytest.mark.parametrize("extra", [-1, 1], ids=["too-few", "too-many"])
def test_wrong_result_count_fails_the_whole_batch(extra: int) -> None:
    class Miscounting(FakeEngine):
        def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
            out = super().translate(segments, source, target)
            return out[:-1] if extra < 0 else out + ["spare"]

    batch = items()
    results = translate_masked(Miscounting(identity), batch, "zh-CN", "en")
    sent = [r for item, r in zip(batch, results) if item.plain_text().strip()]
    assert sent and all(r.text == "" and r.findings[0].kind == "engine" for r in sent)


def test_split_join_spaces_and_punctuation() -> None:
    engine = FakeEngine(lambda s: "and" if s == "以及" else drop_placeholders(s))
    result = translate_masked(engine, [items()[2]], "zh-CN", "en")[0]
    assert result.method == "inline" or result.text == "Alibaba, Tencent and Baidu."
    # Force split: an engine that garbles injected terms too.
    engine = FakeEngine(lambda s: "and" if s == "以及" else mangle_everything(s))
    result = translate_masked(engine, [items()[2]], "zh-CN", "en")[0]
    assert (result.method, result.text) == ("split", "Alibaba, Tencent and Baidu.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{0} are buying.", "Northbound funds are buying."),
        ("They said. {0} rose", "They said. Northbound funds rose"),
        ("Buying by {0}", "Buying by northbound funds"),
    ],
)
def test_lowercase_term_opening_a_sentence_gets_a_capital(text: str, expected: str) -> None:
    item = Masked("{0}在买入。", (Token("北向资金", "northbound funds", TERM),))
    result = translate_masked(FakeEngine(lambda s: text), [item], "zh-CN", "en")[0]
    assert (result.method, result.text) == ("direct", expected)


def test_brand_with_lowercase_initial_is_not_capitalised() -> None:
    item = Masked("{0}发布", (Token("o1", "o1", TERM),))
    result = translate_masked(FakeEngine(lambda s: "{0} was released"), [item], "zh-CN", "en")[0]
    assert result.text == "o1 was released"


def test_nothing_to_translate_never_reaches_the_engine() -> None:
    engine = FakeEngine(identity)
    result = translate_masked(engine, [Masked("{0} {1}", (Token("高盛", "Goldman Sachs", TERM),
                                                           Token("`x`", "`x`")))], "zh-CN", "en")
    assert engine.calls == []
    assert result == [Translated("Goldman Sachs `x`", (), "direct")]


def test_placeholders_glued_to_words_get_spaces() -> None:
    item = Masked("{0}和{1}说", (Token("高盛", "Goldman Sachs", TERM), Token("腾讯", "Tencent", TERM)))
    result = translate_masked(FakeEngine(lambda s: "of{0}{1}said"), [item], "zh-CN", "en")[0]
    assert result.text == "of Goldman Sachs Tencent said"


def test_chinese_target_gets_no_spaces_or_capitals() -> None:
    item = Masked("{0} and {1} rose", (Token("Goldman Sachs", "高盛", TERM), Token("Tencent", "腾讯", TERM)))
    result = translate_masked(FakeEngine(lambda s: "{0}和{1}上涨"), [item], "en", "zh-CN")[0]
    assert result.text == "高盛和腾讯上涨"


@settings(max_examples=150, deadline=None)
@given(
    choices=st.lists(st.sampled_from(sorted(HOSTILE)), min_size=1, max_size=40),
    empty_at=st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
)
def test_any_mix_of_hostile_replies_is_correct_or_an_engine_error(
    choices: list[str], empty_at: int | None
) -> None:
    """Each reply is mangled by a randomly chosen hostile engine, some replies empty."""
    replies = iter(range(10_000))

    def mixed(text: str) -> str:
        n = next(replies)
        if n == empty_at:
            return ""
        return HOSTILE[choices[n % len(choices)]](text)

    batch = items()
    for item, result in zip(batch, translate_masked(FakeEngine(mixed), batch, "zh-CN", "en")):
        if any(f.kind == "engine" for f in result.findings):
            assert result.text == "" and result.findings[0].severity == ERROR
            continue
        assert not [f for f in result.findings if f.severity == ERROR], result
        for target in set(protected_targets(item)):
            assert len(find_target(result.text, target)) >= protected_targets(item).count(target)
        assert not PH.search(result.text)
