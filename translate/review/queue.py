"""The review queue: every block that needs an editor, why, and one action to resolve it.

Items come from the plan a sync would make now (memory plus the sibling as it is on
disk), so what an editor sees is exactly what an action changes. Every action goes
through `sync.apply_records`: the same lock, atomic writes and memory commit as a sync.

Reasons: `unreviewed` (machine output nobody approved), `stale` (the source changed under
a person's text), a finding's check (`glossary`, `numbers`, `placeholder`, ...), and two
post-level ones that no block action can fix: `diverged` (the sibling's blocks no longer
line up) and `outdated` (the source changed since the last sync).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from ..config import HugoLanguage, SiteConfig
from ..discover import SourcePage, discover
from ..engines.base import Engine
from ..errors import PostError, TranslateError, UsageError
from ..findings import Finding
from ..fsio import short_hash
from ..glossary import Glossary, load_glossary
from ..memory import HUMAN, MACHINE, REVIEWED, BlockRecord, MemoryStore
from ..plan import REUSE, TRANSLATE, Planned
from ..prepare import PreparedPost, prepare_post
from ..sourcediff import text_diff
from ..sync import apply_records

REASONS = (
    "unreviewed", "stale", "glossary", "numbers", "placeholder", "enforce", "engine", "findings", "diverged", "outdated",
)
ID_PATTERN = re.compile(r"[0-9a-f]{12}")


class ItemNotFound(UsageError):
    """No queue item has this id (any more)."""


class EditConflict(PostError):
    """The block changed since the editor started from it; nothing was written."""


@dataclass(frozen=True)
class ReviewItem:
    """One thing an editor should look at: a block, or a whole post (`key == "post"`)."""

    id: str
    post: str  # site-relative source path
    language: str  # BCP 47 tag of the target
    sibling: str  # site-relative path of the translation
    key: str  # "field:title" | "body" | "post"
    line: int  # line of the block in the source post
    reasons: tuple[str, ...]
    source: str = ""  # the source text now
    translation: str = ""  # the text in the sibling now
    previous_source: str | None = None  # the source the translation was made from, when it changed
    diff: tuple[tuple[int, str], ...] = ()  # previous_source → source, diff-match-patch ops
    suggestion: str | None = None  # machine output for the changed source, not applied
    findings: tuple[Finding, ...] = ()
    origin: str = ""  # machine | human | reviewed
    message: str = ""  # what to do, for post-level items

    @property
    def actionable(self) -> bool:
        return self.key != "post"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["findings"] = [f.to_dict() for f in self.findings]
        data["diff"] = [list(op) for op in self.diff]
        data["reasons"] = list(self.reasons)
        return data


@dataclass
class ReviewResult:
    """What an action did: the items it resolved and the files it wrote."""

    done: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def merge(self, other: "ReviewResult") -> None:
        self.done += other.done
        self.written += [w for w in other.written if w not in self.written]


def item_id(post: str, language: str, key: str, source_hash: str, occurrence: int) -> str:
    """Stable across unrelated edits: content and occurrence among equal blocks, never position."""
    return short_hash("\x00".join((post, language, key, source_hash, str(occurrence))), 12)


def site_glossary(config: SiteConfig) -> Glossary | None:
    return load_glossary(config.glossary_paths) if config.glossary_paths else None


def resolve_post(config: SiteConfig, post: str | Path) -> str:
    """A post given as absolute, site-relative or content-relative path → site-relative."""
    path = Path(post)
    candidates = [path] if path.is_absolute() else [config.root / path, config.content_dir / path, Path.cwd() / path]
    for candidate in candidates:
        resolved = candidate.resolve()
        if resolved.is_file() and resolved.is_relative_to(config.content_dir):
            return config.relative(resolved)
    raise UsageError(f"{post}: no such post in this site", hint="pass a source post path, e.g. content/posts/foo.md")


def _reasons(record: BlockRecord) -> tuple[str, ...]:
    reasons = []
    if record.origin == MACHINE:
        reasons.append("unreviewed")
    if record.stale:
        reasons.append("stale")
    checks = (str(f.get("check", "")) for f in record.findings)
    reasons += dict.fromkeys(c if c in REASONS else "findings" for c in checks)
    return tuple(reasons)


def _planned_ids(post: str, language: str, planned: Sequence[Planned]) -> list[str]:
    seen: Counter[tuple[str, str]] = Counter()
    ids = []
    for p in planned:
        seen[(p.unit.key, p.unit.hash)] += 1
        ids.append(item_id(post, language, p.unit.key, p.unit.hash, seen[(p.unit.key, p.unit.hash)] - 1))
    return ids


def _post_items(config: SiteConfig, prepared: PreparedPost, *, resolved: bool = False) -> Iterable[ReviewItem]:
    """The post's queue items; with `resolved`, also blocks that need nothing (no reasons)."""
    post = config.relative(prepared.path)
    for work in prepared.targets:
        tag = work.language.lang.tag
        sibling = config.relative(work.sibling_path)
        if tag not in prepared.memory.targets and not work.sibling_path.exists():
            continue  # never translated: `translate sync`'s job, and `check` reports it
        common = dict(post=post, language=tag, sibling=sibling, key="post", line=1)
        if work.plan.diverged:
            yield ReviewItem(
                id=item_id(post, tag, "post", "diverged", 0), reasons=("diverged",), **common,
                message="the sibling's blocks no longer line up with the source — realign it by hand, then run `translate sync`",
            )
            continue
        if work.plan.queued:
            yield ReviewItem(
                id=item_id(post, tag, "post", "outdated", 0), reasons=("outdated",), **common,
                message="the source changed since the last sync — run `translate sync`, then review",
            )
            continue
        for p, ident in zip(work.plan.planned, _planned_ids(post, tag, work.plan.planned)):
            record = p.record
            reasons = _reasons(record)
            if not reasons and not resolved:
                continue
            changed = record.previous_source is not None and record.previous_source != record.source
            yield ReviewItem(
                id=ident, post=post, language=tag, sibling=sibling, key=p.unit.key, line=p.unit.line,
                reasons=reasons, source=p.unit.source, translation=record.text,
                previous_source=record.previous_source if changed else None,
                diff=text_diff(record.previous_source, record.source) if changed else (),
                suggestion=record.suggestion, findings=tuple(Finding.from_dict(f) for f in record.findings),
                origin=record.origin,
            )


