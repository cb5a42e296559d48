"""Translate: every queued segment of a chunk of posts through the engine, one batch per target.

Per target language: a sentence the site-wide memory (`memory.index`) has, made the way
this run would make it, is taken from there; every other segment is protected
(`pipeline.protect`), cut into sentences (`pipeline.sentences`; a segment is one already,
unless a person's unit covers several), the chunk's distinct sentences go through the
rounds of `pipeline.rounds` in one batch, and each segment's sentences are combined again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Sequence

from ..memory.index import SiteMemory
from ..memory.records import made_with_key
from .plan import TRANSLATE, Planned
from .protect import protect
from .rounds import DIRECT, Translated, translate_masked
from .sentences import combine, sentence_items

if TYPE_CHECKING:
    from .read import PreparedPost
    from .setup import Run


def translate_queued(posts: Sequence["PreparedPost"], run: "Run", on_progress: Callable[[int], None] | None = None,
                     site: SiteMemory | None = None) -> dict[int, Translated]:
    """Each queued segment's translation, by `id()` of its `Planned`; `on_progress(n)` after
    each target with the number of segments it translated. With `site`, sentences it has
    are reused, and what the engine made is added to it."""
    by_target: dict[str, list[Planned]] = {}
    for post in posts:
        for work in post.targets:
            if not work.plan.diverged:
                by_target.setdefault(work.language.lang.tag, []).extend(work.plan.queued)
    results: dict[int, Translated] = {}
    for tag, queued in by_target.items():
        made_with = made_with_key(run.engine.name if run.engine else None, run.models.get(tag))
        planned = []
        for p in queued:
            hit = _from_site(p, site, tag, made_with)
            if hit is not None:
                results[id(p)] = hit
            else:
                planned.append(p)
        sentences = [
            sentence_items(protect(p.unit.masked, p.terms.matches, p.unit.amounts, run.source, tag,
                                   currency_style=run.config.currency_style), run.source)
            for p in planned
        ]
        unique = list(dict.fromkeys(item for items in sentences for item in items))
        done = dict(zip(unique, translate_masked(run.needs_engine(), unique, run.source, tag)))
        for p, items in zip(planned, sentences):
            result = combine(items, [done[item] for item in items], tag)
            if site is not None and p.action == TRANSLATE and len(p.unit.sentences) == 1:
                if result.text and not result.findings:
                    site.remember(tag, p.unit.hash, made_with, p.terms.version, result.text)
                result = replace(result, offered=site.suggestion(tag, p.unit.hash))
            results[id(p)] = result
        if on_progress:
            on_progress(len(queued))
    return results


def _from_site(p: Planned, site: SiteMemory | None, tag: str, made_with: str) -> Translated | None:
    """The site-wide memory's machine text for a queued sentence, if it has it."""
    if site is None or p.action != TRANSLATE or len(p.unit.sentences) != 1:
        return None
    text = site.reuse(tag, p.unit.hash, made_with, p.terms.version)
    return Translated(text, (), DIRECT, from_site=True) if text else None
