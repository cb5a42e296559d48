"""What a front matter codec (YAML, TOML, JSON) provides (`Codec`), and what they share.

A codec works on the text between the delimiters only. It reads plain Python values and
edits by splicing text: `set_keys` changes the lines of the keys it is given and keeps
every other byte. `document.post` checks each edit by reading it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


class FMSyntaxError(Exception):
    """A front matter that does not parse; `line` is 1-based within the codec's text."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


def no_quirks(text: str) -> list[tuple[int, str, str]]:
    """For a format where whatever parses here, Hugo reads too."""
    return []


@dataclass(frozen=True)
class Codec:
    """One front matter format: what `document.post` needs of it, every part required."""

    name: str  # "yaml" | "toml" | "json"
    syntax_hint: str  # what to tell a user whose front matter does not parse
    load: Callable[[str], Any]  # plain values (None for an empty text); FMSyntaxError if it does not parse
    set_keys: Callable[[str, dict[Any, Any]], str]  # the text with each top-level key set (new keys appended)
    key_line: Callable[[str, str], int | None]  # 1-based line of a top-level key within the text
    quirks: Callable[[str], list[tuple[int, str, str]]]  # (line, problem, hint): parses here, Hugo rejects


def split_lines(text: str) -> list[str]:
    """Split on `\\n` only, keeping it (str.splitlines also splits on U+2028 and friends)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
