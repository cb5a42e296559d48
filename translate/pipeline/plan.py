"""Plan one target of one post against memory: what to reuse, translate, or suggest.

Rules, in the manner of a catalog update, with the sentence as the unit (the block stays
the unit of assembly):
- Blocks are known by content: a source block whose hash is in memory is the same block,
  wherever it moved. Changed blocks are re-paired to their old selves by a sequence diff
  (diff-match-patch over block hashes), so an inserted paragraph disturbs nothing else.
  Inside a paired block its sentences are re-paired to the old segments the same way,
  over sentence hashes, so editing one sentence leaves the others alone.
- The sibling is read before planning: the segments a person changed become human
  (`pipeline.edits`) and are never replaced.
- Unchanged source, or a changed glossary term only under human text: reuse.
- Changed source (or a changed glossary term, or machine text another engine or model
  made, unless `machine_refresh = "never"`) under machine text: translate that sentence.
- Changed source under human or reviewed text: keep the text, mark it stale, store the
  previous source and a new machine suggestion (policy `retranslate` replaces instead).
- Source removed under human or reviewed text: the segment is retired, kept in memory
  for the review queue; removed under machine text: dropped.
- A sibling whose block count no longer matches what was written is `diverged`: untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Sequence

from diff_match_patch import diff_match_patch

from ..memory.records import HUMAN, MACHINE, BlockRecord, SegmentRecord, TargetMemory
from ..site.files import short_hash
from .edits import record_edits

if TYPE_CHECKING:
    from .read import Terms, Unit

REUSE, TRANSLATE, SUGGEST = "reuse", "translate", "suggest"


@dataclass(frozen=True)
class Planned:
    unit: "Unit"  # the segment: one sentence, or the sentences a person's unit covers
    action: str  # REUSE | TRANSLATE | SUGGEST
    record: SegmentRecord  # what memory knows now (text to keep when not translating)
    terms: "Terms"  # the segment's glossary matches for this target
    block: int = 0  # its block: an index into the post's units (`PreparedPost.units`)


@dataclass(frozen=True)
class TargetPlan:
    planned: tuple[Planned, ...]
    diverged: bool = False
    retired: tuple[BlockRecord, ...] = ()  # every retired segment of the target, those retired now included
    human_edits: int = 0  # human units recorded from the sibling in this plan
    newly_retired: int = 0

    @property
    def queued(self) -> list[Planned]:
        return [p for p in self.planned if p.action != REUSE]


@dataclass(frozen=True)
class SiblingState:
    """What the sibling on disk says now; `None` texts when it does not exist."""

    fields: dict[str, str]
    body: list[str]
    status: str | None = None  # its `translation.status`, for adopting memory-less siblings


@dataclass(frozen=True)
class PlanRules:
    """How one target is planned: its tag, the stale policy, `Run.refresh_from`'s answer and
    the source language."""

    target: str
    policy: str = "keep"
    refresh_from: str | None = None  # machine text must be `engine/model` this, else it is translated again
    source: str = field(kw_only=True)  # the site's source language (its sentence separator joins merged sources)


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


def new_record(unit: "Unit", terms: "Terms") -> SegmentRecord:
    return SegmentRecord(source=unit.source, hashes=sentence_hashes(unit), text="", glossary=terms.version)


def sentence_hashes(unit: "Unit") -> tuple[str, ...]:
    return tuple(s.hash for s in unit.sentences)


@dataclass
class _Block:
    """Planning one block: its unit, its old record, and what comes out."""

    index: int
    unit: "Unit"
    terms: Callable[["Unit"], "Terms"]
    rules: PlanRules
    planned: list[Planned] = field(default_factory=list)
    retired: list[SegmentRecord] = field(default_factory=list)
    edits: int = 0

    def add(self, unit: "Unit", action: str, record: SegmentRecord) -> None:
        self.planned.append(Planned(unit, action, record, self.terms(unit), self.index))

    def translate(self, first: int, last: int, previous: str | None = None) -> None:
        """Sentences first..last to the engine, one segment each; `previous`: the source
        a lone changed sentence had, for the review queue's diff."""
        for n in range(first, last + 1):
            sentence = self.unit.sentences[n]
            record = new_record(sentence, self.terms(sentence))
            self.add(sentence, TRANSLATE, replace(record, previous_source=previous) if first == last else record)

    def keep(self, first: int, last: int, old: SegmentRecord) -> None:
        """Sentences first..last are exactly the source of `old`."""
        unit = self.unit.run(first, last)
        version = self.terms(unit).version
        refresh = self.rules.refresh_from is not None and self.rules.refresh_from != old.made_with
        if old.person:
            self.add(unit, REUSE, replace(old, source=unit.source, glossary=version))
        elif version != old.glossary or refresh:
            self.translate(first, last)  # (a machine unit of several sentences, from format 1, is split now)
        else:
            self.add(unit, REUSE, old)

    def changed(self, first: int, last: int, old: SegmentRecord) -> None:
        """Sentences first..last are what became of `old`'s source."""
        if not old.person or self.rules.policy != "keep":
            self.translate(first, last, old.source)
            return
        unit = self.unit.run(first, last)
        previous = old.baseline
        record = replace(old, source=unit.source, hashes=sentence_hashes(unit), previous_source=previous, stale=True)
        self.add(unit, SUGGEST, record)


