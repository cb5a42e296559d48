"""Pseudo-translation: deterministic, recognisable, placeholder-safe; no model needed."""

from __future__ import annotations

from typing import Sequence


class PseudoEngine:
    """Wraps each segment as `⟦en⟧…⟦/en⟧`, keeping its text and placeholders as they are."""

    name = "pseudo"

    def model_version(self, source: str, target: str) -> str:
        return "pseudo-1"

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        return [f"⟦{target}⟧{segment}⟦/{target}⟧" for segment in segments]
