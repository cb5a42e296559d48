"""The protection check: every glossary term and amount protected in a sentence reaches its
translation, whatever fallback the translate stage needed."""

from __future__ import annotations

from collections import Counter

from ..glossary.matcher import find_target
from ..markup.placeholders import MARKUP, Masked
from ..problems import ERROR, Problem


def protected_counts(item: Masked) -> Counter[str]:
    """How often each protected (TERM or NUMBER) target must appear in the translation."""
    return Counter(
        item.tokens[p].target for p in item.pieces()
        if isinstance(p, int) and item.tokens[p].kind != MARKUP
    )


def missing_targets(text: str, wanted: Counter[str]) -> list[str]:
    """Targets found fewer times than wanted; a longer target's span is not reused by a
    shorter one (`Goldman Sachs` inside `Goldman Sachs Group` does not count)."""
    taken = bytearray(len(text))
    missing = []
    for target in sorted(wanted, key=lambda t: (-len(t), t)):
        free = [(a, b) for a, b in find_target(text, target) if not any(taken[a:b])]
        for a, b in free[: wanted[target]]:
            taken[a:b] = b"\x01" * (b - a)
        if len(free) < wanted[target]:
            missing.append(target)
    return missing


def protected_findings(item: Masked, text: str) -> list[Problem]:
    """An ERROR naming the protected targets of `item` that `text` lacks."""
    missing = missing_targets(text, protected_counts(item))
    return [Problem("glossary", f"protected text missing from the translation: {missing!r}", ERROR)] if missing else []