def _language(config: SiteConfig, tag: str | None) -> HugoLanguage | None:
    if tag is None:
        return None
    language = config.language(tag)
    if language is None or language == config.source:
        raise UsageError(f"--lang {tag}: not a target language of the site", hint="use one of the site's languages")
    return language


def list_items(
    config: SiteConfig,
    *,
    language: str | None = None,
    reason: str | None = None,
    post: str | Path | None = None,
    glossary: Glossary | None = None,
    resolved: bool = False,
) -> list[ReviewItem]:
    """The queue, in post and block order; filters narrow it. Reads files and memory only.

    `resolved` adds the blocks that need nothing (empty `reasons`), so an action on an item
    someone else just resolved still finds its block and can tell what changed. Without an
    explicit `glossary`, the site's is used and each post's items are cached in-process
    until one of its files changes (the web page lists the queue on every request).
    """
    if reason is not None and reason not in REASONS:
        raise UsageError(f"--reason {reason}: unknown", hint=f"use one of {', '.join(REASONS)}")
    wanted = _language(config, language)
    only = resolve_post(config, post) if post is not None else None
    store = MemoryStore(config.root, config.content_dir)
    sources, _ = discover(config)
    site_terms: list[Glossary | None] = [glossary] if glossary is not None else []

    def terms() -> Glossary | None:
        if not site_terms:
            site_terms.append(site_glossary(config))
        return site_terms[0]

    items: list[ReviewItem] = []
    for page in sources:
        if only is not None and config.relative(page.path) != only:
            continue
        for item in _cached_post_items(config, page, store, terms, cache=glossary is None):
            if wanted is not None and item.language != wanted.lang.tag:
                continue
            if not item.reasons and not resolved:
                continue
            if reason is None or reason in item.reasons or (reason == "findings" and item.findings):
                items.append(item)
    return items


_CACHE: dict[tuple[str, str], tuple[tuple, list[ReviewItem]]] = {}


