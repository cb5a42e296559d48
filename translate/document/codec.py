"""The protocol the front matter codecs (YAML, TOML, JSON) implement, and what they share.

A codec works on the text between the delimiters only. It reads plain Python values and
edits by splicing text: `set_keys` changes the lines of the keys it is given and keeps
every other byte. `document.post` checks each edit by reading it back.
"""

from __future__ import annotations

from typing import Any, Protocol


class FMSyntaxError(Exception):
    """A front matter that does not parse; `line` is 1-based within the codec's text."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


class Codec(Protocol):
    """One front matter format."""

    name: str  # "yaml" | "toml" | "json"
    syntax_hint: str  # what to tell a user whose front matter does not parse

    def load(self, text: str) -> Any:
        """Plain values (None for an empty text); FMSyntaxError if it does not parse."""

    def set_keys(self, text: str, values: dict[Any, Any]) -> str:
        """`text` with each top-level key set to its value (new keys appended)."""

    def key_line(self, text: str, key: str) -> int | None:
        """1-based line of a top-level key within `text`."""

    def quirks(self, text: str) -> list[tuple[int, str, str]]:
        """(line, problem, hint) for what parses here but Hugo's reader rejects."""


def split_lines(text: str) -> list[str]:
    """Split on `\\n` only, keeping it (str.splitlines also splits on U+2028 and friends)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
