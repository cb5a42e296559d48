"""Review actions: approve, accept a suggestion, save an edit, retranslate.

Each action rewrites the sibling and memory through `apply_records`, which plans the post
as a sync would and finishes it with `pipeline.write.finish_post`: the same lock, atomic
writes and memory commit as a sync.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..engines.base import Engine
from ..errors import PostError, UsageError
from ..glossary.matcher import Glossary, site_glossary
from ..memory.records import HUMAN, REVIEWED, SegmentRecord
from ..memory.store import MemoryStore
from ..pipeline.plan import REUSE, TRANSLATE, Planned
from ..pipeline.read import prepare_post
from ..pipeline.setup import Run
from ..pipeline.translate import translate_queued
from ..pipeline.write import PostResult, finish_post
from ..site.config import HugoLanguage, SiteConfig
from ..site.discover import discover
from ..site.files import user_cache_dir
from ..site.lock import site_lock
from . import undo
from .items import ItemNotFound, ReviewItem, find_items, list_items, planned_ids, retired_ids


class EditConflict(PostError):
    """The block changed since the editor started from it; nothing was written."""


@dataclass
class ReviewResult:
    """What an action did: the items it resolved and the files it wrote."""

    done: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def merge(self, other: "ReviewResult") -> None:
        self.done += other.done
        self.written += [w for w in other.written if w not in self.written]


Change = Callable[[tuple[Planned, ...]], list[tuple[SegmentRecord, str]]]


def apply_records(
    config: SiteConfig,
    source: Path,
    language: HugoLanguage,
    change: Change,
    *,
    engine: Engine | None = None,
    glossary: Glossary | None = None,
    dismiss: frozenset[str] = frozenset(),
) -> PostResult:
    """Rewrite one sibling from edited memory records, through the same writes as sync.

    `change` gets the post's current plan and returns, per unit, the record to keep and
    an action: REUSE, or TRANSLATE to run the engine on it again (needs `engine`). Every
    review action is made of this. `dismiss`: ids of retired segments to drop from memory.
    """
    store = MemoryStore(config.root, config.content_dir)
    run = Run(config, engine, glossary, (language,))
    with site_lock(config.root):
        store.recover(source.resolve())
        pages, _ = discover(config, [source])
        page = next((p for p in pages if p.path == source.resolve()), None)
        if page is None:
            raise PostError(f"{source} is not a source post of this site", path=source, hint="pass the source post")
        post = prepare_post(page, config, store, glossary, [language])
        if post is None or not post.targets:
            raise PostError(f"{source} is not translated into {language.lang.tag}", path=source, hint="check its front matter")
        work = post.targets[0]
        if work.plan.diverged:
            raise PostError(
                "the sibling's blocks no longer line up with the source", path=work.sibling_path,
                hint="realign it by hand, then run `translate sync`",
            )
        if any(p.action == TRANSLATE for p in work.plan.planned):
            raise PostError(
                "the source changed since the last sync", path=source, hint="run `translate sync` first, then review"
            )
        decided = change(work.plan.planned)
        planned = tuple(replace(p, action=action, record=record) for p, (record, action) in zip(work.plan.planned, decided))
        ids = retired_ids(config.relative(page.path), language.lang.tag, work.plan.retired)
        if dismiss - set(ids):
            raise ItemNotFound(f"review item {min(dismiss - set(ids))} is gone", hint="reload the queue")
        retired = tuple(b for b, ident in zip(work.plan.retired, ids) if ident not in dismiss)
        work.plan = replace(work.plan, planned=planned, retired=retired)
        results = {}
        if any(action == TRANSLATE for _, action in decided):
            if engine is None:
                raise PostError("retranslating needs an engine", path=source, hint="pass --engine")
            run.models[language.lang.tag] = engine.model_version(config.source.lang.tag, language.lang.tag)
            results = translate_queued([post], run)
        result = finish_post(post, results, run, store)
    if result.state == "failed":
        raise PostError(result.message or "could not write the sibling", path=source)
    return result


Decide = Callable[[Planned, str], tuple[SegmentRecord, str]]


def _act(
    config: SiteConfig,
    items: Sequence[ReviewItem],
    decide: Decide,
    *,
    engine: Engine | None = None,
    glossary: Glossary | None = None,
    dismiss_retired: bool = False,
) -> ReviewResult:
    """Apply `decide` to each item's segment, one `apply_records` call per post × language.
    With `dismiss_retired` (approve), retired items are dropped from memory; other actions refuse them."""
    result = ReviewResult()
    groups: dict[tuple[str, str], set[str]] = {}
    dismissed: dict[tuple[str, str], set[str]] = {}
    for item in items:
        if "retired" in item.reasons and dismiss_retired:
            dismissed.setdefault((item.post, item.language), set()).add(item.id)
            groups.setdefault((item.post, item.language), set())
            continue
        if not item.actionable:
            raise PostError(item.message, path=item.sibling)
        groups.setdefault((item.post, item.language), set()).add(item.id)
    for (post, tag), wanted in groups.items():
        language = config.language(tag)
        assert language is not None  # items come from the site's own targets

        def change(planned: tuple[Planned, ...], post: str = post, tag: str = tag, wanted: set[str] = wanted):
            if any(p.action != REUSE for p in planned):
                raise PostError(
                    "the source changed since the last sync", path=config.root / post,
                    hint="run `translate sync`, then review",
                )
            decided, found = [], set()
            for p, ident in zip(planned, planned_ids(post, tag, planned)):
                if ident in wanted:
                    found.add(ident)
                    decided.append(decide(p, ident))
                else:
                    decided.append((p.record, REUSE))
            if wanted - found:
                raise ItemNotFound(f"review item {min(wanted - found)} is gone", hint="reload the queue")
            return decided

        dismiss = frozenset(dismissed.get((post, tag), ()))
        written = apply_records(config, config.root / post, language, change, engine=engine, glossary=glossary,
                                dismiss=dismiss)
        result.merge(ReviewResult(sorted(wanted | dismiss), list(written.written)))
    return result


def _resolved(record: SegmentRecord, **changes: object) -> SegmentRecord:
    """A record an editor has dealt with: stale, suggestion, diff and findings cleared."""
    return replace(record, stale=False, suggestion=None, previous_source=None, findings=(), **changes)


def _check_expected(record: SegmentRecord, ident: str, expected: str | None, sibling: str) -> None:
    if expected is not None and _lf(expected) != _lf(record.text):
        raise EditConflict(
            f"review item {ident} changed since you opened it; nothing was saved",
            path=sibling,
            hint="reload it, compare, and apply your change again",
        )


def keep_draft(ident: str, text: str) -> Path:
    """Save an editor's text that could not be applied, outside the site (XDG's cache); its path."""
    path = user_cache_dir() / "drafts" / f"{ident}-{int(time.time())}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def approve(
    config: SiteConfig, ids: Sequence[str], *, expected: Mapping[str, str] | None = None, glossary: Glossary | None = None
) -> ReviewResult:
    """Mark these segments reviewed as they stand (a retired one: let it go, out of memory);
    `expected` (id → text) refuses changed ones."""
    items = find_items(config, ids)
    return _approve(config, items, expected or {}, glossary if glossary is not None else site_glossary(config))


def _approve(config: SiteConfig, items: Sequence[ReviewItem], expected: Mapping[str, str], glossary: Glossary | None) -> ReviewResult:
    siblings = {item.id: item.sibling for item in items}

    def decide(p: Planned, ident: str) -> tuple[SegmentRecord, str]:
        _check_expected(p.record, ident, expected.get(ident), siblings[ident])
        return _resolved(p.record, origin=REVIEWED), REUSE

    return _act(config, items, decide, glossary=glossary, dismiss_retired=True)


def approve_post(config: SiteConfig, post: str | Path, *, language: str | None = None) -> ReviewResult:
    """Approve every block item of one post (all its target languages unless `language`)."""
    items = [i for i in list_items(config, post=post, language=language) if i.actionable]
    return _approve(config, items, {}, site_glossary(config)) if items else ReviewResult()


def approve_all_clean(config: SiteConfig, *, language: str | None = None) -> ReviewResult:
    """Approve unreviewed machine blocks with no findings; stale blocks need a decision, so stay."""
    items = [
        i for i in list_items(config, language=language)
        if i.actionable and i.reasons == ("unreviewed",) and not i.findings
    ]
    return _approve(config, items, {}, site_glossary(config)) if items else ReviewResult()


def accept_suggestion(config: SiteConfig, ident: str, *, expected: str | None = None) -> ReviewResult:
    """Replace the block's text with the stored machine suggestion, as reviewed; the text it
    replaces is kept for `undo`."""
    (item,) = find_items(config, [ident])
    if item.suggestion is None:
        raise UsageError(f"review item {ident} has no suggestion", hint="approve, edit or retranslate it instead")

    def decide(p: Planned, ident: str) -> tuple[SegmentRecord, str]:
        _check_expected(p.record, ident, expected, item.sibling)
        if p.record.suggestion is None:
            raise EditConflict(f"review item {ident} has no suggestion any more", path=item.sibling, hint="reload it")
        text = p.record.suggestion
        undo.keep(config, item.post, ident, p.record)
        return _resolved(p.record, text=text, machine=text, origin=REVIEWED), REUSE

    return _act(config, [item], decide, glossary=site_glossary(config))


def save_edit(config: SiteConfig, ident: str, text: str, *, expected: str) -> ReviewResult:
    """Write an editor's text for the block, refusing if it changed since `expected`."""
    (item,) = find_items(config, [ident])
    new = _lf(text).strip("\n")  # as typed: only the newlines an editor adds around it go
    if not new.strip():
        raise UsageError("the new text is empty; nothing was saved", hint="write the translation, or approve the block as it is")

    def decide(p: Planned, ident: str) -> tuple[SegmentRecord, str]:
        _check_expected(p.record, ident, expected, item.sibling)
        value = new.replace("\n", "\r\n") if "\r\n" in p.record.text else new
        return _resolved(p.record, text=value, origin=HUMAN), REUSE

    return _act(config, [item], decide, glossary=site_glossary(config))


