"""How reports look: problems (every command's, one way), `status` tables, source diffs.

A problem is one line of text (`str(problem)`: `path:line: severity: [lang] kind: message —
hint`), one JSON object (`Problem.to_dict`) or one GitHub workflow annotation.
"""

from __future__ import annotations

import html
import json
import unicodedata
from typing import Sequence

from ..problems import WARNING, Problem, count_of, printable
from ..site.config import SiteConfig
from .state import SiteState

EQUAL, DELETE = 0, -1  # diff-match-patch operations


def problems_json(problems: Sequence[Problem]) -> list[dict]:
    return [p.to_dict() for p in problems]


def github_annotation(problem: Problem) -> str:
    """A workflow command GitHub shows on the file's line in a pull request."""
    level = "warning" if problem.severity == WARNING else "error"
    message = problem.message + (f" — {problem.hint}" if problem.hint else "")
    properties = f"file={_escape_property(problem.path or '')},line={problem.line or 1},"
    return f"::{level} {properties}title={_escape_property(f'translate {problem.kind}')}::{_escape(message)}"


def status_rows(site: SiteState) -> list[dict]:
    rows = []
    for post in site.posts:
        rows.append(
            {
                "source": post.source,
                "language": post.language.lang.tag,
                "sibling": post.sibling,
                "state": post.state,
                "machine": post.counts.get("machine", 0),
                "human": post.counts.get("human", 0),
                "reviewed": post.counts.get("reviewed", 0),
                "stale": post.counts.get("stale", 0),
                "problems": sorted({p.kind for p in post.problems}),
            }
        )
    for orphan in site.orphans:
        rows.append({"source": None, "language": None, "sibling": orphan.path, "state": "orphaned", "problems": ["orphaned"]})
    for problem in site.unreadable:
        rows.append({"source": problem.path, "language": None, "sibling": None, "state": "unreadable",
                     "problems": ["unreadable"], "message": str(problem)})
    return rows


def status_json(site: SiteState) -> str:
    return json.dumps({"posts": status_rows(site)}, ensure_ascii=False, indent=2, sort_keys=True)


def status_table(site: SiteState, config: SiteConfig) -> str:
    headers = ("post", "language", "state", "machine", "human", "reviewed")
    rows = []
    for post in site.posts:
        rows.append(
            (
                printable(post.source),
                post.language.label(),
                post.state,
                str(post.counts.get("machine", 0)),
                str(post.counts.get("human", 0)),
                str(post.counts.get("reviewed", 0)),
            )
        )
    for orphan in site.orphans:
        rows.append((orphan.path, "", "orphaned", "", "", ""))
    for problem in site.unreadable:
        rows.append((printable(problem.path or ""), "", "unreadable", "", "", ""))
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in [headers, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    summary = f"{len(site.posts)} post × language pairs, source {config.source.label()}"
    return "\n".join(lines + ["", summary, *map(str, site.unreadable)])


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def check_output(problems: Sequence[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"ok": not problems, "problems": problems_json(problems)}, ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(github_annotation(p) for p in problems)
    lines = [str(p) for p in problems]
    lines.append(count_of(len(problems), "problem") if problems else "translations are up to date")
    return "\n".join(lines)


def _escape(message: str) -> str:
    """GitHub workflow commands need %, CR and LF escaped in a message."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """…and `:` and `,` too in a property (`file=`, `title=`), as GitHub documents."""
    return _escape(value).replace(":", "%3A").replace(",", "%2C")


def diff_html(ops: tuple[tuple[int, str], ...]) -> str:
    """`<del>`/`<ins>` markup for the review page."""
    out = []
    for op, text in ops:
        escaped = html.escape(text)
        out.append(escaped if op == EQUAL else f"<del>{escaped}</del>" if op == DELETE else f"<ins>{escaped}</ins>")
    return "".join(out)


def diff_terminal(ops: tuple[tuple[int, str], ...], colour: bool) -> str:
    out = []
    for op, text in ops:
        if op == EQUAL:
            out.append(text)
        elif colour:
            out.append(f"\x1b[{'31' if op == DELETE else '32'}m{text}\x1b[0m")
        else:
            out.append(f"[-{text}-]" if op == DELETE else f"{{+{text}+}}")
    return "".join(out)
