"""Engines by name; heavy engines import their ML stack only when made."""

from __future__ import annotations

from ..errors import UsageError
from ..site.config import EngineSettings
from .base import Engine

ENGINE_NAMES = ("argos", "pseudo")


def get_engine(name: str, settings: EngineSettings | None = None) -> Engine:
    """The engine called `name`."""
    settings = settings or EngineSettings()
    if name == "pseudo":
        from .pseudo import PseudoEngine

        return PseudoEngine()
    if name == "argos":
        from .argos import ArgosEngine

        return ArgosEngine(settings)
    raise UsageError(
        f"unknown engine {name!r}", hint=f"choose one of: {', '.join(ENGINE_NAMES)}"
    )
