"""The review queue: every block that needs an editor, and why (`review.actions` resolves them).

Items come from the plan a sync would make now (memory plus the sibling as it is on
disk), so what an editor sees is exactly what an action changes.

Items are segments (a sentence, or a person's unit of several). Reasons: `unreviewed`
(machine output nobody approved), `stale` (the source changed under a person's text), a
finding's check (`glossary`, `numbers`, `placeholder`, ...), `retired` (a person's text
whose source was deleted: kept in memory, shown here), and two post-level ones that no
segment action can fix: `diverged` (the sibling's blocks no longer line up) and
`outdated` (the source changed since the last sync).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..errors import UsageError
from ..glossary.matcher import Glossary, site_glossary
from ..memory.records import MACHINE, BlockRecord, SegmentRecord
from ..memory.store import MemoryStore
from ..pipeline.plan import Planned
from ..pipeline.read import PreparedPost, prepare_post
from ..problems import Problem, printable
from ..site.config import HugoLanguage, SiteConfig
from ..site.discover import SourcePage, discover
from ..site.files import ReadOnce, short_hash
from ..status.diff import text_diff

REASONS = (
    "unreviewed", "stale", "glossary", "numbers", "placeholder", "enforce", "engine", "findings", "retired", "diverged",
    "outdated",
)
RETIRED_MESSAGE = ("source removed; your translation is kept here — reuse it elsewhere by hand, or approve the item"
                   " to let it go")
ID_PATTERN = re.compile(r"[0-9a-f]{12}")


class ItemNotFound(UsageError):
    """No queue item has this id (any more)."""


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
    findings: tuple[Problem, ...] = ()  # located: the post, the block's line, the language
    origin: str = ""  # machine | human | reviewed
    message: str = ""  # what to do, for post-level items
    block: tuple["Neighbour", ...] = ()  # every segment of the item's block, in order (the item's own included)

    @property
    def actionable(self) -> bool:
        return self.key != "post" and "retired" not in self.reasons

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("block")  # the other segments are items of their own
        data["findings"] = [f.to_dict() for f in self.findings]
        data["diff"] = [list(op) for op in self.diff]
        data["reasons"] = list(self.reasons)
        return data


@dataclass(frozen=True)
class Neighbour:
    """One segment of a block, for showing the block as aligned sentence pairs."""

    id: str
    source: str
    translation: str
    reasons: tuple[str, ...]
    diff: tuple[tuple[int, str], ...] = ()  # its own source diff, when its source changed


def item_id(post: str, language: str, key: str, source_hash: str, occurrence: int) -> str:
    """Stable across unrelated edits: content and occurrence among equal blocks, never position."""
    return short_hash("\x00".join((post, language, key, source_hash, str(occurrence))), 12)


def resolve_post(config: SiteConfig, post: str | Path) -> str:
    """A post given as absolute, site-relative or content-relative path → site-relative."""
    path = Path(post)
    candidates = [path] if path.is_absolute() else [config.root / path, config.content_dir / path, Path.cwd() / path]
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
            found = resolved.is_file() and resolved.is_relative_to(config.content_dir)
        except (OSError, ValueError):  # a NUL byte, a name too long, a loop: no such post
            continue
        if found:
            return config.relative(resolved)
    raise UsageError(f"{printable(str(post))[:200]}: no such post in this site", hint="pass a source post path, e.g. content/posts/foo.md")


def _reasons(record: SegmentRecord) -> tuple[str, ...]:
    reasons = []
    if record.origin == MACHINE:
        reasons.append("unreviewed")
    if record.stale:
        reasons.append("stale")
    checks = (f.kind for f in record.findings)
    reasons += dict.fromkeys(c if c in REASONS else "findings" for c in checks)
    return tuple(reasons)


def planned_ids(post: str, language: str, planned: Sequence[Planned]) -> list[str]:
    seen: Counter[tuple[str, str]] = Counter()
    ids = []
    for p in planned:
        seen[(p.unit.key, p.unit.hash)] += 1
        ids.append(item_id(post, language, p.unit.key, p.unit.hash, seen[(p.unit.key, p.unit.hash)] - 1))
    return ids


def retired_ids(post: str, language: str, retired: Sequence[BlockRecord]) -> list[str]:
    """The ids of a target's retired segments: by content and occurrence, like every item's."""
    seen: Counter[str] = Counter()
    ids = []
    for block in retired:
        seen[block.source_hash] += 1
        ids.append(item_id(post, language, "retired", block.source_hash, seen[block.source_hash] - 1))
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
        ids = planned_ids(post, tag, work.plan.planned)
        rows = [Neighbour(ident, p.unit.source, p.record.text, _reasons(p.record), _source_diff(p.record))
                for p, ident in zip(work.plan.planned, ids)]
        blocks: dict[int, tuple[Neighbour, ...]] = {}
        for p, row in zip(work.plan.planned, rows):
            blocks[p.block] = (*blocks.get(p.block, ()), row)
        for p, row in zip(work.plan.planned, rows):
            record = p.record
            if not row.reasons and not resolved:
                continue
            yield ReviewItem(
                id=row.id, post=post, language=tag, sibling=sibling, key=p.unit.key, line=p.unit.line,
                reasons=row.reasons, source=p.unit.source, translation=record.text,
                previous_source=record.previous_source if row.diff else None, diff=row.diff,
                suggestion=record.suggestion, findings=tuple(f.at(post, p.unit.line, tag) for f in record.findings),
                origin=record.origin, block=blocks[p.block] if len(blocks[p.block]) > 1 else (),
            )
        for block, ident in zip(work.plan.retired, retired_ids(post, tag, work.plan.retired)):
            yield ReviewItem(
                id=ident, post=post, language=tag,
                sibling=sibling, key=block.key, line=1, reasons=("retired",), source=block.source, translation=block.text,
                origin=block.segments[0].origin if block.segments else "", message=RETIRED_MESSAGE,
            )


def _source_diff(record: SegmentRecord) -> tuple[tuple[int, str], ...]:
    changed = record.previous_source is not None and record.previous_source != record.source
    return text_diff(record.previous_source, record.source) if changed else ()


def _language(config: SiteConfig, tag: str | None) -> HugoLanguage | None:
    return config.named_target(tag) if tag is not None else None  # the `--to` of sync and diff


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

    settings = (config.fields, config.stale_policy, config.source.key, tuple(t.key for t in config.targets),
                *(_digest(path.read_bytes()) for path in config.glossary_paths))
    items: list[ReviewItem] = []
    for page in sources:
        if only is not None and config.relative(page.path) != only:
            continue
        for item in _cached_post_items(config, page, store, terms, settings, cache=glossary is None):
            if wanted is not None and item.language != wanted.lang.tag:
                continue
            if not item.reasons and not resolved:
                continue
            if reason is None or reason in item.reasons or (reason == "findings" and item.findings):
                items.append(item)
    return items


_CACHE: dict[tuple[str, str], tuple[tuple, list[ReviewItem]]] = {}


def _digest(data: bytes | None) -> bytes | None:
    """What a file holds, cheaply: its bytes' hash (mtimes are too coarse for quick re-edits)."""
    return None if data is None else hashlib.blake2b(data, digest_size=16).digest()


