"""What changed in a source post since its translation was made, segment by segment.

Compute only: `status.render` shows the diff in a terminal or on the review page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diff_match_patch import diff_match_patch

from ..document.post import read_document
from ..errors import UsageError
from ..markup.segment import segment
from ..memory.store import MemoryStore
from ..pipeline.plan import pair_blocks
from ..memory.records import BlockRecord
from ..pipeline.read import Unit, post_units
from ..site.config import HugoLanguage, SiteConfig
from ..site.files import short_hash

EQUAL, DELETE, INSERT = 0, -1, 1


@dataclass(frozen=True)
class BlockDiff:
    key: str  # "field:title" | "body"
    line: int  # line in the current source (0 for removed blocks)
    old: str  # the source the translation was made from ("" for a new block)
    new: str  # the source now ("" for a removed block)
    ops: tuple[tuple[int, str], ...]


def text_diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    """diff-match-patch with semantic cleanup: readable word-level chunks."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0
    ops = dmp.diff_main(old, new)
    dmp.diff_cleanupSemantic(ops)
    return tuple((op, text) for op, text in ops)


def source_diff(config: SiteConfig, post: Path, language: HugoLanguage) -> list[BlockDiff]:
    """Segments whose source differs from the one their current translation was made from:
    changed sentences, not whole blocks."""
    path = post.resolve()
    if not path.is_relative_to(config.content_dir):
        raise UsageError(f"{post} is not a post of this site: it is outside {config.relative(config.content_dir)}/",
                         hint="pass a source post under the content dir")
    memory = MemoryStore(config.root, config.content_dir).load(path)
    tag = language.lang.tag
    if memory is None or tag not in memory.targets:
        raise UsageError(
            f"{config.relative(path)} has no {tag} translation memory yet", hint="run `translate sync` first"
        )
    document = read_document(path)
    units = post_units(document, segment(document.body, config.shortcode_params), config)
    records = memory.targets[tag].blocks
    diffs: list[BlockDiff] = []
    old_fields = {r.key: r for r in records if r.key != "body"}
    for unit in units:
        if unit.key != "body":
            diffs += _segment_diffs(unit, old_fields.get(unit.key))
    old_body = [r for r in records if r.key == "body"]
    new_body = [u for u in units if u.key == "body"]
    for old_index, new_index in pair_blocks([r.source_hash for r in old_body], [u.hash for u in new_body]):
        old = old_body[old_index] if old_index is not None else None
        if new_index is None:
            assert old is not None
            diffs += [BlockDiff(old.key, 0, text, "", text_diff(text, "")) for text in _baselines(old)]
        else:
            diffs += _segment_diffs(new_body[new_index], old)
    return diffs


def _baselines(block: BlockRecord | None) -> list[str]:
    """Each old segment's source as its translation was made from it."""
    if block is None:
        return []
    return [s.baseline for s in block.segments]


def _segment_diffs(unit: Unit, old: BlockRecord | None) -> list[BlockDiff]:
    """The changed segments of one block: its old segments against its sentences now, paired
    by content (a person's unit of several sentences is compared whole)."""
    news: list[str] = []
    sentences = unit.sentences
    covers = {s.hashes: s for s in old.segments if len(s.hashes) > 1} if old is not None else {}
    n = 0
    while n < len(sentences):
        run = next((len(h) for h in covers if tuple(x.hash for x in sentences[n : n + len(h)]) == h), 1)
        news.append(unit.run(n, n + run - 1).source)
        n += run
    olds = _baselines(old)
    out = []
    for i, j in pair_blocks([short_hash(t) for t in olds], [short_hash(t) for t in news]):
        before = olds[i] if i is not None else ""
        after = news[j] if j is not None else ""
        if before != after:
            out.append(BlockDiff(unit.key, unit.line, before, after, text_diff(before, after)))
    return out