def plan_block(index: int, unit: "Unit", old: BlockRecord | None, now: str | None,
               terms: Callable[["Unit"], "Terms"], rules: PlanRules) -> _Block:
    """One block's segments against its old record (`now`: its text in the sibling, when
    it may have been edited)."""
    block = _Block(index, unit, terms, rules)
    last = len(unit.sentences) - 1
    if old is None:
        block.translate(0, last)
        return block
    segments = list(old.segments)
    if now is not None and now != old.text and segments:
        segments, block.edits = record_edits(segments, old.text, now, rules.target, rules.source)
    if any(not s.hashes for s in segments):  # format 1: one segment for the whole block
        whole = segments[0]
        if old.source_hash == unit.hash:
            block.keep(0, last, replace(whole, hashes=sentence_hashes(unit)))
        else:
            block.changed(0, last, whole)
        return block
    _pair_sentences(block, segments)
    return block


def _pair_sentences(block: _Block, segments: list[SegmentRecord]) -> None:
    """Re-pair the block's sentences to its old segments by a sequence diff over hashes."""
    old_hashes = [h for s in segments for h in s.hashes]
    owner = [k for k, s in enumerate(segments) for _ in s.hashes]
    new_hashes = [s.hash for s in block.unit.sentences]
    paired: dict[int, list[tuple[int, int]]] = {}  # old segment → its (old, new) sentence pairs
    for i, j in pair_blocks(old_hashes, new_hashes):
        if i is not None:
            paired.setdefault(owner[i], []).append((i, j))
    taken: dict[int, tuple[int, int, bool]] = {}  # first new sentence → (last, segment, exact)
    for k, segment in enumerate(segments):
        pairs = paired.get(k, [])
        news = [j for _, j in pairs if j is not None]
        same = all(j is not None and old_hashes[i] == new_hashes[j] for i, j in pairs)
        exact = bool(news) and same and news == list(range(news[0], news[0] + len(segment.hashes)))
        if not news:
            if segment.person:
                block.retired.append(segment)
            continue
        taken[news[0]] = (news[-1], k, exact)
    j = 0
    while j < len(new_hashes):
        if j in taken:
            last, k, exact = taken[j]
            (block.keep if exact else block.changed)(j, last, segments[k])
            j = last + 1
        else:
            block.translate(j, j)
            j += 1


def plan_target(
    units: Sequence["Unit"],
    terms: Callable[["Unit"], "Terms"],
    memory: TargetMemory | None,
    sibling: SiblingState | None,
    rules: PlanRules,
) -> TargetPlan:
    """Decide, for each segment of each unit (with `terms` giving a unit's glossary terms
    for this target), whether to reuse, translate or suggest."""
    indexed = list(enumerate(units))
    fields = [(n, u) for n, u in indexed if u.key != "body"]
    body = [(n, u) for n, u in indexed if u.key == "body"]
    old_records = list(memory.blocks) if memory else []
    old_fields = {r.key: r for r in old_records if r.key != "body"}
    old_body = [r for r in old_records if r.key == "body"]

    if memory is None and sibling is not None:
        return _adopt(indexed, sibling, terms)
    if sibling is not None and len(sibling.body) != len(old_body):
        return TargetPlan((), diverged=True, retired=memory.retired if memory else ())

    blocks: list[_Block] = []
    for n, unit in fields:
        now = sibling.fields.get(unit.key) if sibling else None
        blocks.append(plan_block(n, unit, old_fields.get(unit.key), now, terms, rules))
    retired: list[BlockRecord] = []
    for old_index, new_index in pair_blocks([r.source_hash for r in old_body], [u.hash for _, u in body]):
        now = sibling.body[old_index] if sibling and old_index is not None else None
        if new_index is None:
            gone = old_body[old_index]
            segments = list(gone.segments)
            if now is not None and now != gone.text:
                segments, _ = record_edits(segments, gone.text, now, rules.target, rules.source)
            retired += [_retired(gone.key, s) for s in segments if s.person]
            continue
        n, unit = body[new_index]
        blocks.append(plan_block(n, unit, old_body[old_index] if old_index is not None else None, now, terms, rules))
    retired += [_retired(unit.key, s) for b in blocks for s in b.retired]
    planned = sorted((p for b in blocks for p in b.planned), key=lambda p: p.block)  # stable: sentence order kept
    kept = memory.retired if memory else ()
    return TargetPlan(tuple(planned), retired=(*kept, *retired), human_edits=sum(b.edits for b in blocks),
                      newly_retired=len(retired))


def _retired(key: str, segment: SegmentRecord) -> BlockRecord:
    """A person's segment whose source is gone, as memory keeps it for the review queue."""
    segment = replace(segment, stale=False, suggestion=None)
    return BlockRecord(key, segment.source, short_hash(segment.source), segment.text, (segment,))


def _adopt(indexed: Sequence[tuple[int, "Unit"]], sibling: SiblingState, terms: Callable[["Unit"], "Terms"]) -> TargetPlan:
    """A sibling the tool has no memory of: its text is kept, block by block, if it lines up."""
    body = [(n, u) for n, u in indexed if u.key == "body"]
    if len(sibling.body) != len(body):
        return TargetPlan((), diverged=True)
    origin = MACHINE if sibling.status == "machine" else HUMAN
    texts = iter(sibling.body)
    planned = []
    for n, unit in indexed:
        text = sibling.fields.get(unit.key) if unit.key != "body" else next(texts)
        if text is None:
            planned += [Planned(s, TRANSLATE, new_record(s, terms(s)), terms(s), n) for s in unit.sentences]
        else:
            record = replace(new_record(unit, terms(unit)), text=text, origin=origin)
            planned.append(Planned(unit, REUSE, record, terms(unit), n))
    return TargetPlan(tuple(planned))
