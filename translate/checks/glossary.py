"""The glossary check: each glossary term of the source appears as its target term in the
translation, and no forbidden variant does. Runs for machine and human text alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..glossary.matcher import GlossaryMatch, Term, find_target, term_pattern
from ..problems import ERROR, Problem


@dataclass(frozen=True)
class TermCheck:
    """One source term seen in a (source, translation) pair, and what was found."""

    term: Term
    expected: str
    count: int  # occurrences in the source
    found: int  # occurrences of the expected target in the translation
    forbidden: tuple[str, ...]  # forbidden variants seen in the translation


def check_terms(matches: Sequence[GlossaryMatch], source_text: str, target_text: str) -> list[TermCheck]:
    """Per glossary term matched in `source_text`: expected target, how often found, forbidden seen.

    `matches` are the glossary's matches in `source_text` (the masked source, so terms inside
    markup are not expected), found once for the segment and shared with protection."""
    by_term: dict[tuple[str, str], list[GlossaryMatch]] = {}
    for m in matches:
        expected = source_text[m.start : m.end] if m.term.do_not_translate else m.term.target
        by_term.setdefault((m.term.source, " ".join(expected.split())), []).append(m)
    allowed = bytearray(len(target_text))
    checks = []
    for (_, expected), found in by_term.items():
        for start, end in find_target(target_text, expected):
            allowed[start:end] = b"\x01" * (end - start)
    for (_, expected), found in by_term.items():
        term = found[0].term
        seen = []
        for variant in term.forbidden:
            for m in term_pattern(variant, case_sensitive=False).finditer(target_text):
                if not any(allowed[m.start() : m.end()]):
                    seen.append(variant)
                    break
        checks.append(TermCheck(term, expected, len(found), len(find_target(target_text, expected)), tuple(seen)))
    return checks


def term_findings(matches: Sequence[GlossaryMatch], source_text: str, target_text: str) -> list[Problem]:
    """Glossary errors in a translation: a term's target missing, a forbidden variant used."""
    findings = []
    for check in check_terms(matches, source_text, target_text):
        where = check.term.where
        if check.found == 0:
            findings.append(Problem("glossary", f"{check.term.source!r} must be translated as "
                                                f"{check.expected!r} (glossary {where})", ERROR))
        for variant in check.forbidden:
            findings.append(Problem("glossary", f"{variant!r} is a forbidden translation of "
                                                f"{check.term.source!r}; use {check.expected!r} "
                                                f"(glossary {where})", ERROR))
    return findings
