"""The `Engine` seam: a batch of segments in, one translation per segment out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol, Sequence

from ..errors import UsageError


class Engine(Protocol):
    """Translates masked segments. Language arguments are BCP 47 tags ("zh-CN", "en").

    `translate` gets every queued segment of a run (or a large chunk of them) at once and
    must return exactly one string per segment, in order; `{n}` placeholders should be
    copied through. `model_version` raises `ModelMissingError` when the pair has no model,
    so a run can stop before writing anything.
    """

    name: str

    def model_version(self, source: str, target: str) -> str: ...

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]: ...


def _cores() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class EngineSettings:
    """Knobs from `translate.toml` and the command line, passed to engine factories.

    Defaults from bench/run.py --tune on 2 cores: one single-threaded worker per core is
    2.4x one worker on both cores; 1,024-token batches are 3-5% faster than 512 but peak
    ~150 MB higher (over the bench's memory budget); int16 runs at 0.6x int8, float32 at 0.4x.
    """

    device: str = "cpu"
    beam_size: int = 2
    compute_type: str = "int8"
    inter_threads: int = field(default_factory=lambda: min(_cores(), 4))
    intra_threads: int = field(default_factory=lambda: max(1, _cores() // min(_cores(), 4)))
    max_batch_tokens: int = 512


ENGINE_NAMES = ("argos", "pseudo")


def get_engine(name: str, settings: EngineSettings | None = None) -> Engine:
    """The engine called `name`; heavy engines import their ML stack only here."""
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