def retranslate(config: SiteConfig, ident: str, engine: Engine, *, expected: str | None = None) -> ReviewResult:
    """Run the engine on the block again; the output is machine text, still to review.
    `expected` refuses a block changed since; the text it replaces is kept for `undo`."""
    (item,) = find_items(config, [ident])

    def decide(p: Planned, ident: str) -> tuple[SegmentRecord, str]:
        _check_expected(p.record, ident, expected, item.sibling)
        undo.keep(config, item.post, ident, p.record)
        return p.record, TRANSLATE

    return _act(config, [item], decide, engine=engine, glossary=site_glossary(config))


def undo_action(config: SiteConfig, ident: str, *, expected: str | None = None) -> ReviewResult:
    """Put back the block an `accept-suggestion` or `retranslate` replaced, as it was."""
    (item,) = find_items(config, [ident])
    old = undo.kept(config, item.post, ident)
    if old is None:
        raise UsageError(f"review item {ident} has nothing to undo",
                         hint="only accept-suggestion and retranslate keep what they replace")

    def decide(p: Planned, ident: str) -> tuple[SegmentRecord, str]:
        _check_expected(p.record, ident, expected, item.sibling)
        return old, REUSE

    result = _act(config, [item], decide, glossary=site_glossary(config))
    undo.forget(config, item.post, ident)
    return result
