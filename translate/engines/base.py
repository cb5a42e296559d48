"""The `Engine` seam: a batch of sentences in, one translation per sentence out."""

from __future__ import annotations

from typing import Any, Protocol, Sequence, runtime_checkable


class Engine(Protocol):
    """Translates masked sentences. Language arguments are BCP 47 tags ("zh-CN", "en").

    `translate` gets every queued sentence of a run (or a large chunk of them) at once and
    must return exactly one string per sentence, in order; `{n}` placeholders should be
    copied through. `model_version` raises `ModelMissingError` when the pair has no model,
    so a run can stop before writing anything.

    Who does what: the pipeline (`pipeline.sentences`) splits blocks into sentences and
    joins the translations; an engine never splits what it is given at sentence ends, it
    only cuts a sentence longer than its model accepts (`markup.sentences.fit`) and joins
    the pieces (an engine that pivots splits its own intermediate text).
    Placeholders arrive numbered as the block numbers them; an engine may renumber them
    for its model (argos: from {0} in each model input) and must give back the numbers it
    was given.
    """

    name: str

    def model_version(self, source: str, target: str) -> str: ...

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]: ...


@runtime_checkable
class CalibratedEngine(Engine, Protocol):
    """An engine whose packages are calibrated (`engines.calibration`): it names the
    protection mode a pair's model keeps best, and translates with word alignment
    (`markup.alignment.Alignment`, or None where it cannot) for markup transfer."""

    def protection_mode(self, source: str, target: str) -> str: ...

    def translate_aligned(self, texts: Sequence[str], source: str, target: str) -> list[Any]: ...
