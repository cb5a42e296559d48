"""Translate: every queued block of a chunk of posts through the engine, one batch per target.

Per target language: each block is protected (`pipeline.protect`), cut into sentences
(`pipeline.sentences`), the run's distinct sentences go through the rounds of
`pipeline.rounds` in one batch, and each block's sentences are combined again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from .plan import Planned
from .protect import protect
from .rounds import Translated, translate_masked
from .sentences import combine, sentence_items

if TYPE_CHECKING:
    from .read import PreparedPost
    from .setup import Run


def translate_queued(posts: Sequence["PreparedPost"], run: "Run",
                     on_progress: Callable[[int], None] | None = None) -> dict[int, Translated]:
    """Each queued block's translation, by `id()` of its `Planned`; `on_progress(n)` after
    each target with the number of blocks it translated."""
    by_target: dict[str, list[Planned]] = {}
    for post in posts:
        for work in post.targets:
            if not work.plan.diverged:
                by_target.setdefault(work.language.lang.tag, []).extend(work.plan.queued)
    results: dict[int, Translated] = {}
    for tag, planned in by_target.items():
        sentences = [
            sentence_items(protect(p.unit.masked, p.terms.matches, p.unit.amounts, run.source, tag,
                                   currency_style=run.config.currency_style), run.source)
            for p in planned
        ]
        unique = list(dict.fromkeys(item for items in sentences for item in items))
        done = dict(zip(unique, translate_masked(run.needs_engine(), unique, run.source, tag)))
        for p, items in zip(planned, sentences):
            results[id(p)] = combine(items, [done[item] for item in items], tag)
        if on_progress:
            on_progress(len(planned))
    return results
