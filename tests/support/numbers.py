"""The number check on two plain texts, made of the functions the pipeline runs."""

from __future__ import annotations

from decimal import Decimal

from translate.checks.numbers import compare_values, labelled_values
from translate.problems import Problem


def number_findings(source_text: str, target_text: str, source: str, target: str) -> list[Problem]:
    """What `pipeline.verify` reports for a block with this source and translation."""
    return compare_values(labelled_values(source_text, source), target_text, target)


def extract_values(text: str, lang: str) -> list[Decimal]:
    """The values the number check reads in `text` ("$500 billion" → 5E11, "28%" → 28)."""
    return [value for value, _ in labelled_values(text, lang)]
