"""`translate sync`: discover → read + plan → translate (batched) → assemble → write.

The orchestrator only: each stage is a module of this package. One bad post never stops
the run (`post_failure` is the per-post boundary); a post exactly as the last sync left it
is skipped on hashes alone; a post a person saved while it was translated is planned again
from the new bytes (`REPLANS` times, then skipped), so the edit wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ..errors import as_post_error
from ..memory.freshness import untouched
from ..memory.index import load_site_memory
from ..memory.store import MemoryStore
from ..site.config import SiteConfig
from ..site.discover import SourcePage, discover
from ..site.files import ChangedOnDisk, ReadOnce, remove_stale_temps
from ..site.lock import site_lock
from .read import PreparedPost, prepare_post
from .setup import Run
from .taxonomy import term_tables
from .translate import translate_queued
from .write import PostResult, finish_post

# What happened to the run's segments: `PostResult` fields, with how a report names them.
COUNTERS = {
    "translated": "translated",
    "reused": "reused",  # from the post's own memory
    "reused_site": "reused site-wide",  # from another post's memory
    "human_edits": "human-edited",  # human units recorded from the siblings in this run
    "stale": "stale",
    "retired": "retired",
}
CHUNK_SEGMENTS = 4000  # posts are translated and written in chunks of about this many segments
REPLANS = 3  # times a post edited during the run is planned again before it is skipped


POST_STATES = ("translated", "unchanged", "failed", "skipped", "diverged")


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

    def rows(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """The run's counts as labelled rows, `(what, [(label, n), …])`: what a summary shows."""
        return [
            ("posts", [(state, self.count(state)) for state in POST_STATES]),
            ("segments", [(label, self.total(counter)) for counter, label in COUNTERS.items()]),
        ]

    def to_dict(self) -> dict:
        """The report as JSON data: the counts, then every post with its files and findings."""
        return {
            "dry_run": self.dry_run,
            "return_code": self.return_code,
            "counts": {what: dict(counts) for what, counts in self.rows()},
            "posts": [
                {"path": p.path, "state": p.state, "segments": p.segments, "written": p.written,
                 "message": p.message, "diverged": p.diverged, "findings": [f.to_dict() for f in p.findings]}
                for p in self.posts
            ],
        }


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
        sources, _ = discover(config, paths, run.shard)
        if not dry_run:
            _clean_up(config, store, sources, report)
        prepared: list[PreparedPost] = []
        for page in sources:
            rel = config.relative(page.path)
            try:
                post = _prepare(page, run, store, check_untouched=True)
            except Exception as error:  # noqa: BLE001 - the per-post boundary: one bad post never stops the run
                report.posts.append(post_failure(rel, error))
                continue
            if isinstance(post, PostResult):
                report.posts.append(post)
            else:
                prepared.append(post)

        if dry_run:
            for post in prepared:
                n = queued(post)
                report.posts.append(PostResult(config.relative(post.path), "translated" if n else "unchanged", segments=n))
            return report
        pairs = {w.language.lang.tag for p in prepared for w in p.targets if w.plan.queued}
        run.models = {tag: run.needs_engine().model_version(run.source, tag) for tag in sorted(pairs)}
        run.terms = term_tables(prepared, run)
        if on_total:
            on_total(sum(map(queued, prepared)))
        wanted = {p.unit.hash for post in prepared for w in post.targets for p in w.plan.queued}
        parsed = {str(store.path_for(p.path)): p.memory for p in prepared if p.memory_bytes is not None}
        site = load_site_memory(store.dir / "memory", wanted, parsed)  # the site-wide memory
        for chunk in _chunks(prepared):
            results = translate_queued(chunk, run, on_progress, site)
            for post in chunk:
                report.posts.append(_finish(post, results, run, store))
    return report


def _prepare(page: SourcePage, run: Run, store: MemoryStore, *, check_untouched: bool) -> PreparedPost | PostResult:
    """A post read and planned, or its result when there is nothing to plan."""
    config = run.config
    rel = config.relative(page.path)
    with ReadOnce() as files:  # each of the post's files is read once, whatever asks
        if check_untouched and untouched(page, config, store, run.inputs, run.languages, files, run.refresh_from):
            return PostResult(rel, "unchanged")
        post = prepare_post(page, config, store, run.glossary, run.languages, files, run.refresh_from)
    return PostResult(rel, "skipped", message="translate: false") if post is None else post


def _finish(post: PreparedPost, results: dict, run: Run, store: MemoryStore) -> PostResult:
    """Write the post; when a person saved one of its files meanwhile, plan it again from
    their bytes and translate what that queues (their text is kept, as any human edit)."""
    rel = run.config.relative(post.path)
    for _ in range(REPLANS):
        try:
            return finish_post(post, results, run, store)
        except ChangedOnDisk:
            pass
        except Exception as error:  # noqa: BLE001 - the per-post boundary
            return post_failure(rel, error)
        try:
            again = _prepare(post.page, run, store, check_untouched=False)
        except Exception as error:  # noqa: BLE001 - the per-post boundary
            return post_failure(rel, error)
        if isinstance(again, PostResult):
            return again
        post, results = again, translate_queued([again], run) if queued(again) else {}
    return PostResult(rel, "skipped", message=f"{rel}: edited again and again while it was being synced; left as it is"
                      " — run `translate sync` again when the edits stop")


def post_failure(rel: str, error: Exception) -> PostResult:
    """What one post's exception becomes: that post failed, with the file and what to do."""
    return PostResult(rel, "failed", message=str(as_post_error(error, rel)))


def _clean_up(config: SiteConfig, store: MemoryStore, sources: Sequence[SourcePage], report: SyncReport) -> None:
    """Finish what a killed run left: pending memory commits, then its temp files."""
    for source in store.pending_sources():
        try:
            store.recover(source)
        except Exception as error:  # noqa: BLE001 - the per-post boundary
            report.posts.append(post_failure(config.relative(source), error))
    folders = {config.content_dir} | {p.path.parent for page in sources for p in (page.page, *page.siblings.values())}
    remove_stale_temps(folders)
    remove_stale_temps([store.dir], recursive=True)


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