def _cached_post_items(
    config: SiteConfig, page: SourcePage, store: MemoryStore, terms: Callable[[], Glossary | None],
    settings: tuple, *, cache: bool,
) -> list[ReviewItem]:
    """Every item of one post, resolved blocks included; recomputed when any of its files
    (or `settings`: the config and glossary files) changes. The files are read once, for
    the stamp and, when it changed, for the plan."""
    files = ReadOnce()
    paths = [page.path, *(p.path for p in page.siblings.values()), store.path_for(page.path)]
    try:
        stamp = (settings, *((str(path), _digest(files.bytes(path))) for path in paths))
    except OSError:  # a FIFO, a folder, a looping link: sync and check report the post
        return []
    key = (str(config.root), str(page.path))
    hit = _CACHE.get(key)
    if cache and hit is not None and hit[0] == stamp:
        return hit[1]
    try:
        prepared = prepare_post(page, config, store, terms(), files=files)
    except Exception:  # noqa: BLE001 - the per-post boundary: a broken post is reported by sync and check
        prepared = None  # and has no reviewable blocks
    items = list(_post_items(config, prepared, resolved=True)) if prepared is not None else []
    if cache:
        _CACHE[key] = (stamp, items)
    return items


def get_item(config: SiteConfig, ident: str) -> ReviewItem:
    """The item with this id, also once resolved (then `reasons` is empty); else `ItemNotFound`."""
    (item,) = find_items(config, [ident])
    return item


def find_items(config: SiteConfig, ids: Iterable[str]) -> list[ReviewItem]:
    """The items with these ids (resolved ones too), in that order; `ItemNotFound` for any other."""
    ids = list(dict.fromkeys(ids))
    for ident in ids:
        if not ID_PATTERN.fullmatch(ident or ""):
            raise ItemNotFound(f"{ident!r} is not a review item id", hint="ids are 12 hex digits, see `translate review list`")
    blocks = {item.id: item for item in list_items(config, resolved=True)}
    for ident in ids:
        if ident not in blocks:
            raise ItemNotFound(f"no review item {ident}", hint="its post or block changed — see `translate review list`")
    return [blocks[ident] for ident in ids]


EDIT_COMMENT = "# "  # lines of context above the text to edit in `review edit`


def edit_template(item: ReviewItem) -> str:
    """What `review edit` opens: the source sentence (and its change) as comment lines, then the text."""
    lines = ["source:", *item.source.splitlines()]
    if item.previous_source is not None:
        lines += ["previous source:", *item.previous_source.splitlines()]
    if item.suggestion is not None:
        lines += ["machine suggestion:", *item.suggestion.splitlines()]
    lines.append(f"edit the {item.language} text below; lines starting with {EDIT_COMMENT.strip()!r} up here are dropped")
    return "".join(EDIT_COMMENT + line + "\n" for line in lines) + item.translation + "\n"


def edited_text(text: str) -> str:
    """The text an editor saved from `edit_template`: the leading comment lines dropped."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(EDIT_COMMENT.strip()):
        lines.pop(0)
    return "".join(lines)
