"""Engines for tests: counting, hostile and interrupting fakes around the pseudo engine."""

from __future__ import annotations

import re
from typing import Sequence

from translate.engines.pseudo import PseudoEngine


class CountingEngine(PseudoEngine):
    """The pseudo engine, counting calls and segments."""

    name = "counting"

    def __init__(self) -> None:
        self.calls = 0
        self.segments: list[str] = []

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        self.calls += 1
        self.segments.extend(segments)
        return super().translate(segments, source, target)


class FailingEngine(CountingEngine):
    """Raises after `after` segments, like a Ctrl-C in the middle of a run."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        if len(self.segments) + len(segments) > self.after:
            raise KeyboardInterrupt
        return super().translate(segments, source, target)


class HostileEngine(CountingEngine):
    """Mangles placeholders: mode is drop | duplicate | reorder | empty | unpair (the first
    placeholder moved to the end: every placeholder kept, a pair broken) | markup (a literal
    `**` written into every reply, split pieces included)."""

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        out = super().translate(segments, source, target)
        if self.mode == "empty":
            return ["" for _ in out]
        if self.mode == "drop":
            return [re.sub(r"\{\d+\}", "", s) for s in out]
        if self.mode == "duplicate":
            return [re.sub(r"(\{\d+\})", r"\1\1", s) for s in out]
        if self.mode == "reorder":
            return [_reverse_placeholders(s) for s in out]
        if self.mode == "unpair":
            return [_first_placeholder_last(s) for s in out]
        if self.mode == "markup":
            return [s.replace("⟦/", "**⟦/", 1) for s in out]
        raise ValueError(self.mode)


def _reverse_placeholders(text: str) -> str:
    found = re.findall(r"\{\d+\}", text)
    it = iter(reversed(found))
    return re.sub(r"\{\d+\}", lambda m: next(it), text)


def _first_placeholder_last(text: str) -> str:
    m = re.search(r"\{\d+\}", text)
    return text if m is None else text[: m.start()] + text[m.end():] + " " + m.group(0)
