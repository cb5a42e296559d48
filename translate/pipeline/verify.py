"""Verify: every check of one block's translation, in one place, for machine and human text.

Machine text first carries what the translate stage noted (fallbacks, engine errors) and,
sentence by sentence, the protection check (a fallback round must still deliver every
protected term and amount); then every text, a person's included, gets the glossary and
number checks against the block's source, and the rendered-structure check. Checks share one signature and return
`Problem`s; they never raise.
"""

from __future__ import annotations

from typing import Callable

from ..checks.glossary import term_findings
from ..checks.numbers import compare_values
from ..checks.protected import protected_findings
from ..checks.structure import structure_findings
from ..problems import Problem
from .read import Terms, Unit
from .rounds import DIRECT, Translated

Check = Callable[[Unit, Terms, str, str], list[Problem]]  # (unit, its terms, translation, target) → problems


def glossary_check(unit: Unit, terms: Terms, text: str, target: str) -> list[Problem]:
    return term_findings(terms.matches, unit.masked.text, text)


def number_check(unit: Unit, terms: Terms, text: str, target: str) -> list[Problem]:
    return compare_values(unit.values, text, target)


def structure_check(unit: Unit, terms: Terms, text: str, target: str) -> list[Problem]:
    return structure_findings(unit.source, text)


CHECKS: tuple[Check, ...] = (glossary_check, number_check, structure_check)


def verify(unit: Unit, terms: Terms, text: str, target: str, translated: Translated | None = None) -> list[Problem]:
    """The block's problems: for machine text, `translated` (a block's, from
    `pipeline.sentences.combine`) gives its sentences' notes and protection; then `CHECKS`."""
    findings: list[Problem] = []
    if translated is not None:
        for item, part in translated.parts:
            findings += part.findings
            if part.method != DIRECT and (part.text or not part.findings):
                findings += protected_findings(item, part.text)
    for check in CHECKS:
        findings += check(unit, terms, text, target)
    return findings
