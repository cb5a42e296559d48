"""Verify: one block's problems, in the order memory keeps them, for machine and human text."""

from __future__ import annotations

from translate.markup.placeholders import TERM, Masked, Token
from translate.pipeline.read import Terms, Unit
from translate.pipeline.rounds import DIRECT, SPLIT, Translated
from translate.pipeline.verify import verify
from translate.problems import ERROR, WARNING, Problem

GOLDMAN = Token("高盛", "Goldman Sachs", TERM)


def test_machine_text_gets_each_sentences_notes_and_protection_then_the_checks() -> None:
    unit = Unit.of("body", Masked("高盛上涨5%。高盛表示。"), 3, "zh-CN")
    first = Masked("{0}上涨5%。", (GOLDMAN,))
    second = Masked("{0}表示。", (GOLDMAN,))
    note = Problem("enforce", "engine dropped '高盛': translated in pieces", WARNING)
    lost = Translated("rose.", (note,), SPLIT)  # a fallback that lost the term (and the 5%)
    kept = Translated("Goldman Sachs said.", (), DIRECT)
    block = Translated("rose. Goldman Sachs said.", (note,), SPLIT, ((first, lost), (second, kept)))
    findings = verify(unit, Terms(), block.text, "en", block)
    assert [(f.kind, f.severity) for f in findings] == [("enforce", WARNING), ("glossary", ERROR), ("numbers", ERROR)]
    assert findings[1].message == "protected text missing from the translation: ['Goldman Sachs']"
    assert "'5%'" in findings[2].message


def test_a_persons_text_gets_the_checks_only() -> None:
    unit = Unit.of("body", Masked("上涨5%。"), 3, "zh-CN")
    assert verify(unit, Terms(), "It rose 5%.", "en") == []
    [problem] = verify(unit, Terms(), "It rose.", "en")
    assert problem.kind == "numbers" and problem.path is None  # located when reported
