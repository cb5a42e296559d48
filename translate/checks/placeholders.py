"""The placeholder check: an engine's output holds each `{n}` of its input exactly once."""

from __future__ import annotations

from collections import Counter

from ..markup.placeholders import PLACEHOLDER_RE, Masked, placeholder
from ..problems import ERROR, Problem


def placeholder_findings(translated: str, masked: Masked) -> list[Problem]:
    """Placeholders the engine dropped, duplicated or invented."""
    seen = Counter(int(m.group(1)) for m in PLACEHOLDER_RE.finditer(translated))
    expected = Counter(i for i in masked.pieces() if isinstance(i, int))
    findings = []
    for index in sorted(set(seen) | set(expected)):
        got, want = seen.get(index, 0), expected.get(index, 0)
        if got == want:
            continue
        if index >= len(masked.tokens):
            what = f"engine invented placeholder {placeholder(index)}"
        elif got < want:
            what = f"engine dropped {masked.tokens[index].source!r}"
        else:
            what = f"engine repeated {masked.tokens[index].source!r} {got} times"
        findings.append(Problem("placeholder", what, ERROR))
    return findings