def _stat(path: Path) -> tuple:
    """What a file holds, cheaply: its bytes' hash (mtimes are too coarse for quick re-edits)."""
    try:
        return (str(path), hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    except FileNotFoundError:
        return (str(path),)


def _cached_post_items(
    config: SiteConfig, page: SourcePage, store: MemoryStore, terms: Callable[[], Glossary | None], *, cache: bool
) -> list[ReviewItem]:
    """Every item of one post, resolved blocks included; recomputed when any of its files changes."""
    files = [page.path, *(p.path for p in page.siblings.values()), store.path_for(page.path), *config.glossary_paths]
    stamp = (config.fields, config.stale_policy, config.source.key, tuple(t.key for t in config.targets), *map(_stat, files))
    key = (str(config.root), str(page.path))
    hit = _CACHE.get(key)
    if cache and hit is not None and hit[0] == stamp:
        return hit[1]
    try:
        prepared = prepare_post(page, config, store, terms())
    except TranslateError:
        prepared = None  # a broken post is reported by sync and check; it has no reviewable blocks
    items = list(_post_items(config, prepared, resolved=True)) if prepared is not None else []
    if cache:
        _CACHE[key] = (stamp, items)
    return items


def get_item(config: SiteConfig, ident: str) -> ReviewItem:
    """The item with this id, also once resolved (then `reasons` is empty); else `ItemNotFound`."""
    (item,) = _items(config, [ident])
    return item


Decide = Callable[[Planned, str], tuple[BlockRecord, str]]


def _act(
    config: SiteConfig,
    items: Sequence[ReviewItem],
    decide: Decide,
    *,
    engine: Engine | None = None,
    glossary: Glossary | None = None,
) -> ReviewResult:
    """Apply `decide` to each item's block, one `apply_records` call per post × language."""
    result = ReviewResult()
    groups: dict[tuple[str, str], set[str]] = {}
    for item in items:
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
            for p, ident in zip(planned, _planned_ids(post, tag, planned)):
                if ident in wanted:
                    found.add(ident)
                    decided.append(decide(p, ident))
                else:
                    decided.append((p.record, REUSE))
            if wanted - found:
                raise ItemNotFound(f"review item {min(wanted - found)} is gone", hint="reload the queue")
            return decided

        written = apply_records(config, config.root / post, language, change, engine=engine, glossary=glossary)
        result.merge(ReviewResult(sorted(wanted), list(written.written)))
    return result


def _resolved(record: BlockRecord, **changes: object) -> BlockRecord:
    """A record an editor has dealt with: stale, suggestion, diff and findings cleared."""
    return replace(record, stale=False, suggestion=None, previous_source=None, findings=(), **changes)


def _check_expected(record: BlockRecord, ident: str, expected: str | None, sibling: str) -> None:
    if expected is not None and _lf(expected) != _lf(record.text):
        raise EditConflict(
            f"review item {ident} changed since you opened it; nothing was saved",
            path=sibling,
            hint="reload it, compare, and apply your change again (your text is shown beside it)",
        )


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _items(config: SiteConfig, ids: Iterable[str]) -> list[ReviewItem]:
    ids = list(dict.fromkeys(ids))
    for ident in ids:
        if not ID_PATTERN.fullmatch(ident or ""):
            raise ItemNotFound(f"{ident!r} is not a review item id", hint="ids are 12 hex digits, see `translate review list`")
    blocks = {item.id: item for item in list_items(config, resolved=True)}
    for ident in ids:
        if ident not in blocks:
            raise ItemNotFound(f"no review item {ident}", hint="its post or block changed — see `translate review list`")
    return [blocks[ident] for ident in ids]


def approve(
    config: SiteConfig, ids: Sequence[str], *, expected: Mapping[str, str] | None = None, glossary: Glossary | None = None
) -> ReviewResult:
    """Mark these blocks reviewed as they stand; `expected` (id → text) refuses changed ones."""
    items = _items(config, ids)
    return _approve(config, items, expected or {}, glossary if glossary is not None else site_glossary(config))


def _approve(config: SiteConfig, items: Sequence[ReviewItem], expected: Mapping[str, str], glossary: Glossary | None) -> ReviewResult:
    siblings = {item.id: item.sibling for item in items}

    def decide(p: Planned, ident: str) -> tuple[BlockRecord, str]:
        _check_expected(p.record, ident, expected.get(ident), siblings[ident])
        return _resolved(p.record, origin=REVIEWED), REUSE

    return _act(config, items, decide, glossary=glossary)


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
    """Replace the block's text with the stored machine suggestion, as reviewed."""
    (item,) = _items(config, [ident])
    if item.suggestion is None:
        raise UsageError(f"review item {ident} has no suggestion", hint="approve, edit or retranslate it instead")

    def decide(p: Planned, ident: str) -> tuple[BlockRecord, str]:
        _check_expected(p.record, ident, expected, item.sibling)
        if p.record.suggestion is None:
            raise EditConflict(f"review item {ident} has no suggestion any more", path=item.sibling, hint="reload it")
        text = p.record.suggestion
        return _resolved(p.record, text=text, machine=text, origin=REVIEWED), REUSE

    return _act(config, [item], decide, glossary=site_glossary(config))


def save_edit(config: SiteConfig, ident: str, text: str, *, expected: str) -> ReviewResult:
    """Write an editor's text for the block, refusing if it changed since `expected`."""
    (item,) = _items(config, [ident])
    new = _lf(text).strip()
    if not new:
        raise UsageError("the new text is empty; nothing was saved", hint="write the translation, or approve the block as it is")

    def decide(p: Planned, ident: str) -> tuple[BlockRecord, str]:
        _check_expected(p.record, ident, expected, item.sibling)
        value = new.replace("\n", "\r\n") if "\r\n" in p.record.text else new
        return _resolved(p.record, text=value, origin=HUMAN), REUSE

    return _act(config, [item], decide, glossary=site_glossary(config))


def retranslate(config: SiteConfig, ident: str, engine: Engine) -> ReviewResult:
    """Run the engine on the block again; the output is machine text, still to review."""
    (item,) = _items(config, [ident])
    return _act(config, [item], lambda p, _: (p.record, TRANSLATE), engine=engine, glossary=site_glossary(config))
