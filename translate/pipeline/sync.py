"""`translate sync`: discover → read + plan → translate (batched) → assemble → write.

The orchestrator only: each stage is a module of this package. One bad post never stops
the run; a post exactly as the last sync left it is skipped on hashes alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ..errors import TranslateError
from ..memory.freshness import untouched
from ..memory.index import load_site_memory
from ..memory.store import MemoryStore
from ..site.discover import discover
from ..site.files import ReadOnce
from ..site.lock import site_lock
from .read import PreparedPost, prepare_post
from .setup import Run
from .translate import translate_queued
from .write import PostResult, finish_post

# What happened to the run's segments: `PostResult` fields, with how a report names them.
COUNTERS = {
    "translated": "translated",
    "reused": "reused from memory",
    "reused_site": "reused from the site-wide memory",
    "human_edits": "human edits recorded",
    "stale": "stale",
    "retired": "retired",
}
CHUNK_SEGMENTS = 4000  # posts are translated and written in chunks of about this many segments


@dataclass
class SyncReport:
    posts: list[PostResult] = field(default_factory=list)
    dry_run: bool = False

    @property
    def segments(self) -> int:
        return sum(p.segments for p in self.posts)

    def total(self, counter: str) -> int:
        """A `PostResult` counter (one of `COUNTERS`) over every post."""
        return sum(getattr(p, counter) for p in self.posts)

    def count(self, state: str) -> int:
        return sum(p.state == state for p in self.posts)

    @property
    def return_code(self) -> int:
        return 1 if self.count("failed") else 0


def sync(
    run: Run,
    *,
    paths: Sequence[Path] = (),
    dry_run: bool = False,
    on_total: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> SyncReport:
    """Bring every source post's siblings up to date; one bad post never stops the run."""
    config = run.config
    report = SyncReport(dry_run=dry_run)
    store = MemoryStore(config.root, config.content_dir)
    with site_lock(config.root, shared=dry_run):
        if not dry_run:
            for source in store.pending_sources():
                store.recover(source)
        sources, _ = discover(config, paths, run.shard)
        prepared: list[PreparedPost] = []
        for page in sources:
            rel = config.relative(page.path)
            with ReadOnce() as files:  # each of the post's files is read once, whatever asks
                if untouched(page, config, store, run.inputs, run.languages, files, run.refresh_from):
                    report.posts.append(PostResult(rel, "unchanged"))
                    continue
                try:
                    post = prepare_post(page, config, store, run.glossary, run.languages, files, run.refresh_from)
                except TranslateError as error:
                    report.posts.append(PostResult(rel, "failed", message=str(error)))
                    continue
            if post is None:
                report.posts.append(PostResult(rel, "skipped", message="translate: false"))
                continue
            prepared.append(post)

        if dry_run:
            for post in prepared:
                n = queued(post)
                report.posts.append(PostResult(config.relative(post.path), "translated" if n else "unchanged", segments=n))
            return report
        pairs = {w.language.lang.tag for p in prepared for w in p.targets if w.plan.queued}
        run.models = {tag: run.needs_engine().model_version(run.source, tag) for tag in sorted(pairs)}
        if on_total:
            on_total(sum(map(queued, prepared)))
        wanted = {p.unit.hash for post in prepared for w in post.targets for p in w.plan.queued}
        read = {str(store.path_for(p.path)): p.memory_bytes for p in prepared}  # not read again
        site = load_site_memory(store.dir / "memory", wanted, read)  # the site-wide memory
        for chunk in _chunks(prepared):
            results = translate_queued(chunk, run, on_progress, site)
            for post in chunk:
                report.posts.append(finish_post(post, results, run, store))
    return report


def queued(post: PreparedPost) -> int:
    """How many of the post's blocks (over all its targets) go to the engine."""
    return sum(len(w.plan.queued) for w in post.targets)


def _chunks(posts: list[PreparedPost]) -> list[list[PreparedPost]]:
    chunks: list[list[PreparedPost]] = [[]]
    size = 0
    for post in posts:
        chunks[-1].append(post)
        size += queued(post)
        if size >= CHUNK_SEGMENTS:
            chunks.append([])
            size = 0
    return [c for c in chunks if c]
