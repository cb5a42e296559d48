"""Render `status` and `check` results as text tables, JSON or GitHub annotations."""

from __future__ import annotations

import json
from typing import Sequence

from .config import SiteConfig
from .state import Problem, SiteState

FORMATS = ("text", "json", "github")


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
    return rows


def status_json(site: SiteState) -> str:
    return json.dumps({"posts": status_rows(site)}, ensure_ascii=False, indent=2, sort_keys=True)


def status_table(site: SiteState, config: SiteConfig) -> str:
    headers = ("post", "language", "state", "machine", "human", "reviewed")
    rows = []
    for post in site.posts:
        rows.append(
            (
                post.source,
                post.language.label(),
                post.state,
                str(post.counts.get("machine", 0)),
                str(post.counts.get("human", 0)),
                str(post.counts.get("reviewed", 0)),
            )
        )
    for orphan in site.orphans:
        rows.append((orphan.path, "", "orphaned", "", "", ""))
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in [headers, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    summary = f"{len(site.posts)} post × language pairs, source {config.source.label()}"
    return "\n".join(lines + ["", summary])


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def check_output(problems: Sequence[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            {
                "ok": not problems,
                "problems": [{"kind": p.kind, "path": p.path, "line": p.line, "message": p.message} for p in problems],
            },
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "github":
        return "\n".join(
            f"::error file={p.path},line={p.line},title=translate {p.kind}::{_escape(p.message)}" for p in problems
        )
    lines = [f"{p.path}:{p.line}: {p.kind}: {p.message}" for p in problems]
    lines.append(f"{len(problems)} problems" if problems else "translations are up to date")
    return "\n".join(lines)


def _escape(message: str) -> str:
    """GitHub workflow commands need %, CR and LF escaped."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
