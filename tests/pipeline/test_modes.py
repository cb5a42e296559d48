"""The calibrated first round: an engine whose model never keeps `{n}` still gets every
term, amount and markup span into the translation, whole, without the split round."""

from __future__ import annotations

import re
from typing import Sequence

from translate.markup.alignment import Alignment
from translate.markup.placeholders import MARKUP, NUMBER, TERM, Masked, Token
from translate.pipeline.modes import ALIGNED, plain_and_markers
from translate.pipeline.rounds import INLINE, SPLIT, translate_masked

WORDS = {"高盛": "Goldman Sachs", "看好": "likes", "中国": "Chinese", "股票": "stocks", "。": "."}


class NaiveEngine:
    """Word-for-word 'model' that drops every placeholder, with a perfect alignment."""

    name = "naive"

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.calls: list[list[str]] = []

    def model_version(self, source: str, target: str) -> str:
        return "naive-1"

    def protection_mode(self, source: str, target: str) -> str:
        return self.mode

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(list(segments))
        return [" ".join(w for _, _, w in self._words(re.sub(r"\{\d+\}", "", s))).replace(" .", ".") for s in segments]

    def translate_aligned(self, texts: Sequence[str], source: str, target: str) -> list[Alignment]:
        self.calls.append(list(texts))
        out = []
        for text in texts:
            words = self._words(text)
            pieces = tuple((a, b) for a, b, _ in words)
            units = tuple(w for _, _, w in words)
            out.append(Alignment(text, pieces, units, tuple(u != "." for u in units), tuple(range(len(units)))))
        return out

    @staticmethod
    def _words(text: str) -> list[tuple[int, int, str]]:
        found = []
        for m in re.finditer("|".join(map(re.escape, [*WORDS, "Goldman Sachs", "Morgan Stanley", "$5 billion"])), text):
            found.append((m.start(), m.end(), WORDS.get(m.group(0), m.group(0))))
        return found


ITEM = Masked("{0}高盛{1}看好{2}中国股票。", (
    Token("**", "**", MARKUP), Token("**", "**", MARKUP), Token("[^1]", "[^1]", MARKUP)))
TERMS = Masked("{0}看好{1}中国股票{2}。", (
    Token("高盛", "Goldman Sachs", TERM), Token("**", "**", MARKUP), Token("**", "**", MARKUP)))


def test_plain_text_and_markers_are_where_the_placeholders_stood() -> None:
    text, markers = plain_and_markers(ITEM)
    assert text == "高盛看好中国股票。"
    assert [(m.text, m.position, m.role) for m in markers] == [("{0}", 0, "open"), ("{1}", 2, "close"), ("{2}", 4, "point")]


def test_alignment_mode_places_markup_on_the_words_it_covered() -> None:
    engine = NaiveEngine("alignment")
    [result] = translate_masked(engine, [ITEM], "zh-CN", "en")
    assert result.method == ALIGNED
    assert result.text == "**Goldman Sachs** likes[^1] Chinese stocks."
    assert result.findings == ()


def test_alignment_mode_writes_terms_in_and_keeps_markup() -> None:
    engine = NaiveEngine("alignment")
    [result] = translate_masked(engine, [TERMS], "zh-CN", "en")
    assert (result.method, result.text) == (ALIGNED, "Goldman Sachs likes **Chinese stocks**.")
    assert len(engine.calls) == 1  # no placeholder round, no retry, no split


def test_a_term_the_model_does_not_know_is_written_in_and_aligned_again() -> None:
    engine = NaiveEngine("alignment")
    item = Masked("{0}{1}{2}看好中国股票。", (
        Token("**", "**", MARKUP), Token("大摩", "Morgan Stanley", TERM), Token("**", "**", MARKUP)))
    [result] = translate_masked(engine, [item], "zh-CN", "en")
    assert (result.method, result.text) == (ALIGNED, "**Morgan Stanley** likes Chinese stocks.")
    assert engine.calls == [["大摩看好中国股票。"], ["Morgan Stanley看好中国股票。"]]


