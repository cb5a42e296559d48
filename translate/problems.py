"""The one "problem at a place" record every command reports, and its severities.

Checks return `Problem`s instead of raising (a run collects all of them); sync, check,
glossary lint and the review queue all report them, one way: `str(problem)` for text,
`to_dict` for JSON, `status.render.github_annotation` for GitHub. A problem found in a block of memory has no place
until it is reported: `at` gives it one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

ERROR = "error"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with control characters (a newline in a file name…) shown as `\\xNN`
    escapes, so a name can never start a line of its own in a log (or a CI command)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)

WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """What is wrong (`kind`, `message`), how bad (`severity`), where, and what to do."""

    kind: str  # a post's: "missing" | "stale" | …; a block's: "glossary" | "numbers" | "placeholder" | "enforce" | "engine"; "lint"
    message: str
    severity: str = ERROR  # ERROR | WARNING
    path: str | None = None  # site-relative, as given to the user
    line: int | None = None
    hint: str | None = None
    language: str | None = None  # the target language it concerns, when one

    def at(self, path: str, line: int | None = None, language: str | None = None) -> "Problem":
        """The same problem, located."""
        return replace(self, path=path, line=line, language=language or self.language)

    def __str__(self) -> str:
        """The one text form: `path:line: severity: [lang] kind: message — hint`."""
        where = f"{self.path}:{self.line or 1}: " if self.path is not None else ""
        lang = f"[{self.language}] " if self.language else ""
        hint = f" — {self.hint}" if self.hint else ""
        return printable(f"{where}{self.severity}: {lang}{self.kind}: {self.message}{hint}")  # one line, always

    def to_dict(self) -> dict:
        data = {"kind": self.kind, "severity": self.severity, "message": self.message, "path": self.path,
                "line": self.line, "hint": self.hint, "language": self.language}
        return {key: value for key, value in data.items() if value is not None}

    # In memory a block's problems are stored without a place (the block is the place),
    # under the keys the memory format has always used.

    def to_memory(self) -> dict[str, str]:
        return {"check": self.kind, "severity": self.severity, "message": self.message}

    @classmethod
    def from_memory(cls, data: dict) -> "Problem":
        return cls(str(data.get("check", "")), str(data.get("message", "")), str(data.get("severity", ERROR)))



def count_of(n: int, noun: str) -> str:
    """`1 problem`, `2 problems`: a count with its noun in the right number."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
