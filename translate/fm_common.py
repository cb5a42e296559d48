"""What the front matter codecs (YAML, TOML, JSON) share."""

from __future__ import annotations


class FMSyntaxError(Exception):
    """A front matter that does not parse; `line` is 1-based within the codec's text."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


def split_lines(text: str) -> list[str]:
    """Split on `\\n` only, keeping it (str.splitlines also splits on U+2028 and friends)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines

