"""What changed in a source post since its translation was made, block by block.

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
from ..pipeline.read import post_units
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
    """Blocks whose source differs from the one their current translation was made from."""
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
    baseline = [(r.previous_source if r.stale and r.previous_source is not None else r.source) for r in records]
    diffs: list[BlockDiff] = []
    old_fields = {r.key: b for r, b in zip(records, baseline) if r.key != "body"}
    for unit in units:
        if unit.key != "body" and old_fields.get(unit.key, "") != unit.source:
            old = old_fields.get(unit.key, "")
            diffs.append(BlockDiff(unit.key, unit.line, old, unit.source, text_diff(old, unit.source)))
    old_body = [b for r, b in zip(records, baseline) if r.key == "body"]
    new_body = [u for u in units if u.key == "body"]
    pairs = pair_blocks([short_hash(b) for b in old_body], [u.hash for u in new_body])
    for old_index, new_index in pairs:
        old = old_body[old_index] if old_index is not None else ""
        unit = new_body[new_index] if new_index is not None else None
        new = unit.source if unit else ""
        if old != new:
            diffs.append(BlockDiff("body", unit.line if unit else 0, old, new, text_diff(old, new)))
    return diffs
