"""Engines translate batches of masked plain-text segments; the pipeline injects one."""

from __future__ import annotations

from .base import Engine, EngineSettings, get_engine

__all__ = ["Engine", "EngineSettings", "get_engine"]
