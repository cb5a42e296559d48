"""The memory file format: one JSON Lines file per source post (`memory.store` keeps them).

Line 1 is a header (per target: sibling path, source hash, counts, diverged flag) so
`check` and `status` read one line per post; every further line is one block of one
target, in source order, holding its segments (sentences, or a person's unit of several);
a target's retired segments (a person's text whose source was deleted) follow its blocks.
Keys are sorted and nothing volatile is stored, so the files diff and merge well in git
and a second sync leaves them byte-identical.

Format 1 (the block-level release) is read too: each of its blocks becomes one segment
covering every sentence of the block (`hashes == ()`), and the next sync writes format 2.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from ..errors import PostError
from ..problems import Problem

FORMAT = 2
MACHINE, HUMAN, REVIEWED = "machine", "human", "reviewed"
FINDING_CHECKS = ("glossary", "numbers", "placeholder")


def made_with_key(engine: str | None, model: str | None) -> str:
    """How memory names what made machine text: `engine/model`."""
    return f"{engine or ''}/{model or ''}"


@dataclass(frozen=True)
class SegmentRecord:
    """What the tool knows about one segment of one block of one target language: one
    source sentence, or the run of sentences one human edit covered."""

    source: str  # source text (markup included) of the sentences it covers, when last translated
    hashes: tuple[str, ...]  # each covered sentence's hash; () when it covers its whole block (format 1)
    text: str  # the text in the sibling as last written or read back
    origin: str = MACHINE  # MACHINE | HUMAN | REVIEWED
    machine: str | None = None  # the last machine output
    engine: str | None = None
    model: str | None = None
    glossary: str = ""  # versions of the glossary terms this segment contains
    stale: bool = False  # the source changed under a human or reviewed text
    previous_source: str | None = None  # the source before its last change, for the diff
    suggestion: str | None = None  # machine output for the changed source, not applied
    findings: tuple[Problem, ...] = ()  # what the checks found in `text` (or the suggestion)

    @property
    def person(self) -> bool:
        return self.origin in (HUMAN, REVIEWED)

    @property
    def made_with(self) -> str:
        """`engine/model` of machine text: what `machine_refresh` compares with the run's."""
        return made_with_key(self.engine, self.model)

    @property
    def baseline(self) -> str:
        """The source its text was made from: the previous source while it is stale."""
        return self.previous_source if self.stale and self.previous_source is not None else self.source

    def to_dict(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k not in ("findings", "hashes") and v not in (None, False, "")}
        data.update(source=self.source, text=self.text, hashes=list(self.hashes))
        if self.findings:
            data["findings"] = [f.to_memory() for f in self.findings]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "SegmentRecord":
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["hashes"] = tuple(values.get("hashes") or ())
        values["findings"] = tuple(Problem.from_memory(f) for f in values.get("findings") or ())
        return cls(**values)


@dataclass(frozen=True)
class BlockRecord:
    """One block (a body block, or a front matter field) of one target: the unit of assembly."""

    key: str  # "field:title" or "body"
    source: str  # the block's source text when last planned
    source_hash: str
    text: str  # the block's text in the sibling as last written or read back
    segments: tuple[SegmentRecord, ...] = ()

    @property
    def person(self) -> bool:
        """Whether a person wrote or reviewed any of its segments: its text goes in as written."""
        return any(s.person for s in self.segments)

    def to_json(self, target: str, pos: int, *, retired: bool = False) -> str:
        data = {"key": self.key, "source": self.source, "source_hash": self.source_hash, "text": self.text,
                "segments": [s.to_dict() for s in self.segments], "target": target, "pos": pos}
        if retired:
            data["retired"] = True
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: dict) -> "BlockRecord":
        if "segments" not in data:  # format 1: the block was the segment
            segment = SegmentRecord.from_dict({**data, "hashes": ()})
            return cls(data["key"], data["source"], data["source_hash"], data["text"], (segment,))
        segments = tuple(SegmentRecord.from_dict(s) for s in data["segments"])
        return cls(data["key"], data["source"], data["source_hash"], data["text"], segments)


@dataclass(frozen=True)
class TargetMemory:
    """One target language of one post."""

    sibling: str  # site-relative path
    source_hash: str = ""  # hash of the source file when the sibling was made
    sibling_hash: str = ""  # hash of the sibling file as the tool last wrote or read it
    inputs: str = ""  # hash of the settings it was made under (glossary version, fields, currency style)
    glossary: str = ""  # the glossary version its `translation:` block names
    diverged: bool = False
    blocks: tuple[BlockRecord, ...] = ()
    retired: tuple[BlockRecord, ...] = ()  # a person's segments whose source was deleted, kept for review

    @property
    def segments(self) -> list[SegmentRecord]:
        return [s for b in self.blocks for s in b.segments]

    def counts(self) -> dict[str, int]:
        body = self.segments
        return {
            "blocks": len(self.blocks),
            "segments": len(body),
            "machine": sum(s.origin == MACHINE for s in body),
            "human": sum(s.origin == HUMAN for s in body),
            "reviewed": sum(s.origin == REVIEWED for s in body),
            "stale": sum(s.stale for s in body),
            "retired": len(self.retired),
            "findings": sum(bool(s.findings) for s in body),
            **{
                f"findings_{check}": sum(any(f.kind == check for f in s.findings) for s in body)
                for check in FINDING_CHECKS
            },
        }

    def made_with(self) -> dict[str, int]:
        """Machine segments by `engine/model`: `status` and the freshness check compare these with the run's."""
        out: dict[str, int] = {}
        for s in self.segments:
            if s.origin == MACHINE:
                out[s.made_with] = out.get(s.made_with, 0) + 1
        return dict(sorted(out.items()))

    def status(self) -> str:
        """The sibling's `translation.status`: stale > edited > machine > reviewed."""
        counts = self.counts()
        if counts["stale"]:
            return "stale"
        if counts["human"]:
            return "edited"
        if counts["machine"]:
            return "machine"
        return "reviewed"


@dataclass(frozen=True)
class PostMemory:
    source: str  # site-relative path of the source post
    targets: dict[str, TargetMemory] = field(default_factory=dict)
    translations: tuple[str, ...] = ()  # the source's `translations` list as last written

    def with_target(self, tag: str, target: TargetMemory) -> "PostMemory":
        return replace(self, targets={**self.targets, tag: target})

    def dumps(self) -> str:
        header = {
            "memory": FORMAT,
            "source": self.source,
            "translations": list(self.translations),
            "targets": {
                tag: {
                    "sibling": t.sibling,
                    "source_hash": t.source_hash,
                    "sibling_hash": t.sibling_hash,
                    "inputs": t.inputs,
                    "glossary": t.glossary,
                    "diverged": t.diverged,
                    "status": t.status(),
                    "made_with": t.made_with(),
                    **t.counts(),
                }
                for tag, t in sorted(self.targets.items())
            },
        }
        lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
        for tag, target in sorted(self.targets.items()):
            lines += [b.to_json(tag, pos) for pos, b in enumerate(target.blocks)]
            lines += [b.to_json(tag, pos, retired=True) for pos, b in enumerate(target.retired)]
        return "\n".join(lines) + "\n"

    @classmethod
    def loads(cls, text: str, path: Path | None = None) -> "PostMemory":
        number = 1
        try:
            # Split on "\n" only: a block's text may hold U+2028 and friends, which JSON writes raw.
            lines = text.removesuffix("\n").split("\n")
            header = json.loads(lines[0])
            blocks: dict[str, list[BlockRecord]] = {}
            retired: dict[str, list[BlockRecord]] = {}
            for number, line in enumerate(lines[1:], start=2):
                data = json.loads(line)
                into = retired if data.get("retired") else blocks
                into.setdefault(data["target"], []).append(BlockRecord.from_json(data))
            number = 1
            targets = {
                tag: TargetMemory(
                    sibling=info["sibling"],
                    source_hash=info.get("source_hash", ""),
                    sibling_hash=info.get("sibling_hash", ""),
                    inputs=info.get("inputs", ""),
                    glossary=info.get("glossary", ""),
                    diverged=info.get("diverged", False),
                    blocks=tuple(blocks.get(tag, ())),
                    retired=tuple(retired.get(tag, ())),
                )
                for tag, info in header.get("targets", {}).items()
            }
            return cls(source=header["source"], targets=targets, translations=tuple(header.get("translations", ())))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PostError(
                f"translation memory is unreadable ({type(exc).__name__}: {exc})",
                path=path,
                line=number,
                hint="restore it from git, or delete it to rebuild from the siblings",
            ) from None


def parse_header(line: bytes, path: Path) -> dict:
    """A memory file's first line: all `check`, `status` and freshness need
    (`MemoryStore.header` reads it)."""
    try:
        header = json.loads(line)
        targets = header.get("targets", {})  # AttributeError: not an object
        if not isinstance(targets, dict) or not all(isinstance(t, dict) for t in targets.values()):
            raise ValueError("targets is not a map of targets")
        return header
    except (ValueError, AttributeError):
        raise PostError(
            "translation memory header is unreadable",
            path=path,
            line=1,
            hint="restore it from git, or delete it to rebuild from the siblings",
        ) from None


def header_matter(header: dict, source_hash: str) -> dict | None:
    """The source's `translations` as the header recorded them, when the source is the
    file every target was made from: saves parsing its front matter."""
    targets = header.get("targets") or {}
    if "translations" not in header or not targets:
        return None
    if any(t.get("source_hash") != source_hash for t in targets.values()):
        return None
    return {"translations": header["translations"]}
