"""Placeholders: how masked markup, glossary terms and amounts travel through an engine.

A segment handed to an engine is plain text in which every protected span is replaced
by `{n}`, n indexing the segment's `Token`s. `{n}` was chosen because MT models trained
on software-localisation corpora copy format strings like it verbatim. A literal `{n}`
in the source is itself masked, so every `{n}` in a masked text is ours.

This module is the model only; `checks.placeholders` checks an engine's output against
it, and `pipeline.restore` puts the tokens' targets back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

PLACEHOLDER_RE = re.compile(r"\{(\d+)\}")

MARKUP = "markup"
TERM = "term"
NUMBER = "number"


@dataclass(frozen=True)
class Token:
    """One protected span: its source text and what goes in the translation."""

    source: str
    target: str
    kind: str = MARKUP  # MARKUP | TERM | NUMBER


def placeholder(index: int) -> str:
    return "{%d}" % index


@dataclass(frozen=True)
class Masked:
    """Text with placeholders, and the tokens they stand for."""

    text: str
    tokens: tuple[Token, ...] = ()

    def pieces(self) -> list[str | int]:
        """The text split into literal strings and token indices, in order."""
        out: list[str | int] = []
        pos = 0
        for m in PLACEHOLDER_RE.finditer(self.text):
            if m.start() > pos:
                out.append(self.text[pos : m.start()])
            out.append(int(m.group(1)))
            pos = m.end()
        if pos < len(self.text):
            out.append(self.text[pos:])
        return out

    def source_text(self) -> str:
        """The original source, every placeholder replaced by its source span."""
        return PLACEHOLDER_RE.sub(lambda m: self.tokens[int(m.group(1))].source, self.text)

    def plain_text(self) -> str:
        """The translatable words only: placeholders removed."""
        return PLACEHOLDER_RE.sub(" ", self.text)

    def has_protected(self) -> bool:
        """Whether a glossary term or an amount (not only markup) is masked here."""
        return any(t.kind != MARKUP for t in self.tokens)

    def written(self, text_for: Callable[[int, Token], str | None]) -> "Masked":
        """This text with each TERM/NUMBER placeholder replaced by `text_for(index, token)`
        (None keeps the placeholder); markup placeholders stay. The tokens are kept, so
        the result restores as this one does."""
        def put(m: re.Match[str]) -> str:
            index = int(m.group(1))
            token = self.tokens[index]
            text = None if token.kind == MARKUP else text_for(index, token)
            return m.group(0) if text is None else text

        return Masked(PLACEHOLDER_RE.sub(put, self.text), self.tokens)


@dataclass
class MaskBuilder:
    """Builds a `Masked` from literal text and protected spans, left to right."""

    _parts: list[str] = field(default_factory=list)
    _tokens: list[Token] = field(default_factory=list)

    def text(self, literal: str) -> None:
        pos = 0
        for m in PLACEHOLDER_RE.finditer(literal):  # a literal "{3}" is protected too
            self._parts.append(literal[pos : m.start()])
            self.token(m.group(0))
            pos = m.end()
        self._parts.append(literal[pos:])

    def token(self, source: str, *, target: str | None = None, kind: str = MARKUP) -> None:
        self._parts.append(placeholder(len(self._tokens)))
        self._tokens.append(Token(source, source if target is None else target, kind))

    def build(self) -> Masked:
        return Masked("".join(self._parts), tuple(self._tokens))


def add_tokens(masked: Masked, spans: Sequence[tuple[int, int, Token]]) -> Masked:
    """Replace `masked.text[start:end]` spans (sorted, disjoint, outside placeholders)
    with new placeholders appended after the existing tokens."""
    tokens = list(masked.tokens)
    out: list[str] = []
    pos = 0
    for start, end, token in sorted(spans, key=lambda s: s[0]):
        if start < pos:
            raise ValueError(f"overlapping spans at {start}")
        out.append(masked.text[pos:start])
        out.append(placeholder(len(tokens)))
        tokens.append(token)
        pos = end
    out.append(masked.text[pos:])
    return Masked("".join(out), tuple(tokens))
