"""Write: a post's new files and memory, only what changed, atomically and resumably.

The new memory goes to `*.pending` first, then the source (when its `translations` list
changed) and the siblings are written, then the pending memory replaces the old one
(`memory.store`). A file is replaced only if it still holds the bytes the post was
planned from (`ChangedOnDisk` otherwise, and the caller plans again): editors take no
lock, so a person's save during a run must win. Sync and every review action finish a post through `finish_post`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..document.post import copy_document, render_document
from ..errors import TranslateError
from ..memory.records import TargetMemory
from ..memory.store import MemoryStore
from ..problems import ERROR, WARNING, Problem
from ..site.files import write_text_atomic
from .assemble import sibling_document, target_records
from .plan import REUSE, SUGGEST
from .rounds import Translated

if TYPE_CHECKING:
    from .plan import TargetPlan
    from .read import PreparedPost
    from .setup import Run


@dataclass
class PostResult:
    path: str
    state: str  # "translated" | "unchanged" | "failed" | "skipped" | "diverged"
    written: list[str] = field(default_factory=list)
    segments: int = 0  # segments sent to be translated (for the text, or for a suggestion)
    findings: list[Problem] = field(default_factory=list)  # located: the post, the block's line, the target
    message: str | None = None
    diverged: list[str] = field(default_factory=list)
    # What happened to the post's segments, over all its targets:
    translated: int = 0  # machine text made by the engine in this run
    reused: int = 0  # kept from this post's memory (machine and human text)
    reused_site: int = 0  # machine text taken from the site-wide memory instead of the engine
    human_edits: int = 0  # human units recorded from the siblings
    stale: int = 0  # human text whose source changed in this run: kept, with a new suggestion
    retired: int = 0  # human text whose source was deleted in this run: kept in memory for review

    def count(self, work_plan: "TargetPlan", results: dict[int, Translated]) -> None:
        """Add one target's plan to the counters."""
        for planned in work_plan.planned:
            if planned.action == REUSE:
                self.reused += 1
            elif planned.action == SUGGEST:
                self.stale += 1
            elif (done := results.get(id(planned))) is not None and done.from_site:
                self.reused_site += 1
            else:
                self.translated += 1
        self.human_edits += work_plan.human_edits
        self.retired += work_plan.newly_retired


def finish_post(post: "PreparedPost", results: dict[int, Translated], run: "Run", store: MemoryStore) -> PostResult:
    """Assemble every target of `post` from `results` and write what changed."""
    config = run.config
    rel = config.relative(post.path)
    result = PostResult(rel, "unchanged", findings=list(post.notes))
    for work in post.targets:
        tag = work.language.lang.tag
        for planned in work.plan.queued:
            done = results.get(id(planned))
            broken = [f for f in done.findings if f.kind == "engine" and f.severity == ERROR] if done else []
            if broken:
                return PostResult(
                    rel, "failed", findings=[f.at(rel, planned.unit.line, tag) for f in broken],
                    message=f"{rel}:{planned.unit.line}: {broken[0].message} — nothing written for this post;"
                    " check the engine or model",
                )
    try:
        source_doc = copy_document(post.document)
        source_doc.front_matter.set("translations", post.translations)
        source_text = render_document(source_doc)
        memory = replace(post.memory, translations=tuple(post.translations))
        writes: list[tuple[Path, str, bytes | None]] = []  # path, new text, the bytes planned from
        if source_text != post.text:
            writes.append((post.path, source_text, post.text.encode("utf-8")))
        for work in post.targets:
            tag = work.language.lang.tag
            if work.plan.diverged:
                result.diverged.append(tag)
                result.findings.append(Problem(
                    "diverged", "the sibling's blocks no longer line up with the source; left untouched", WARNING,
                    config.relative(work.sibling_path), 1, "run `translate status` and realign it by hand", tag,
                ))
                old = memory.targets.get(tag) or TargetMemory(config.relative(work.sibling_path))
                memory = memory.with_target(tag, replace(old, diverged=True))
                continue
            records, findings = target_records(post, work, results, run)
            target_memory, sibling_text = sibling_document(post, work, records, run, source_doc, source_text)
            result.segments += len(work.plan.queued)
            result.count(work.plan, results)
            result.findings += findings
            memory = memory.with_target(tag, target_memory)
            if sibling_text != work.sibling_text:  # as read, under the lock
                expected = work.sibling_text.encode("utf-8") if work.sibling_text is not None else None
                writes.append((work.sibling_path, sibling_text, expected))
    except TranslateError as error:
        return PostResult(rel, "failed", message=str(error))
    if writes or memory != post.memory:  # (a pending memory was recovered before the post was read)
        new = memory.dumps()
        store.begin(post.path, new)
        try:
            for path, text, expected in writes:  # each only if it still holds what was planned from
                write_text_atomic(path, text, root=config.root, unless_equal=False, expected=expected)
                result.written.append(config.relative(path))
        except BaseException:
            store.settle(post.path)  # memory then describes exactly the files that were written
            raise
        store.commit(post.path, unchanged=post.memory_bytes == new.encode("utf-8"))
    if result.diverged and not result.segments:
        result.state = "diverged"
    elif result.written:
        result.state = "translated"
    return result
