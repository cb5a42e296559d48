"""Sentences: blocks go to the engine sentence by sentence, and come back joined.

This stage is the one owner of sentence splitting and joining (engines only cut a sentence
that is too long for their model). A placeholder an engine loses then costs one sentence
its fluency (the fallbacks), not a whole paragraph; identical protected sentences
(boilerplate) are translated once. The rules themselves are in `markup.sentences`.
"""

from __future__ import annotations

from ..markup.placeholders import Masked
from ..markup.sentences import join_sentences, split_sentences
from .rounds import INLINE, SPLIT, Translated


def sentence_items(masked: Masked, source: str) -> list[Masked]:
    """One masked block as masked sentences; they share its tokens, so `{n}` keeps its meaning."""
    parts = split_sentences(masked.text, source)
    return [Masked(part, masked.tokens) for part in parts] if len(parts) > 1 else [masked]


def combine(items: list[Masked], parts: list[Translated], target: str) -> Translated:
    """A block's translation from its sentences': text joined, notes kept, worst method, and
    each sentence's item and result for the checks."""
    findings = tuple(f for part in parts for f in part.findings)
    pairs = tuple(zip(items, parts))
    if any(not part.text for part in parts) and any(f.kind == "engine" for f in findings):
        return Translated("", findings, parts[0].method, pairs)
    methods = {part.method for part in parts}
    method = next((m for m in (SPLIT, INLINE) if m in methods), parts[0].method)
    return Translated(join_sentences([part.text for part in parts], target), findings, method, pairs)