def test_inline_mode_skips_the_placeholder_round_without_a_warning() -> None:
    engine = NaiveEngine("inline")
    item = Masked("{0}看好中国股票。", (Token("高盛", "Goldman Sachs", TERM),))
    [result] = translate_masked(engine, [item], "zh-CN", "en")
    assert (result.method, result.text, result.findings) == (INLINE, "Goldman Sachs likes Chinese stocks.", ())
    assert engine.calls == [["Goldman Sachs看好中国股票。"]]


def test_placeholder_mode_with_the_same_engine_falls_to_split() -> None:
    engine = NaiveEngine("placeholders")
    item = Masked("该公司{0}看好{1}股票。", (Token("高盛", "Goldman Sachs", TERM), Token("50亿美元", "$5 billion", NUMBER)))
    [result] = translate_masked(engine, [item], "zh-CN", "en")
    assert result.method in (INLINE, SPLIT)  # the placeholders were lost first
    assert "Goldman Sachs" in result.text and "$5 billion" in result.text


class StrayEngine(NaiveEngine):
    """Renders 高盛 as "the big bank" and drops every placeholder: no round before the
    replacement keeps the term; its alignment is perfect."""

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        return [s.replace("Goldman Sachs", "the big bank") for s in super().translate(segments, source, target)]

    def translate_aligned(self, texts: Sequence[str], source: str, target: str) -> list[Alignment]:
        out = []
        for a in super().translate_aligned(texts, source, target):
            units, spaced, links = [], [], []
            for unit, gap, link in zip(a.units, a.spaced, a.links):
                words = ["the", "big", "bank"] if unit == "Goldman Sachs" else [unit]
                units += words
                spaced += [gap] * len(words)
                links += [link] * len(words)
            out.append(Alignment(a.source, a.pieces, tuple(units), tuple(spaced), tuple(links)))
        return out


def test_before_split_the_words_a_term_aligns_to_are_replaced_by_its_target() -> None:
    from translate.pipeline.modes import REPLACED

    item = Masked("{0}{1}{2}看好中国股票。", (
        Token("**", "**", MARKUP), Token("高盛", "Goldman Sachs", TERM), Token("**", "**", MARKUP)))
    for mode in ("placeholders", "alignment"):
        [result] = translate_masked(StrayEngine(mode), [item], "zh-CN", "en")
        assert (result.method, result.text) == (REPLACED, "**Goldman Sachs** likes Chinese stocks."), mode
        assert [f.kind for f in result.findings] == ["enforce"]  # the reviewer is told to check the wording


def test_an_engine_that_cannot_align_still_splits() -> None:
    class Plain:
        name = "plain"

        def model_version(self, source: str, target: str) -> str:
            return "1"

        def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
            return [re.sub(r"\{\d+\}|高盛|Goldman Sachs", "", s) or "x" for s in segments]  # never keeps the term

    [result] = translate_masked(Plain(), [Masked("{0}看好。", (Token("高盛", "Goldman Sachs", TERM),))], "zh-CN", "en")
    assert result.method == SPLIT and "Goldman Sachs" in result.text


class StrayMarkupEngine(NaiveEngine):
    """Its translation holds a literal `**` of its own: markup placed around it renders otherwise."""

    def translate_aligned(self, texts: Sequence[str], source: str, target: str) -> list[Alignment]:
        out = []
        for a in super().translate_aligned(texts, source, target):
            out.append(Alignment(a.source, a.pieces, ("**",) + a.units, (True,) + a.spaced, (0,) + a.links))
        return out


def test_an_aligned_sentence_that_renders_otherwise_is_not_taken() -> None:
    [result] = translate_masked(StrayMarkupEngine("alignment"), [ITEM], "zh-CN", "en")
    assert result.method != ALIGNED
    assert "** **" not in result.text
