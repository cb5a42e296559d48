"""A sync report as people read it: the counts, findings in plain words, the worst examples.

The word "error" is kept for what fails a post (and the exit code says so). A finding that
needs a person is shown as `review`, a fallback the tool took as `note`; each one in full
behind `-v`, `--format json` and `translate review list`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from ..problems import ERROR, Problem

if TYPE_CHECKING:
    from ..pipeline.sync import SyncReport

SEVERITY_WORDS = {ERROR: "review"}  # anything else: "note"
# What each kind of finding means, in words for someone who has not read the code; {n} is the count.
PLAIN = {
    "engine": "{n} segment{s} the engine could not translate",
    "placeholder": "{n} piece{s} of markup lost or moved by the engine",
    "glossary": "{n} glossary term{s} missing or translated another way",
    "numbers": "{n} number{s} that differ between the source and the translation",
    "enforce": "{n} segment{s} where the engine dropped the placeholders of glossary terms or amounts,"
               " so they were written into the source or the segment was translated in pieces",
}
WORST_FIRST = tuple(PLAIN)  # the order kinds are reported in, worst first
EXAMPLES = 3


def finding_line(problem: Problem) -> str:
    """One finding of a sync, `path:line: review|note: [lang] kind: message — hint`."""
    return str(replace(problem, severity=SEVERITY_WORDS.get(problem.severity, "note")))


def count_rows(report: "SyncReport", arrow: str) -> list[str]:
    """`posts: 3 translated, 7 unchanged, 0 failed`: every row of the report's counts; zero
    counts are left out except the first three of a row, which always show."""
    verb = "would be translated" if report.dry_run else None
    lines = []
    for what, counts in report.rows():
        shown = [f"{n} {verb if verb and label == 'translated' else label}" for i, (label, n) in enumerate(counts)
                 if n or i < 3]
        lines.append(f"{what}: {', '.join(shown)}")
    lines[0] += f"  ({arrow})"
    return lines


def findings_summary(findings: Iterable[Problem]) -> list[str]:
    """Findings counted by kind and severity in plain words, then the three worst in full."""
    findings = list(findings)
    if not findings:
        return []
    counts = Counter((f.kind, f.severity) for f in findings)
    lines = ["to look at (every one: translate sync -v, translate review list):"]
    for (kind, severity), n in sorted(counts.items(), key=lambda item: _rank(*item[0])):
        words = PLAIN.get(kind, "{n} " + kind + " finding{s}").format(n=n, s="" if n == 1 else "s")
        lines.append(f"  {SEVERITY_WORDS.get(severity, 'note')}: {words}")
    ranked = sorted(findings, key=lambda f: _rank(f.kind, f.severity))
    worst = list(dict.fromkeys(finding_line(f) for f in ranked))[:EXAMPLES]  # the same finding twice shows once
    lines.append("worst:" if len(worst) > 1 else "for example:")
    lines += [f"  {line}" for line in worst]
    return lines


def _rank(kind: str, severity: str) -> tuple[int, int]:
    return (0 if severity == ERROR else 1, WORST_FIRST.index(kind) if kind in WORST_FIRST else len(WORST_FIRST))
