"""Plan one target of one post against memory: what to reuse, translate, or suggest.

Rules, in the manner of a catalog update:
- Blocks are known by content: a source block whose hash is in memory is the same block,
  wherever it moved. Changed blocks are re-paired to their old selves by a sequence diff
  (diff-match-patch over block hashes), so an inserted paragraph disturbs nothing else.
- The sibling is read before planning: a block whose text differs from what the tool
  last wrote is a human edit, recorded as `human` and never replaced.
- Unchanged source, or a changed glossary term only under human text: reuse.
- Changed source (or a changed glossary term) under machine text: translate again.
- Changed source under human or reviewed text: keep the text, mark it stale, store the
  previous source and a new machine suggestion (policy `retranslate` replaces instead).
- A sibling whose block count no longer matches what was written is `diverged`: untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

from diff_match_patch import diff_match_patch

from ..memory.records import HUMAN, MACHINE, REVIEWED, BlockRecord, TargetMemory

if TYPE_CHECKING:
    from .read import Terms, Unit

REUSE, TRANSLATE, SUGGEST = "reuse", "translate", "suggest"


@dataclass(frozen=True)
class Planned:
    unit: "Unit"
    action: str  # REUSE | TRANSLATE | SUGGEST
    record: BlockRecord  # what memory knows now (text to keep when not translating)
    terms: "Terms"  # the unit's glossary matches for this target


@dataclass(frozen=True)
class TargetPlan:
    planned: tuple[Planned, ...]
    diverged: bool = False
    retired: tuple[BlockRecord, ...] = ()
    human_edits: int = 0

    @property
    def queued(self) -> list[Planned]:
        return [p for p in self.planned if p.action != REUSE]


@dataclass(frozen=True)
class SiblingState:
    """What the sibling on disk says now; `None` texts when it does not exist."""

    fields: dict[str, str]
    body: list[str]
    status: str | None = None  # its `translation.status`, for adopting memory-less siblings


def pair_blocks(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pairs (old index, new index) by hash sequence diff; None on the side that lacks one."""
    alphabet: dict[str, str] = {}

    def encode(hashes: Sequence[str]) -> str:
        return "".join(alphabet.setdefault(h, chr(0x100 + len(alphabet))) for h in hashes)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(encode(old), encode(new), False)
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    deleted: list[int] = []
    inserted: list[int] = []

    def flush() -> None:
        for a, b in zip(deleted, inserted):
            pairs.append((a, b))
        pairs.extend((a, None) for a in deleted[len(inserted) :])
        pairs.extend((None, b) for b in inserted[len(deleted) :])
        deleted.clear()
        inserted.clear()

    for op, text in diffs:
        if op == 0:
            flush()
            for _ in text:
                pairs.append((i, j))
                i, j = i + 1, j + 1
        elif op == -1:
            deleted.extend(range(i, i + len(text)))
            i += len(text)
        else:
            inserted.extend(range(j, j + len(text)))
            j += len(text)
    flush()
    return pairs


def new_record(unit: "Unit", terms: "Terms") -> BlockRecord:
    return BlockRecord(key=unit.key, source=unit.source, source_hash=unit.hash, text="", glossary=terms.version)


def _decide(unit: "Unit", version: str, old: BlockRecord, current: str | None, policy: str) -> tuple[str, BlockRecord, bool]:
    """Action for a unit paired with its old record; also whether a human edit was seen."""
    edited = current is not None and current != old.text
    record = old
    if edited:
        record = replace(old, text=current, origin=HUMAN)
    person = record.origin in (HUMAN, REVIEWED)
    if unit.hash == old.source_hash:
        if version != old.glossary and not person:
            return TRANSLATE, record, edited
        return REUSE, replace(record, glossary=version) if person else record, edited
    changed = replace(record, previous_source=old.source, source=unit.source, source_hash=unit.hash)
    if person and policy == "keep":
        return SUGGEST, replace(changed, stale=True), edited
    return TRANSLATE, changed, edited


def plan_target(
    units: Sequence["Unit"],
    terms: Sequence["Terms"],
    memory: TargetMemory | None,
    sibling: SiblingState | None,
    *,
    policy: str = "keep",
) -> TargetPlan:
    """Decide, for each unit (with its glossary `terms` for this target), whether to
    reuse, translate or suggest."""
    pairs = list(zip(units, terms))
    fields = [(u, t) for u, t in pairs if u.key != "body"]
    body = [(u, t) for u, t in pairs if u.key == "body"]
    old_records = list(memory.blocks) if memory else []
    old_fields = {r.key: r for r in old_records if r.key != "body"}
    old_body = [r for r in old_records if r.key == "body"]

    if memory is None and sibling is not None:
        return _adopt(fields, body, sibling)
    if sibling is not None and len(sibling.body) != len(old_body):
        return TargetPlan(tuple(Planned(u, REUSE, new_record(u, t), t) for u, t in pairs), diverged=True)

    planned: list[Planned] = []
    edits = 0
    for unit, unit_terms in fields:
        old = old_fields.get(unit.key)
        if old is None:
            planned.append(Planned(unit, TRANSLATE, new_record(unit, unit_terms), unit_terms))
            continue
        current = sibling.fields.get(unit.key) if sibling else None
        action, record, edited = _decide(unit, unit_terms.version, old, current, policy)
        edits += edited
        planned.append(Planned(unit, action, record, unit_terms))

    retired = []
    for old_index, new_index in pair_blocks([r.source_hash for r in old_body], [u.hash for u, _ in body]):
        if new_index is None:
            retired.append(old_body[old_index])
            continue
        unit, unit_terms = body[new_index]
        if old_index is None:
            planned.append(Planned(unit, TRANSLATE, new_record(unit, unit_terms), unit_terms))
            continue
        current = sibling.body[old_index] if sibling else None
        action, record, edited = _decide(unit, unit_terms.version, old_body[old_index], current, policy)
        edits += edited
        planned.append(Planned(unit, action, record, unit_terms))
    order = {id(u): n for n, u in enumerate(units)}
    planned.sort(key=lambda p: order[id(p.unit)])
    return TargetPlan(tuple(planned), retired=tuple(retired), human_edits=edits)


def _adopt(fields: Sequence[tuple["Unit", "Terms"]], body: Sequence[tuple["Unit", "Terms"]],
           sibling: SiblingState) -> TargetPlan:
    """A sibling the tool has no memory of: its text is kept, block by block, if it lines up."""
    if len(sibling.body) != len(body):
        return TargetPlan(tuple(Planned(u, REUSE, new_record(u, t), t) for u, t in [*fields, *body]), diverged=True)
    origin = MACHINE if sibling.status == "machine" else HUMAN
    planned = []
    for unit, unit_terms in fields:
        text = sibling.fields.get(unit.key)
        if text is None:
            planned.append(Planned(unit, TRANSLATE, new_record(unit, unit_terms), unit_terms))
        else:
            planned.append(Planned(unit, REUSE, replace(new_record(unit, unit_terms), text=text, origin=origin), unit_terms))
    for (unit, unit_terms), text in zip(body, sibling.body):
        planned.append(Planned(unit, REUSE, replace(new_record(unit, unit_terms), text=text, origin=origin), unit_terms))
    return TargetPlan(tuple(planned))
